import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';

const HS_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const HS_JWK = '{"kty":"oct","k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow"}';

async function run(args: string[], stdin = '', cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => stdin, cwd });
  return { code, stdout, stderr };
}

describe('jwt: CLI', () => {
  it('decode prints header, payload, signature, claims and warnings as JSON', async () => {
    const { code, stdout } = await run(['jwt', 'decode', `Bearer ${HS_TOKEN}`, '--now', '2011-03-22T18:40:00Z']);
    assert.equal(code, 0);
    const output = JSON.parse(stdout) as Record<string, unknown>;
    for (const field of ['header', 'payload', 'signature', 'claims', 'warnings']) assert.ok(field in output, field);
    assert.deepEqual(output.header, { typ: 'JWT', alg: 'HS256' });
    assert.equal(output.signature, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    const exp = (output.claims as { name: string; time?: { relative: string } }[]).find((c) => c.name === 'exp');
    assert.equal(exp?.time?.relative, 'expires in 3 minutes');
  });

  it('decode reads the token from standard input with - or nothing', async () => {
    assert.equal((await run(['jwt', 'decode', '-'], `${HS_TOKEN}\n`)).code, 0);
    assert.equal((await run(['jwt', 'decode'], HS_TOKEN)).code, 0);
  });

  it('decode exits 2 with a message when nothing can be decoded', async () => {
    const empty = await run(['jwt', 'decode', '-'], '  ');
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no token/);
    const garbage = await run(['jwt', 'decode', '%%%.%%%.%%%']);
    assert.equal(garbage.code, 2);
    assert.match(garbage.stderr, /header segment has characters outside base64url/);
    assert.equal(garbage.stdout, '');
  });

  it('verify exits 0 only when the signature is valid and the claims pass, 1 otherwise', async () => {
    const expired = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK]);
    assert.equal(expired.code, 1);
    const result = JSON.parse(expired.stdout) as Record<string, unknown>;
    assert.equal(result.signature, 'valid');
    assert.equal(result.alg, 'HS256');
    assert.equal(result.expired, true);
    assert.equal(result.notYetValid, false);
    assert.equal(typeof result.reason, 'string');
    assert.deepEqual(result.claims, { ok: false, problems: [{ claim: 'exp', message: (result.claims as { problems: { message: string }[] }).problems[0].message }] });
    assert.match((result.claims as { problems: { message: string }[] }).problems[0].message, /^Expired \d+ years ago\.$/);
    const inTime = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK, '--now', '2011-03-22T18:40:00Z', '--iss', 'joe']);
    assert.equal(inTime.code, 0, inTime.stdout);
    assert.deepEqual((JSON.parse(inTime.stdout) as { claims: unknown }).claims, { ok: true, problems: [] });
    const wrongIssuer = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK, '--now', '2011-03-22T18:40:00Z', '--iss', 'ann', '--alg', 'RS256,ES256']);
    assert.equal(wrongIssuer.code, 1);
    assert.deepEqual(
      (JSON.parse(wrongIssuer.stdout) as { claims: { problems: { claim: string }[] } }).claims.problems.map((p) => p.claim),
      ['alg', 'iss'],
    );
    const withLeeway = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK, '--now', '2011-03-22T18:50:00Z', '--leeway', '10m']);
    assert.equal(withLeeway.code, 0, withLeeway.stdout);
    const invalid = await run(['jwt', 'verify', HS_TOKEN, '--key', 'another secret entirely, long enough to be fine']);
    assert.equal(invalid.code, 1);
    assert.equal((JSON.parse(invalid.stdout) as { signature: string }).signature, 'invalid');
  });

  it('verify reads a key from @file, and a base64url secret when told', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'django kit é '));
    writeFileSync(path.join(folder, 'key.json'), HS_JWK);
    try {
      const fromFile = await run(['jwt', 'verify', HS_TOKEN, '--key', '@key.json', '--now', '2011-03-22T18:40:00Z'], '', folder);
      assert.equal(fromFile.code, 0, fromFile.stderr);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const secret = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
    assert.equal((await run(['jwt', 'verify', HS_TOKEN, '--key', secret, '--key-type', 'secret', '--secret-encoding', 'base64url', '--now', '2011-03-22T18:40:00Z'])).code, 0);
  });

  it('verify exits 2 for a malformed token or an unusable key', async () => {
    const badToken = await run(['jwt', 'verify', 'a.b', '--key', 'k']);
    assert.equal(badToken.code, 2);
    assert.match(badToken.stderr, /malformed/);
    const confused = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK, '--key-type', 'secret']);
    assert.equal(confused.code, 2);
    assert.match(confused.stderr, /will not be used as an HMAC secret/);
    const missingKey = await run(['jwt', 'verify', HS_TOKEN]);
    assert.equal(missingKey.code, 2);
    assert.match(missingKey.stderr, /--key is required/);
  });

  it('verify refuses a key file over 1 MB without reading it all', async () => {
    const big = await run(['jwt', 'verify', HS_TOKEN, '--key', '@/dev/zero']);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /\/dev\/zero is larger than 1 MB; keys and claims are far smaller, so it is not read\./);
    const missing = await run(['jwt', 'verify', HS_TOKEN, '--key', '@/nonexistent/key.pem']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read the --key file \/nonexistent\/key\.pem/);
  });

  it('verify calls a padded header malformed (exit 2), as decode shows it with a warning', async () => {
    const [header, payload, signature] = HS_TOKEN.split('.');
    const padded = `${header}=.${payload}.${signature}`;
    const verified = await run(['jwt', 'verify', padded, '--key', HS_JWK]);
    assert.equal(verified.code, 2);
    assert.match(verified.stderr, /the header segment ends with '=' padding/);
    const decoded = await run(['jwt', 'decode', padded]);
    assert.equal(decoded.code, 0);
    assert.ok((JSON.parse(decoded.stdout) as { warnings: { code: string }[] }).warnings.some((w) => w.code === 'non-canonical-base64url'));
  });

  it('verify says a payload is not JSON next to the signature verdict', async () => {
    const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('hello').toString('base64url')}`;
    const token = `${input}.${createHmac('sha256', 'a secret of thirty-two bytes....').update(input).digest('base64url')}`;
    const { code, stdout } = await run(['jwt', 'verify', token, '--key', 'a secret of thirty-two bytes....']);
    assert.equal(code, 1);
    const result = JSON.parse(stdout) as { signature: string; claims: unknown };
    assert.equal(result.signature, 'valid');
    assert.deepEqual(result.claims, { ok: false, problems: [{ claim: 'payload', message: 'payload is not valid JSON, so its claims cannot be checked.' }] });
  });

  it('decode and verify agree on a payload nested 5,000 deep, without recursing through it', async () => {
    const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`).toString('base64url')}`;
    const token = `${input}.${createHmac('sha256', 'a secret of thirty-two bytes....').update(input).digest('base64url')}`;
    const decoded = await run(['jwt', 'decode', token]);
    assert.equal(decoded.code, 0, decoded.stderr);
    assert.deepEqual((JSON.parse(decoded.stdout) as { errors: string[] }).errors, ['payload is not read as JSON: it nests 5001 levels deep, more than the 256 read here']);
    const verified = await run(['jwt', 'verify', token, '--key', 'a secret of thirty-two bytes....']);
    assert.equal(verified.code, 1);
    const result = JSON.parse(verified.stdout) as { signature: string; claims: { problems: { claim: string; message: string }[] } };
    assert.equal(result.signature, 'valid');
    assert.deepEqual(result.claims.problems.map((p) => p.claim), ['payload']);
    assert.match(result.claims.problems[0].message, /nests 5001 levels deep/);
  });
});
