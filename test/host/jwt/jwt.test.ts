import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import vscode = require('vscode');
import { isAccepted, signToken, verifyToken } from '../../../src/core/jwt';
import { runProcess } from '../../../src/core/process';
import { hostDjangoPython } from '../../python/djangoVersions';
import { activateExtension, waitFor, workspaceRoot } from '../util';

// The Django the runner chose (DJANGO_KIT_DJANGO; the machine's 3.2 by default), with DRF and SimpleJWT.
const PYTHON = hostDjangoPython().python;

/** What the panel reports back once it has drawn a token or a verdict. */
interface Shown {
  readonly token: string;
  readonly parts: readonly string[];
  readonly claimNames: readonly string[];
  readonly verdict?: string;
  readonly claimProblems?: readonly string[];
  readonly created?: string;
  readonly projectKeyButton?: boolean;
}

interface ProjectVerification {
  readonly result?: { signature: string; alg: string; expired: boolean; notYetValid: boolean; reason: string; claims: { ok: boolean; problems: { claim: string }[] } };
  readonly error?: string;
  readonly shown?: Shown;
}

/** An access token minted by real SimpleJWT with the fixture's settings (HS256, SECRET_KEY). */
async function mintSimpleJwtToken(): Promise<string> {
  // This bundle runs from dist-test/host/jwt/; the script sits in the repository's test/python/.
  const mint = path.resolve(__dirname, '..', '..', '..', 'test', 'python', 'mint_simplejwt.py');
  const run = await runProcess({ command: PYTHON, args: [mint, workspaceRoot().fsPath] });
  assert.equal(run.code, 0, run.stderr);
  return run.stdout.trim();
}

