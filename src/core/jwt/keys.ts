import { createPublicKey, type KeyObject, X509Certificate } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { decodeSegment } from './base64url';
import type { JWK } from './jose';
import { describeKeyKind, detectKeyKind, type KeyKind, type KeyTypeChoice } from './keyKind';
import type { TokenWarning } from './warnings';

export interface KeyInput {
  readonly text: string;
  /** Forces the kind instead of detecting it. */
  readonly type?: KeyTypeChoice;
  /** How an HMAC secret is written; UTF-8 text unless the user says otherwise. */
  readonly secretEncoding?: 'utf8' | 'base64url';
}

export type KeyErrorCode = 'empty' | 'malformed' | 'confusion' | 'unsupported' | 'needs-fetch';

/** A key that cannot be used at all (as opposed to one that simply does not match the token). */
export class KeyError extends Error {
  constructor(
    readonly code: KeyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'KeyError';
  }
}

/** One key ready for verification, with the only algorithms it may be used with. */
export interface CandidateKey {
  /** A public JWK, or the raw bytes of an HMAC secret. */
  readonly material: JWK | Uint8Array;
  readonly algorithms: readonly string[];
  readonly kid?: string;
  readonly description: string;
}

export interface PreparedKey {
  readonly kind: KeyKind;
  readonly candidates: readonly CandidateKey[];
  readonly warnings: readonly TokenWarning[];
}

const HMAC = ['HS256', 'HS384', 'HS512'];
const RSA = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
const EC_BY_CURVE: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' };
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

/** Keys recently prepared, so checking many tokens with one key parses and imports it once. */
const PREPARED_CACHE_SIZE = 8;
const prepared = new Map<string, PreparedKey>();

/**
 * Turns what the user gave into keys. The algorithms each key allows come from the key itself,
 * never from the token, so a public key can never be turned into an HMAC secret.
 */
export function prepareKey(input: KeyInput): PreparedKey {
  const cacheKey = JSON.stringify([input.type ?? '', input.secretEncoding ?? '', input.text]);
  const cached = prepared.get(cacheKey);
  if (cached) return cached;
  const key = prepareKeyNow(input);
  if (prepared.size >= PREPARED_CACHE_SIZE) prepared.delete(prepared.keys().next().value as string);
  prepared.set(cacheKey, key);
  return key;
}

function prepareKeyNow(input: KeyInput): PreparedKey {
  if (input.text.trim() === '') throw new KeyError('empty', l10n.t('No key was given.'));
  const kind = resolveKind(input);
  const warnings: TokenWarning[] = [];
  switch (kind) {
    case 'secret':
      return { kind, candidates: [secretKey(input)], warnings };
    case 'pem':
    case 'certificate':
      return { kind, candidates: [pemKey(input.text, kind, warnings)], warnings };
    case 'jwk':
      return { kind, candidates: [jwkKey(parseJsonKey(input.text), warnings)], warnings };
    case 'jwks':
      return { kind, candidates: jwksKeys(parseJsonKey(input.text), warnings), warnings };
    case 'jwks-url':
      throw new KeyError('needs-fetch', l10n.t('This is a JWKS URL; fetch the key set first (only done on request).'));
  }
}

function resolveKind(input: KeyInput): KeyKind {
  const detected = detectKeyKind(input.text);
  if (!input.type) return detected;
  if (input.type === 'secret' && detected !== 'secret' && detected !== 'jwks-url') {
    throw new KeyError('confusion', l10n.t('This looks like a {0}; it will not be used as an HMAC secret, because that is how key-confusion forgeries work.', describeKeyKind(detected)));
  }
  if (input.type === 'pem') {
    if (detected !== 'pem' && detected !== 'certificate') throw new KeyError('malformed', l10n.t('A PEM key starts with a "-----BEGIN …-----" line.'));
    return detected;
  }
  if ((input.type === 'jwk' || input.type === 'jwks') && detected !== input.type) {
    throw new KeyError('malformed', input.type === 'jwk' ? l10n.t('A JWK is a JSON object with a "kty" member.') : l10n.t('A JWKS is a JSON object with a "keys" array.'));
  }
  return input.type;
}

function secretKey(input: KeyInput): CandidateKey {
  if (input.secretEncoding !== 'base64url') {
    return { material: new TextEncoder().encode(input.text), algorithms: HMAC, description: l10n.t('HMAC secret (UTF-8 text)') };
  }
  const decoded = decodeSegment('secret', input.text.trim());
  if (!decoded.ok) throw new KeyError('malformed', l10n.t('The secret is not base64url: {0}.', decoded.error));
  if (decoded.value.bytes.length === 0) throw new KeyError('empty', l10n.t('The secret decodes to no bytes.'));
  return { material: decoded.value.bytes, algorithms: HMAC, description: l10n.t('HMAC secret (base64url)') };
}

