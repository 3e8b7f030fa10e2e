import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { type ClaimExpectations, isAccepted, verifyToken } from '../../src/core/jwt';

// The machine's PyJWT (python3-jwt) is the judge: for every token and expectation below, our
// verdict must be PyJWT's. Times sit two minutes or more away from any boundary, so the few
// milliseconds between our check and PyJWT's cannot tip one.
const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(__dirname, '..', 'python', 'pyjwt_verdicts.py');
const SECRET = 'a secret of at least thirty-two bytes for HS256';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function hs256(claims: Record<string, unknown>): string {
  const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

interface Case {
  readonly claims: Record<string, unknown>;
  readonly expect: ClaimExpectations;
}

function corpus(now: number): Case[] {
  const payloads: Record<string, unknown>[] = [
    {},
    { exp: now + 600 },
    { exp: now - 600 },
    { exp: now - 120 },
    { exp: 'tomorrow' },
    { nbf: now + 600 },
    { nbf: now + 120 },
    { nbf: now - 600 },
    { iat: now - 600 },
    { iat: now + 600 },
    { iss: 'https://issuer.example' },
    { iss: 'https://other.example' },
    { iss: 5 },
    { aud: 'api' },
    { aud: ['web', 'api'] },
    { aud: ['web'] },
    { aud: [] },
    { aud: '' },
    { aud: 7 },
    { aud: ['api', 3] },
    { iss: 'https://issuer.example', aud: 'api', exp: now + 600, nbf: now - 600, iat: now - 600 },
    { iss: 'https://issuer.example', aud: 'api', exp: now - 120, nbf: now + 120 },
  ];
  const expectations: ClaimExpectations[] = [
    {},
    { issuer: 'https://issuer.example' },
    { audiences: ['api'] },
    { audiences: ['mobile', 'api'] },
    { audiences: ['mobile'] },
    { leewaySeconds: 300 },
    { leewaySeconds: 30 },
    { issuer: 'https://issuer.example', audiences: ['api'], leewaySeconds: 300 },
  ];
  return payloads.flatMap((claims) => expectations.map((expect) => ({ claims, expect })));
}

function pyjwtVerdicts(cases: readonly Case[], tokens: readonly string[]): [boolean, string | null][] {
  const input = cases.map((c, index) => ({
    token: tokens[index],
    key: SECRET,
    algorithms: ['HS256'],
    issuer: c.expect.issuer,
    audience: c.expect.audiences,
    leeway: c.expect.leewaySeconds ?? 0,
  }));
  const output = execFileSync(PYTHON, [SCRIPT], { input: JSON.stringify(input), encoding: 'utf8', timeout: 60_000 });
  return JSON.parse(output) as [boolean, string | null][];
}

describe('jwt: claim verdicts agree with PyJWT', () => {
  before(function () {
    try {
      execFileSync(PYTHON, ['-c', 'import jwt'], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      this.skip();
    }
  });

  it('on a corpus of iss, aud, nbf, iat and exp variations, with and without leeway', async () => {
    const now = Math.floor(Date.now() / 1000);
    const cases = corpus(now);
    const tokens = cases.map((c) => hs256(c.claims));
    const theirs = pyjwtVerdicts(cases, tokens);
    const disagreements: string[] = [];
    for (const [index, c] of cases.entries()) {
      const ours = await verifyToken(tokens[index], { text: SECRET }, { expect: c.expect });
      const [accepted, error] = theirs[index];
      if (isAccepted(ours) !== accepted) {
        disagreements.push(`${JSON.stringify(c)}: PyJWT ${accepted ? 'accepts' : `says ${error}`}, we say ${JSON.stringify(ours.claims)}`);
      }
    }
    assert.deepEqual(disagreements, []);
    // The corpus is not one-sided.
    const accepted = theirs.filter(([ok]) => ok).length;
    assert.ok(accepted > 20 && accepted < cases.length - 20, `${accepted} of ${cases.length} accepted`);
  });
});
