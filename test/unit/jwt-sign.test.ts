import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import path from 'node:path';
import { main } from '../../src/cli';
import { decodeToken, isAccepted, SIGNING_ALGORITHMS, signToken, verifyToken } from '../../src/core/jwt';

const PYTHON = '/usr/bin/python3';
const PYJWT = path.join(__dirname, '..', 'python', 'pyjwt_verdicts.py');
const SECRET = 'a secret of at least sixty-four bytes, long enough for HS512 as well!!';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: process.cwd() });
  return { code, stdout, stderr };
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec: Record<string, KeyObject> = {
  ES256: generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey,
  ES384: generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey,
  ES512: generateKeyPairSync('ec', { namedCurve: 'P-521' }).privateKey,
};
const ed = generateKeyPairSync('ed25519');

/** Each algorithm with every private key form it accepts: PKCS#8, the legacy PKCS#1 / SEC1 PEM, and JWK. */
function keyForms(alg: string): { form: string; key: string }[] {
  if (alg.startsWith('HS')) return [{ form: 'secret', key: SECRET }];
  const privateKey = alg.startsWith('ES') ? ec[alg] : alg === 'EdDSA' ? ed.privateKey : rsa.privateKey;
  const forms = [
    { form: 'PKCS#8', key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    { form: 'JWK', key: JSON.stringify(privateKey.export({ format: 'jwk' })) },
  ];
  if (alg.startsWith('RS') || alg.startsWith('PS')) forms.push({ form: 'PKCS#1', key: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString() });
  if (alg.startsWith('ES')) forms.push({ form: 'SEC1', key: privateKey.export({ type: 'sec1', format: 'pem' }).toString() });
  return forms;
}

describe('jwt: making tokens', () => {
  it('signs with every algorithm and key form, and PyJWT accepts each token', async () => {
    const made: { alg: string; form: string; token: string; verifyKey: string }[] = [];
    for (const alg of SIGNING_ALGORITHMS) {
      for (const { form, key } of keyForms(alg)) {
        const run = await cli(['jwt', 'sign', '--alg', alg, `--key=${key}`, '--exp', '15m', '--sub', 'user-1', '--aud', 'api', '--iss', 'kit', '--jti']);
        assert.equal(run.code, 0, `${alg} ${form}: ${run.stderr}`);
        const token = run.stdout.trim();
        const publicKey = signToken({ alg, key: { text: key } }).publicKey;
        made.push({ alg, form, token, verifyKey: publicKey?.pem ?? SECRET });
        const ours = await verifyToken(token, { text: publicKey ? JSON.stringify(publicKey.jwk) : SECRET }, { expect: { audiences: ['api'], issuer: 'kit' } });
        assert.ok(isAccepted(ours), `${alg} ${form}: ${ours.reason} ${JSON.stringify(ours.claims)}`);
      }
    }
    const input = made.map((m) => ({ token: m.token, key: m.verifyKey, algorithms: [m.alg], audience: 'api', issuer: 'kit' }));
    const verdicts = JSON.parse(execFileSync(PYTHON, [PYJWT], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000 })) as [boolean, string | null][];
    const refused = made.map((m, index) => (verdicts[index][0] ? '' : `${m.alg} ${m.form}: ${verdicts[index][1]}`)).filter((line) => line !== '');
    assert.deepEqual(refused, []);
    assert.equal(made.length, 3 + 6 * 3 + 3 * 3 + 2);
  });

  it('puts the claim helpers in the payload, and the header given beside alg and typ', async () => {
    const now = new Date('2026-06-01T12:00:00Z');
    const seconds = now.getTime() / 1000;
    const signed = signToken({
      alg: 'HS256',
      key: { text: SECRET },
      header: { kid: 'k1' },
      claims: { role: 'admin', exp: 1 },
      helpers: { expiresIn: 900, notBeforeIn: 60, subject: '42', jwtId: true },
      now,
    });
    const decoded = decodeToken(signed.token);
    assert.deepEqual(decoded.header.value, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
    const claims = decoded.payload.claims ?? {};
    assert.deepEqual({ ...claims, jti: undefined }, { role: 'admin', sub: '42', iat: seconds, nbf: seconds + 60, exp: seconds + 900, jti: undefined });
    assert.match(String(claims.jti), /^[0-9a-f]{32}$/);
    assert.equal('iat' in (decodeToken(signToken({ alg: 'HS256', key: { text: SECRET }, helpers: { issuedAt: false } }).token).payload.claims ?? {}), false);
  });

  it('derives the public key as PEM and JWK for whoever verifies', () => {
    const signed = signToken({ alg: 'ES256', key: { text: ec.ES256.export({ type: 'sec1', format: 'pem' }).toString() } });
    assert.match(signed.publicKey?.pem ?? '', /^-----BEGIN PUBLIC KEY-----\n/);
    assert.deepEqual(Object.keys(signed.publicKey?.jwk ?? {}).sort(), ['crv', 'kty', 'x', 'y']);
    assert.equal(signToken({ alg: 'HS256', key: { text: SECRET } }).publicKey, undefined);
  });

  it('exits 2 with a clear message on bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['--alg', 'HS999', '--key', SECRET], /--alg is one of HS256/],
      [['--alg', 'HS256'], /--key is required/],
      [['--alg', 'HS256', '--key', SECRET, '--claims', '[1]'], /--claims must be a JSON object/],
      [['--alg', 'HS256', '--key', SECRET, '--claims', '{'], /--claims is not JSON/],
      [['--alg', 'HS256', '--key', SECRET, '--exp', 'soon'], /--exp is a duration/],
      [['--alg', 'RS256', '--key', SECRET], /RS256 signs with a private key \(PEM or JWK\), not a secret/],
      [['--alg', 'RS256', `--key=${rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString()}`], /Signing needs the private key; this is a public one/],
      [['--alg', 'ES384', `--key=${ec.ES256.export({ type: 'pkcs8', format: 'pem' }).toString()}`], /ES384 needs a P-384 key; this one is on P-256/],
      [['--alg', 'EdDSA', `--key=${rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`], /EdDSA needs an Ed25519 key; this is an RSA key/],
      [['--alg', 'HS256', `--key=${rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()}`], /not a PEM key/],
      [['--alg', 'HS256', '--key', SECRET, '--header', '{"alg":"none"}'], /header says alg "none"/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['jwt', 'sign', ...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    }
  });
});
