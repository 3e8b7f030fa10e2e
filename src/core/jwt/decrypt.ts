import { createPrivateKey, createSecretKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import { decodeSegment } from './base64url';
import { decodeToken, isJsonObject, type JsonObject, TokenError } from './decode';
import { loadJose } from './jose';
import { parseJson } from './json';
import { KeyError } from './keys';

// Decrypting a compact JWE (five parts) with a key the user gives: a shared secret for dir and
// the AES key wraps, a private key (PEM or JWK) for RSA-OAEP and ECDH-ES. jose does the work.

export type DecryptionKeyType = 'secret' | 'pem' | 'jwk';

export interface DecryptionKeyInput {
  readonly text: string;
  readonly type?: DecryptionKeyType;
  readonly secretEncoding?: 'utf8' | 'base64url';
}

export interface DecryptedToken {
  readonly header: JsonObject;
  /** The claims when the plaintext is a JSON object, else the plaintext itself. */
  readonly payload: JsonObject | string;
  /** True when the plaintext is itself a signed token (`cty: "JWT"`), to be verified next. */
  readonly nested: boolean;
}

/** The key opens nothing: wrong key, or the token was altered. */
export class DecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionError';
  }
}

export async function decryptToken(input: string, keyInput: DecryptionKeyInput): Promise<DecryptedToken> {
  const decoded = decodeToken(input);
  if (decoded.format !== 'jwe') throw new TokenError('malformed', l10n.t('This is a signed token (JWS), not an encrypted one: verify it instead.'));
  if (!decoded.header.value) throw new TokenError('malformed', l10n.t('The token is malformed: {0}.', decoded.header.error ?? l10n.t('unreadable header')));
  const key = decryptionKey(keyInput);
  const jose = await loadJose();
  let plaintext: Uint8Array;
  try {
    ({ plaintext } = await jose.compactDecrypt(decoded.token, key));
  } catch (error) {
    throw failure(error);
  }
  const text = new TextDecoder().decode(plaintext);
  const json = parseJson(text);
  const payload = json.ok && isJsonObject(json.value) ? json.value : text;
  const cty = decoded.header.value.cty;
  return { header: decoded.header.value, payload, nested: typeof cty === 'string' && cty.toUpperCase() === 'JWT' };
}

function decryptionKey(input: DecryptionKeyInput): KeyObject {
  const text = input.text.trim();
  if (text === '') throw new KeyError('empty', l10n.t('No key was given.'));
  const type = input.type ?? (text.startsWith('-----BEGIN') ? 'pem' : text.startsWith('{') ? 'jwk' : 'secret');
  try {
    if (type === 'pem') return createPrivateKey(text);
    if (type === 'jwk') {
      const jwk = JSON.parse(text) as JsonWebKey;
      return jwk.kty === 'oct' ? createSecretKey(Buffer.from(String(jwk.k ?? ''), 'base64url')) : createPrivateKey({ key: jwk, format: 'jwk' });
    }
  } catch (error) {
    throw new KeyError('malformed', l10n.t('The decryption key cannot be read: {0}', error instanceof Error ? error.message : String(error)));
  }
  if (input.secretEncoding !== 'base64url') return createSecretKey(Buffer.from(input.text, 'utf8'));
  const bytes = decodeSegment('secret', text);
  if (!bytes.ok) throw new KeyError('malformed', l10n.t('The secret is not base64url: {0}.', bytes.error));
  return createSecretKey(bytes.value.bytes);
}

function failure(error: unknown): Error {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_JWE_DECRYPTION_FAILED') return new DecryptionError(l10n.t('The key does not decrypt this token: it is the wrong key, or the token was altered.'));
  if (code === 'ERR_JOSE_NOT_SUPPORTED' || code === 'ERR_JOSE_ALG_NOT_ALLOWED') return new KeyError('unsupported', l10n.t('Cannot decrypt: {0}', message));
  if (code === 'ERR_JWE_INVALID') return new TokenError('malformed', l10n.t('The token is malformed: {0}', message));
  // jose reports a key of the wrong kind or size for the algorithm as a TypeError or JWEInvalid.
  return new KeyError('unsupported', l10n.t('This key cannot decrypt the token: {0}', message));
}