function pemKey(text: string, kind: 'pem' | 'certificate', warnings: TokenWarning[]): CandidateKey {
  const pem = text.trim();
  let key: KeyObject;
  try {
    if (kind === 'certificate') key = new X509Certificate(pem).publicKey;
    else {
      if (/PRIVATE KEY-----/.test(pem)) warnings.push(privateKeyWarning('PEM'));
      key = createPublicKey(pem);
    }
  } catch (error) {
    throw new KeyError('malformed', l10n.t('The {0} cannot be read: {1}', describeKeyKind(kind), error instanceof Error ? error.message : String(error)));
  }
  return publicKeyCandidate(exportJwk(key), kind === 'certificate' ? l10n.t('certificate') : l10n.t('PEM public key'));
}

function exportJwk(key: KeyObject): JWK {
  try {
    return key.export({ format: 'jwk' }) as JWK;
  } catch {
    throw new KeyError('unsupported', l10n.t('Keys of type {0} are not supported for JWT verification.', key.asymmetricKeyType ?? 'unknown'));
  }
}

function parseJsonKey(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new KeyError('malformed', l10n.t('The key is not valid JSON: {0}', error instanceof Error ? error.message : String(error)));
  }
}

function jwkKey(jwk: Record<string, unknown>, warnings: TokenWarning[]): CandidateKey {
  if (jwk.use === 'enc') throw new KeyError('unsupported', l10n.t('This JWK is marked "use": "enc", for encryption, not signatures.'));
  if (jwk.kty === 'oct') {
    if (typeof jwk.k !== 'string') throw new KeyError('malformed', l10n.t('A symmetric JWK needs a "k" member.'));
    const secret = decodeSegment('k', jwk.k);
    if (!secret.ok) throw new KeyError('malformed', l10n.t("The JWK's k is not base64url: {0}.", secret.error));
    return { material: secret.value.bytes, algorithms: narrow(HMAC, jwk.alg), kid: stringOrUndefined(jwk.kid), description: l10n.t('symmetric JWK') };
  }
  if (PRIVATE_JWK_MEMBERS.some((member) => member in jwk)) warnings.push(privateKeyWarning('JWK'));
  return publicKeyCandidate(publicMembers(jwk), 'JWK');
}

function jwksKeys(jwks: Record<string, unknown>, warnings: TokenWarning[]): CandidateKey[] {
  const keys = Array.isArray(jwks.keys) ? (jwks.keys as unknown[]) : [];
  const usable: CandidateKey[] = [];
  for (const entry of keys) {
    if (typeof entry !== 'object' || entry === null) continue;
    try {
      usable.push(jwkKey(entry as Record<string, unknown>, warnings));
    } catch {
      // A key set may hold encryption or exotic keys next to the signing ones; those are skipped.
    }
  }
  if (usable.length === 0) throw new KeyError('unsupported', l10n.t('The key set holds no key usable for signatures.'));
  return usable;
}

function publicKeyCandidate(jwk: JWK, source: string): CandidateKey {
  const kid = stringOrUndefined(jwk.kid);
  switch (jwk.kty) {
    case 'RSA':
      return { material: jwk, algorithms: narrow(RSA, jwk.alg), kid, description: l10n.t('RSA {0}-bit {1}', rsaBits(jwk), source) };
    case 'EC': {
      const alg = EC_BY_CURVE[jwk.crv ?? ''];
      if (!alg) throw new KeyError('unsupported', l10n.t('The elliptic curve {0} is not supported.', jwk.crv ?? '(none)'));
      return { material: jwk, algorithms: [alg], kid, description: l10n.t('EC {0} {1}', String(jwk.crv), source) };
    }
    case 'OKP':
      if (jwk.crv !== 'Ed25519') throw new KeyError('unsupported', l10n.t('The OKP curve {0} is not supported; Ed25519 is.', jwk.crv ?? '(none)'));
      return { material: jwk, algorithms: ['EdDSA', 'Ed25519'], kid, description: l10n.t('Ed25519 {0}', source) };
    default:
      throw new KeyError('unsupported', l10n.t('Keys of type {0} cannot verify signatures here.', String(JSON.stringify(jwk.kty))));
  }
}

function publicMembers(jwk: Record<string, unknown>): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_JWK_MEMBERS) delete copy[member];
  return copy as JWK;
}

/** A key's own `alg` restricts it further, when it names one of the family. */
function narrow(family: readonly string[], alg: unknown): readonly string[] {
  return typeof alg === 'string' && family.includes(alg) ? [alg] : family;
}

function rsaBits(jwk: JWK): number {
  return jwk.n ? Buffer.from(jwk.n, 'base64url').length * 8 : 0;
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function privateKeyWarning(form: 'PEM' | 'JWK'): TokenWarning {
  return {
    code: 'private-key-given',
    severity: 'warning',
    message: l10n.t('A private {0} key was given; only its public half is used. Verifying never needs the private key, so keep it out of shared places.', form),
  };
}
