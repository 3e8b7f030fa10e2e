import { constants, createHmac, createPublicKey, type KeyObject, timingSafeEqual, verify } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import type { JWK } from './jose';
import type { CandidateKey } from './keys';

// Checking a JWS signature with node:crypto directly. Each algorithm is one call; the public key
// object is built once per key and reused for every token checked with it.

export type SignatureCheck = { readonly ok: boolean } | { readonly unusable: string };

const HASHES: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
/** RFC 7518 3.3: RSA keys below 2048 bits are not to be used, and jose refused them too. */
const MIN_RSA_BITS = 2048;

const keyObjects = new WeakMap<JWK, KeyObject>();

/** Checks `signature` over `signingInput` (the first two segments as written) with one candidate key. */
export function checkSignature(alg: string, signingInput: string, signature: Uint8Array, candidate: CandidateKey): SignatureCheck {
  const data = Buffer.from(signingInput, 'latin1');
  if (candidate.material instanceof Uint8Array) {
    const expected = createHmac(HASHES[alg.slice(2)], candidate.material).update(data).digest();
    return { ok: expected.length === signature.length && timingSafeEqual(expected, signature) };
  }
  let key: KeyObject;
  try {
    key = publicKeyObject(candidate.material);
  } catch (error) {
    return { unusable: error instanceof Error ? error.message : String(error) };
  }
  if (key.asymmetricKeyType === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
    return { unusable: l10n.t('RSA keys must have at least {0} bits for {1}', MIN_RSA_BITS, alg) };
  }
  try {
    return { ok: verifyAsymmetric(alg, data, key, signature) };
  } catch {
    // A signature of the wrong length or shape for the key is simply not a match.
    return { ok: false };
  }
}

function verifyAsymmetric(alg: string, data: Buffer, key: KeyObject, signature: Uint8Array): boolean {
  if (alg === 'EdDSA' || alg === 'Ed25519') return verify(null, data, key, signature);
  const hash = HASHES[alg.slice(2)];
  if (alg.startsWith('ES')) return verify(hash, data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  if (alg.startsWith('PS')) return verify(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }, signature);
  return verify(hash, data, key, signature);
}

function publicKeyObject(jwk: JWK): KeyObject {
  let key = keyObjects.get(jwk);
  if (!key) {
    key = createPublicKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    keyObjects.set(jwk, key);
  }
  return key;
}
