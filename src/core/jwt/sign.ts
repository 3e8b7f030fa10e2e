import { constants, createHmac, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { encodeSegment } from './base64url';
import { type JsonObject, isJsonObject } from './decode';
import type { JWK } from './jose';
import { KeyError } from './keys';

// Making tokens. Signing goes straight through node:crypto: every JWS algorithm maps onto one call,
// and the output is checked against PyJWT in the tests.

export const SIGNING_ALGORITHMS = [
  'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512',
  'PS256', 'PS384', 'PS512',
  'ES256', 'ES384', 'ES512',
  'EdDSA',
] as const;

export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export type SigningKeyType = 'secret' | 'pem' | 'jwk';

export interface SigningKeyInput {
  readonly text: string;
  /** Detected from the text when absent: PEM and JSON are keys, anything else a secret. */
  readonly type?: SigningKeyType;
  readonly secretEncoding?: 'utf8' | 'base64url';
}

/** The registered-claim helpers of "Create a token" and `jwt sign`; each wins over the same claim in `claims`. */
export interface ClaimHelpers {
  /** Seconds from now until `exp`. */
  readonly expiresIn?: number;
  /** Seconds from now until `nbf`. */
  readonly notBeforeIn?: number;
  /** `iat` is set to now unless this is false. */
  readonly issuedAt?: boolean;
  readonly issuer?: string;
  readonly audience?: string;
  readonly subject?: string;
  /** A fresh random `jti`. */
  readonly jwtId?: boolean;
}

export interface SignRequest {
  readonly alg: SigningAlgorithm;
  readonly key: SigningKeyInput;
  readonly header?: JsonObject;
  readonly claims?: JsonObject;
  readonly helpers?: ClaimHelpers;
  readonly now?: Date;
}

/** The public half of an asymmetric signing key, ready to hand to whoever verifies. */
export interface PublicKeyExport {
  readonly pem: string;
  readonly jwk: JWK;
}

export interface SignedToken {
  readonly token: string;
  readonly header: JsonObject;
  readonly claims: JsonObject;
  readonly publicKey?: PublicKeyExport;
}

const HASH: Record<string, string> = { 256: 'sha256', 384: 'sha384', 512: 'sha512' };
const CURVE_OF: Record<string, string> = { ES256: 'prime256v1', ES384: 'secp384r1', ES512: 'secp521r1' };
const JWK_CURVE: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

export function isSigningAlgorithm(alg: string): alg is SigningAlgorithm {
  return (SIGNING_ALGORITHMS as readonly string[]).includes(alg);
}

/** Builds, signs and returns a compact JWS. Throws KeyError for a key that cannot sign with `alg`. */
export function signToken(request: SignRequest): SignedToken {
  const { alg } = request;
  if (request.header?.alg !== undefined && request.header.alg !== alg) {
    throw new KeyError('malformed', l10n.t('The header says alg {0} but the token is signed with {1}.', String(JSON.stringify(request.header.alg)), alg));
  }
  const header: JsonObject = { alg, typ: 'JWT', ...request.header };
  header.alg = alg;
  const claims = withHelpers(request.claims ?? {}, request.helpers ?? {}, request.now ?? new Date());
  const input = `${encodeSegment(utf8(JSON.stringify(header)))}.${encodeSegment(utf8(JSON.stringify(claims)))}`;
  if (alg.startsWith('HS')) {
    const secret = hmacSecret(request.key);
    return { token: `${input}.${createHmac(HASH[alg.slice(2)], secret).update(input).digest('base64url')}`, header, claims };
  }
  const privateKey = asymmetricKey(request.key, alg);
  return { token: `${input}.${asymmetricSignature(alg, input, privateKey).toString('base64url')}`, header, claims, publicKey: publicHalf(privateKey) };
}

function withHelpers(claims: JsonObject, helpers: ClaimHelpers, now: Date): JsonObject {
  const seconds = Math.floor(now.getTime() / 1000);
  const result: JsonObject = { ...claims };
  if (helpers.issuer !== undefined) result.iss = helpers.issuer;
  if (helpers.subject !== undefined) result.sub = helpers.subject;
  if (helpers.audience !== undefined) result.aud = helpers.audience;
  if (helpers.issuedAt !== false) result.iat = seconds;
  if (helpers.notBeforeIn !== undefined) result.nbf = seconds + helpers.notBeforeIn;
  if (helpers.expiresIn !== undefined) result.exp = seconds + helpers.expiresIn;
  if (helpers.jwtId) result.jti = randomUUID().replace(/-/g, '');
  return result;
}

function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

function keyType(input: SigningKeyInput): SigningKeyType {
  if (input.type) return input.type;
  const trimmed = input.text.trim();
  if (trimmed.startsWith('-----BEGIN')) return 'pem';
  if (trimmed.startsWith('{')) return 'jwk';
  return 'secret';
}

function hmacSecret(input: SigningKeyInput): Uint8Array {
  const type = keyType(input);
  if (type === 'pem') throw new KeyError('confusion', l10n.t('HS algorithms sign with a shared secret, not a PEM key.'));
  if (type === 'jwk') {
    const jwk = parseJwk(input.text);
    if (jwk.kty !== 'oct' || typeof jwk.k !== 'string') throw new KeyError('confusion', l10n.t('HS algorithms need a secret: a JWK with "kty": "oct" and "k".'));
    return Buffer.from(jwk.k, 'base64url');
  }
  if (input.text === '') throw new KeyError('empty', l10n.t('No secret was given.'));
  const bytes = input.secretEncoding === 'base64url' ? Buffer.from(input.text.trim(), 'base64url') : Buffer.from(input.text, 'utf8');
  if (bytes.length === 0) throw new KeyError('empty', l10n.t('The secret decodes to no bytes.'));
  return bytes;
}

function asymmetricKey(input: SigningKeyInput, alg: SigningAlgorithm): KeyObject {
  const type = keyType(input);
  if (type === 'secret') throw new KeyError('malformed', l10n.t('{0} signs with a private key (PEM or JWK), not a secret.', alg));
  let key: KeyObject;
  try {
    key = type === 'pem' ? createPrivateKey(input.text.trim()) : createPrivateKey({ key: parseJwk(input.text) as JsonWebKey, format: 'jwk' });
  } catch (error) {
    if (error instanceof KeyError) throw error;
    const publicOnly = /PUBLIC KEY|CERTIFICATE/.test(input.text) || (type === 'jwk' && !/"d"\s*:/.test(input.text));
    throw new KeyError('malformed', publicOnly ? l10n.t('Signing needs the private key; this is a public one.') : l10n.t('The private key cannot be read: {0}', messageOf(error)));
  }
  checkFamily(key, alg);
  return key;
}

function checkFamily(key: KeyObject, alg: SigningAlgorithm): void {
  const type = key.asymmetricKeyType;
  const wanted = alg === 'EdDSA' ? 'ed25519' : alg.startsWith('ES') ? 'ec' : 'rsa';
  if (type !== wanted && !(wanted === 'rsa' && type === 'rsa-pss')) {
    throw new KeyError('confusion', l10n.t('{0} needs {1}; this is {2}.', alg, describeFamily(wanted), describeFamily(type ?? 'unknown')));
  }
  if (wanted === 'ec' && key.asymmetricKeyDetails?.namedCurve !== CURVE_OF[alg]) {
    const curve = JWK_CURVE[key.asymmetricKeyDetails?.namedCurve ?? ''] ?? key.asymmetricKeyDetails?.namedCurve ?? 'unknown';
    throw new KeyError('confusion', l10n.t('{0} needs a {1} key; this one is on {2}.', alg, JWK_CURVE[CURVE_OF[alg]], curve));
  }
  if (wanted === 'rsa' && (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
    throw new KeyError('unsupported', l10n.t('{0} needs an RSA key of at least 2048 bits; this one has {1}.', alg, key.asymmetricKeyDetails?.modulusLength ?? 0));
  }
}

function describeFamily(type: string): string {
  switch (type) {
    case 'rsa':
      return l10n.t('an RSA key');
    case 'ec':
      return l10n.t('an EC key');
    case 'ed25519':
      return l10n.t('an Ed25519 key');
    default:
      return l10n.t('a {0} key', type);
  }
}

function asymmetricSignature(alg: SigningAlgorithm, input: string, key: KeyObject): Buffer {
  const data = Buffer.from(input);
  if (alg === 'EdDSA') return sign(null, data, key);
  const hash = HASH[alg.slice(2)];
  if (alg.startsWith('ES')) return sign(hash, data, { key, dsaEncoding: 'ieee-p1363' });
  if (alg.startsWith('PS')) return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 });
  return sign(hash, data, key);
}

function publicHalf(privateKey: KeyObject): PublicKeyExport {
  const publicKey = createPublicKey(privateKey);
  return { pem: publicKey.export({ type: 'spki', format: 'pem' }).toString(), jwk: publicKey.export({ format: 'jwk' }) as JWK };
}

function parseJwk(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KeyError('malformed', l10n.t('The key is not valid JSON: {0}', messageOf(error)));
  }
  if (!isJsonObject(value) || typeof value.kty !== 'string') throw new KeyError('malformed', l10n.t('A JWK is a JSON object with a "kty" member.'));
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
