import assert from 'node:assert/strict';
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

  it('verify exits 0 for a valid signature even when expired, 1 when invalid', async () => {
    const valid = await run(['jwt', 'verify', HS_TOKEN, '--key', HS_JWK]);
    assert.equal(valid.code, 0);
    const result = JSON.parse(valid.stdout) as Record<string, unknown>;
    assert.equal(result.signature, 'valid');
    assert.equal(result.alg, 'HS256');
    assert.equal(result.expired, true);
    assert.equal(result.notYetValid, false);
    assert.equal(typeof result.reason, 'string');
    const invalid = await run(['jwt', 'verify', HS_TOKEN, '--key', 'another secret entirely, long enough to be fine']);
    assert.equal(invalid.code, 1);
    assert.equal((JSON.parse(invalid.stdout) as { signature: string }).signature, 'invalid');
  });

  it('verify reads a key from @file, and a base64url secret when told', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'django kit é '));
    writeFileSync(path.join(folder, 'key.json'), HS_JWK);
    try {
      assert.equal((await run(['jwt', 'verify', HS_TOKEN, '--key', '@key.json'], '', folder)).code, 0);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    const secret = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow';
    assert.equal((await run(['jwt', 'verify', HS_TOKEN, '--key', secret, '--key-type', 'secret', '--secret-encoding', 'base64url'])).code, 0);
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
});
