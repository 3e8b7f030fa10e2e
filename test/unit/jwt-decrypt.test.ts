import assert from 'node:assert/strict';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { main } from '../../src/cli';
import { decodeToken, decryptToken } from '../../src/core/jwt';

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: process.cwd() });
  return { code, stdout, stderr };
}

async function encrypt(alg: string, enc: string, key: unknown, claims: object, cty?: string): Promise<string> {
  const { CompactEncrypt } = await import('jose');
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg, enc, ...(cty ? { cty } : {}) })
    .encrypt(key as Uint8Array);
}

describe('jwt: encrypted tokens (JWE)', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const aes256 = randomBytes(32);
  const aes128 = randomBytes(16);
  const claims = { sub: '42', scope: 'read' };

  it('decode shows the protected header and says the payload is encrypted', async () => {
    const token = await encrypt('dir', 'A256GCM', aes256, claims);
    const decoded = decodeToken(token);
    assert.equal(decoded.format, 'jwe');
    assert.deepEqual(decoded.header.value, { alg: 'dir', enc: 'A256GCM' });
    assert.match(decoded.payload.error ?? '', /payload is encrypted/);
  });

  it('decrypts dir, A128KW, RSA-OAEP-256 and ECDH-ES+A256KW tokens with the matching key', async () => {
    const cases: [string, string, unknown, string, string[]][] = [
      ['dir', 'A256GCM', aes256, aes256.toString('base64url'), ['--secret-encoding', 'base64url']],
      ['A128KW', 'A128CBC-HS256', aes128, JSON.stringify({ kty: 'oct', k: aes128.toString('base64url') }), []],
      ['RSA-OAEP-256', 'A256GCM', rsa.publicKey, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), []],
      ['ECDH-ES+A256KW', 'A256GCM', ec.publicKey, JSON.stringify(ec.privateKey.export({ format: 'jwk' })), []],
    ];
    for (const [alg, enc, encryptionKey, decryptionKey, options] of cases) {
      const token = await encrypt(alg, enc, encryptionKey, claims);
      const run = await cli(['jwt', 'decrypt', token, `--key=${decryptionKey}`, ...options]);
      assert.equal(run.code, 0, `${alg}: ${run.stderr}`);
      const output = JSON.parse(run.stdout) as { header: { alg: string; enc: string }; payload: unknown; nested: boolean };
      assert.deepEqual([output.header.alg, output.header.enc, output.payload, output.nested], [alg, enc, claims, false]);
    }
  });

  it('says when the key is wrong (exit 1), and refuses a signed token or a missing key (exit 2)', async () => {
    const token = await encrypt('dir', 'A256GCM', aes256, claims);
    // `--key=` keeps a random key that starts with '-' from being read as an option.
    const wrong = await cli(['jwt', 'decrypt', token, `--key=${randomBytes(32).toString('base64url')}`, '--secret-encoding', 'base64url']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /does not decrypt this token/);
    const signed = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${Buffer.from('{}').toString('base64url')}.c2ln`;
    const notJwe = await cli(['jwt', 'decrypt', signed, '--key', 'k']);
    assert.equal(notJwe.code, 2);
    assert.match(notJwe.stderr, /signed token \(JWS\), not an encrypted one/);
    assert.match((await cli(['jwt', 'decrypt', token])).stderr, /--key is required/);
  });

  it('marks a nested signed token', async () => {
    const token = await encrypt('dir', 'A256GCM', aes256, claims, 'JWT');
    assert.equal((await decryptToken(token, { text: aes256.toString('base64url'), secretEncoding: 'base64url' })).nested, true);
  });
});
