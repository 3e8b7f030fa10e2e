import assert from 'node:assert/strict';
import { createHmac, createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { detectKeyKind, KeyError, prepareKey, verifyToken } from '../../src/core/jwt';
import { loadJose } from '../../src/core/jwt/jose';

// A self-signed P-256 certificate and its private key, made for these tests only.
const CERTIFICATE = `-----BEGIN CERTIFICATE-----
MIIBjDCCATGgAwIBAgIUCVLQ3WElq2ULU+EqsV9OWVi9F50wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPZGphbmdvLWtpdCB0ZXN0MCAXDTI2MTEyNTAwMTIwOVoYDzIx
MjYxMTAxMDAxMjA5WjAaMRgwFgYDVQQDDA9kamFuZ28ta2l0IHRlc3QwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAASAGEs3V6HxsxpsZtTxvv1f/QPFfgnIKcY+FkMB
5MhbEvypxQf23Mccmeajs7biGvlKfplAIVfiPQ8snzX3+BKio1MwUTAdBgNVHQ4E
FgQUKSNVArMdmGmTyRmGvXA9S0AazOowHwYDVR0jBBgwFoAUKSNVArMdmGmTyRmG
vXA9S0AazOowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEArOeo
dRb973YGDYMRMT8azTBzLq/8yPTbFO/FoSxcyy8CIQDVfOHFf8M7bz1ysQEkaRT1
HG9WF+ANYVLWyxcVzwqxtQ==
-----END CERTIFICATE-----`;
const CERTIFICATE_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgLCULvKeGlNPhTnCu
Xt3XcvQP7KXCEcInsMqO/vLD8JChRANCAASAGEs3V6HxsxpsZtTxvv1f/QPFfgnI
KcY+FkMB5MhbEvypxQf23Mccmeajs7biGvlKfplAIVfiPQ8snzX3+BKi
-----END PRIVATE KEY-----`;

const NOW = new Date('2026-11-25T00:00:00Z');

async function sign(alg: string, key: KeyObject | Uint8Array, claims: Record<string, unknown> = { sub: '1' }): Promise<string> {
  const jose = await loadJose();
  return new jose.SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(key);
}

const pem = (key: KeyObject, type: 'spki' | 'pkcs1' | 'pkcs8') => key.export({ format: 'pem', type }).toString();

describe('jwt: keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const ed = generateKeyPairSync('ed25519');

  it('detects the kind of a pasted key', () => {
    assert.equal(detectKeyKind(pem(rsa.publicKey, 'spki')), 'pem');
    assert.equal(detectKeyKind(`\n${CERTIFICATE}\n`), 'certificate');
    assert.equal(detectKeyKind('{"kty":"EC"}'), 'jwk');
    assert.equal(detectKeyKind('{"keys":[]}'), 'jwks');
    assert.equal(detectKeyKind('https://issuer.example/.well-known/jwks.json'), 'jwks-url');
    assert.equal(detectKeyKind('{not json but a secret'), 'secret');
    assert.equal(detectKeyKind('django-insecure-abc'), 'secret');
  });

  for (const alg of ['RS256', 'RS512', 'PS256']) {
    it(`verifies ${alg} with an SPKI and a PKCS#1 PEM public key`, async () => {
      const token = await sign(alg, rsa.privateKey);
      for (const text of [pem(rsa.publicKey, 'spki'), pem(rsa.publicKey, 'pkcs1')]) {
        const result = await verifyToken(token, { text }, { now: NOW });
        assert.equal(result.signature, 'valid', result.reason);
        assert.equal(result.keyKind, 'pem');
      }
    });
  }

  it('verifies ES384 and EdDSA with PEM keys, and refuses the wrong curve', async () => {
    const es = await verifyToken(await sign('ES384', ec384.privateKey), { text: pem(ec384.publicKey, 'spki') }, { now: NOW });
    assert.equal(es.signature, 'valid', es.reason);
    const eddsa = await verifyToken(await sign('EdDSA', ed.privateKey), { text: pem(ed.publicKey, 'spki') }, { now: NOW });
    assert.equal(eddsa.signature, 'valid', eddsa.reason);
    const wrongCurve = await verifyToken(await sign('ES384', ec384.privateKey), { text: CERTIFICATE }, { now: NOW });
    assert.equal(wrongCurve.signature, 'invalid');
    assert.match(wrongCurve.reason, /only allows ES256/);
  });

  it('verifies with the public key of an X.509 certificate', async () => {
    const token = await sign('ES256', createPrivateKey(CERTIFICATE_PRIVATE_KEY));
    const result = await verifyToken(token, { text: CERTIFICATE }, { now: NOW });
    assert.equal(result.signature, 'valid', result.reason);
    assert.equal(result.keyKind, 'certificate');
  });

  it('uses only the public half of a pasted private key, and says so', async () => {
    const token = await sign('ES256', createPrivateKey(CERTIFICATE_PRIVATE_KEY));
    const result = await verifyToken(token, { text: CERTIFICATE_PRIVATE_KEY }, { now: NOW });
    assert.equal(result.signature, 'valid', result.reason);
    assert.ok(result.warnings.some((w) => w.code === 'private-key-given'));
  });

  it('refuses an HS256 token signed with the public key text (key confusion)', async () => {
    const publicPem = pem(rsa.publicKey, 'spki');
    const forged = await sign('HS256', new TextEncoder().encode(publicPem));
    const result = await verifyToken(forged, { text: publicPem }, { now: NOW });
    assert.equal(result.signature, 'invalid');
    assert.match(result.reason, /HS256/);
    const jwk = JSON.stringify(rsa.publicKey.export({ format: 'jwk' }));
    assert.equal((await verifyToken(forged, { text: jwk }, { now: NOW })).signature, 'invalid');
  });

  it('will not take a PEM or a JWK as an HMAC secret even when told to', () => {
    assert.throws(() => prepareKey({ text: pem(rsa.publicKey, 'spki'), type: 'secret' }), (e: unknown) => e instanceof KeyError && e.code === 'confusion');
    assert.throws(() => prepareKey({ text: '{"kty":"oct","k":"c2VjcmV0"}', type: 'secret' }), (e: unknown) => e instanceof KeyError && e.code === 'confusion');
  });

  it('warns about an HMAC secret shorter than the hash', async () => {
    const token = await sign('HS512', new TextEncoder().encode('short but real secret of 40 characters!!'));
    const result = await verifyToken(token, { text: 'short but real secret of 40 characters!!' }, { now: NOW });
    assert.equal(result.signature, 'valid');
    assert.match(result.warnings.find((w) => w.code === 'weak-secret')?.message ?? '', /40 bytes; HS512 wants at least 64/);
  });

  it('reports unusable keys with typed errors', () => {
    const fails = (text: string, code: string, type?: 'pem' | 'jwk' | 'jwks') =>
      assert.throws(() => prepareKey({ text, type }), (e: unknown) => e instanceof KeyError && e.code === code);
    fails('', 'empty');
    fails('-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----', 'malformed');
    fails('{"kty":"EC","crv":"secp256k1","x":"a","y":"b"}', 'unsupported');
    fails('{"kty":"RSA","use":"enc","n":"a","e":"AQAB"}', 'unsupported');
    fails('{"keys":[{"kty":"RSA","use":"enc","n":"a","e":"AQAB"}]}', 'unsupported');
    fails('not a pem', 'malformed', 'pem');
    fails('{"keys":[]}', 'malformed', 'jwk');
    fails('https://example.com/jwks', 'needs-fetch');
  });

  it('restricts a JWK to its own alg when it names one', async () => {
    const jwk = { ...rsa.publicKey.export({ format: 'jwk' }), alg: 'PS256' };
    const result = await verifyToken(await sign('RS256', rsa.privateKey), { text: JSON.stringify(jwk) }, { now: NOW });
    assert.equal(result.signature, 'invalid');
    assert.match(result.reason, /only allows PS256/);
  });

  it('cannot check a token whose crit lists an extension it does not know', async () => {
    const secret = 'x'.repeat(32);
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', crit: ['urn:example:ext'], 'urn:example:ext': true })).toString('base64url');
    const body = Buffer.from('{}').toString('base64url');
    const signature = createHmac('sha256', secret).update(`${header}.${body}`).digest('base64url');
    const result = await verifyToken(`${header}.${body}.${signature}`, { text: secret }, { now: NOW });
    assert.equal(result.signature, 'unchecked');
    assert.ok(result.warnings.some((w) => w.code === 'critical-header'));
  });
});