/** The same token with one character of the payload's JSON changed (user 1 becomes user 2). */
function withChangedPayload(token: string): string {
  const [header, payload, signature] = token.split('.');
  const json = Buffer.from(payload, 'base64url').toString('utf8');
  assert.match(json, /"user_id":1\b/);
  return [header, Buffer.from(json.replace('"user_id":1', '"user_id":2')).toString('base64url'), signature].join('.');
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const FIXTURE_SECRET = 'django-insecure-fixture-key-for-django-kit-tests-only-0123456789';

/** Asks the fixture project's own SimpleJWT (Django 3.2, SimpleJWT 5.2) whether it accepts a token. */
async function simpleJwtAccepts(minted: string, type: 'access' | 'refresh'): Promise<{ accepted: boolean; error?: string }> {
  const script = path.resolve(__dirname, '..', '..', '..', 'test', 'python', 'accept_simplejwt.py');
  const run = await runProcess({ command: PYTHON, args: [script, workspaceRoot().fsPath, 'mysite.settings', JSON.stringify([{ token: minted, type }])] });
  assert.equal(run.code, 0, run.stderr);
  return (JSON.parse(run.stdout) as { accepted: boolean; error?: string }[])[0];
}

describe('JWT panel and commands', () => {
  let token: string;

  before(async () => {
    await activateExtension();
    token = await mintSimpleJwtToken();
  });

  it('opens the panel with a token and shows its three parts and claims', async () => {
    const shown = await vscode.commands.executeCommand<Shown | undefined>('djangoKit.jwt.decode', token);
    assert.ok(shown, 'the panel confirmed it drew the token');
    assert.deepEqual(shown.parts, token.split('.'));
    for (const claim of ['exp', 'iat', 'jti', 'token_type', 'user_id']) assert.ok(shown.claimNames.includes(claim), claim);
    assert.equal(shown.projectKeyButton, true, 'mysite/settings.py sets SECRET_KEY, so "Use Project Key" is offered');
  });

  it('verifies a real SimpleJWT token with the project key read from settings.py', async () => {
    const outcome = await vscode.commands.executeCommand<ProjectVerification | undefined>('djangoKit.jwt.verifyWithProjectKey', token);
    assert.ok(outcome?.result, outcome?.error ?? 'no result');
    assert.equal(outcome.result.signature, 'valid', outcome.result.reason);
    assert.equal(outcome.result.alg, 'HS256');
    assert.equal(outcome.result.expired, false);
    assert.equal(outcome.shown?.verdict, 'valid', 'the panel shows the valid badge');
  });

  it('reports the same token with one payload byte changed as invalid', async () => {
    const tampered = withChangedPayload(token);
    const outcome = await vscode.commands.executeCommand<ProjectVerification | undefined>('djangoKit.jwt.verifyWithProjectKey', tampered);
    assert.equal(outcome?.result?.signature, 'invalid');
    assert.equal(outcome?.shown?.verdict, 'invalid', 'the panel shows the invalid badge');
    assert.deepEqual(outcome?.shown?.parts, tampered.split('.'));
  });

  it('shows hostile claim text literally', async () => {
    const hostileName = '<img src=x onerror=alert(1)>';
    const hostile = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ [hostileName]: '</script><script>alert(2)</script>' })}.c2ln`;
    const shown = await vscode.commands.executeCommand<Shown | undefined>('djangoKit.jwt.decode', hostile);
    assert.ok(shown);
    assert.deepEqual(shown.claimNames, [hostileName]);
    assert.equal(shown.parts.length, 3);
  });

  it('shows a decoded summary when hovering a token in a file, unless turned off', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: `TOKEN = "${token}"\n` });
    const position = new vscode.Position(0, 20);
    const hoverText = async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    };
    const text = await waitFor('a JWT hover', async () => {
      const value = await hoverText();
      return value.includes('**JWT**') ? value : undefined;
    });
    assert.match(text, /"token_type": "access"/);
    assert.match(text, /command:djangoKit\.jwt\.decode\?/);
    const settings = vscode.workspace.getConfiguration('djangoKit.jwt');
    await settings.update('hover', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the hover to be turned off', async () => !(await hoverText()).includes('**JWT**'));
    } finally {
      await settings.update('hover', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows a pasted two-part token exactly as given, without adding a dot', async () => {
    const twoParts = token.split('.').slice(0, 2).join('.');
    const shown = await vscode.commands.executeCommand<Shown | undefined>('djangoKit.jwt.decode', twoParts);
    assert.deepEqual(shown?.parts, twoParts.split('.'));
  });

  it('creates an ES256 token in the panel, with the public key to verify it', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const created = await vscode.commands.executeCommand<{ token?: string; shown?: Shown } | undefined>('djangoKit.jwt.createToken', {
      alg: 'ES256',
      key: privateKey.export({ type: 'sec1', format: 'pem' }).toString(),
      claims: '{"role": "admin"}',
      subject: '7',
      expiresIn: '15m',
    });
    assert.ok(created?.token, 'a token was made');
    assert.equal(created.shown?.created, created.token, 'the panel shows the token it made');
    const result = await verifyToken(created.token, { text: publicKey.export({ type: 'spki', format: 'pem' }).toString() });
    assert.ok(isAccepted(result), result.reason);
    const refused = await vscode.commands.executeCommand<{ token?: string; shown?: Shown } | undefined>('djangoKit.jwt.createToken', { alg: 'RS256', key: 'just a secret' });
    assert.equal(refused?.token, undefined);
    assert.equal(refused?.shown?.created, '', 'the panel shows why instead of a token');
  });

  it("mints a token for this project that the project's SimpleJWT accepts", async () => {
    const minted = await vscode.commands.executeCommand<{ token?: { token: string; keySource: string }; error?: string; shown?: Shown } | undefined>('djangoKit.jwt.mintSimpleJwt', {
      userId: '5',
    });
    assert.ok(minted?.token, minted?.error ?? 'nothing minted');
    assert.equal(minted.token.keySource, 'SECRET_KEY');
    assert.deepEqual(minted.shown?.parts, minted.token.token.split('.'), 'the panel opened the minted token');
    assert.ok(minted.shown?.claimNames.includes('user_id'));
    const verdict = await simpleJwtAccepts(minted.token.token, 'access');
    assert.equal(verdict.accepted, true, verdict.error);
  });

  it('shows a genuine but expired token as signature valid, claims failing on exp', async () => {
    const expired = signToken({
      alg: 'HS256',
      key: { text: FIXTURE_SECRET },
      claims: { token_type: 'access', user_id: 1, jti: 'x' },
      helpers: { expiresIn: 300 },
      now: new Date(Date.now() - 3600_000),
    }).token;
    const outcome = await vscode.commands.executeCommand<ProjectVerification | undefined>('djangoKit.jwt.verifyWithProjectKey', expired);
    assert.equal(outcome?.result?.signature, 'valid', outcome?.error);
    assert.equal(outcome.result.claims.ok, false);
    assert.equal(outcome.shown?.verdict, 'valid');
    assert.deepEqual(outcome.shown?.claimProblems, ['exp'], 'the panel lists the failing claim');
  });
});
