import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { decodeToken, KeyError, reportToken, TokenError, verifyToken } from '../../src/core/jwt';
import { loadJose } from '../../src/core/jwt/jose';

const NOW = new Date('2026-11-25T00:00:00Z');
const SECRET = 'a-thirty-two-byte-or-longer-secret-for-hs256';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const claimsArbitrary = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 });

/** Verification either refuses the token outright or answers something other than "valid". */
async function neverValid(token: string, key: string): Promise<boolean> {
  try {
    return (await verifyToken(token, { text: key }, { now: NOW })).signature !== 'valid';
  } catch (error) {
    if (error instanceof TokenError || error instanceof KeyError) return true;
    throw error;
  }
}

describe('jwt: properties', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const publicPem = ec.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  const publicJwk = JSON.stringify(ec.publicKey.export({ format: 'jwk' }));

  it('never verifies a signed token with any one character changed, inserted or removed', async () => {
    const jose = await loadJose();
    const tokens = [
      [await new jose.SignJWT({ sub: '1', token_type: 'access' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET)), SECRET],
      [await new jose.SignJWT({ sub: '1' }).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey), publicPem],
    ] as const;
    const character = fc.constantFrom(...BASE64URL, '.', '=', '+', ' ');
    for (const [token, key] of tokens) {
      assert.equal((await verifyToken(token, { text: key }, { now: NOW })).signature, 'valid');
      const edit = fc.oneof(
        fc.tuple(fc.nat({ max: token.length - 1 }), character).map(([i, c]) => token.slice(0, i) + c + token.slice(i + 1)),
        fc.tuple(fc.nat({ max: token.length }), character).map(([i, c]) => token.slice(0, i) + c + token.slice(i)),
        fc.nat({ max: token.length - 1 }).map((i) => token.slice(0, i) + token.slice(i + 1)),
      );
      await fc.assert(
        fc.asyncProperty(edit, async (changed) => {
          // Replacing a character with itself changes nothing, and surrounding whitespace is
          // trimmed on purpose, so neither counts as a change.
          fc.pre(changed.trim() !== token);
          assert.ok(await neverValid(changed, key), changed);
        }),
        { numRuns: 400 },
      );
    }
  });

  it('decodes arbitrary strings, failing only with TokenError', () => {
    const tokenish = fc.stringMatching(/^[A-Za-z0-9_\-.=+/ {}"]{0,80}$/);
    const jsonSegments = fc.tuple(fc.jsonValue(), fc.jsonValue(), fc.string()).map(([h, p, s]) =>
      [JSON.stringify(h), JSON.stringify(p), s].map((part) => Buffer.from(part ?? '').toString('base64url')).join('.'),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tokenish, jsonSegments), (input) => {
        try {
          decodeToken(input);
          reportToken(input, NOW);
        } catch (error) {
          assert.ok(error instanceof TokenError, `unexpected ${String(error)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never verifies an alg "none" token, whatever the key and signature', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('none', 'None', 'NONE', 'nOnE'),
        claimsArbitrary,
        fc.constantFrom('', 'c2ln', 'AAAA'),
        fc.constantFrom(SECRET, publicPem, publicJwk),
        async (alg, claims, signature, key) => {
          const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
          assert.ok(await neverValid(`${part({ alg, typ: 'JWT' })}.${part(claims)}.${signature}`, key));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never verifies an HMAC token forged with the public key as the secret', async () => {
    const jose = await loadJose();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('HS256', 'HS384', 'HS512'), claimsArbitrary, fc.constantFrom(publicPem, publicJwk, publicPem.trim()), async (alg, claims, key) => {
        const forged = await new jose.SignJWT(claims).setProtectedHeader({ alg }).sign(new TextEncoder().encode(key));
        assert.ok(await neverValid(forged, key));
      }),
      { numRuns: 150 },
    );
  });
});
