import * as l10n from '@vscode/l10n';
import { decodeSegment, type NonCanonical } from './base64url';
import { parseJson } from './json';
import type { TokenWarning } from './warnings';

/** Above this size a paste is not a token but an accident; refusing it keeps the editor responsive. */
export const MAX_TOKEN_LENGTH = 1024 * 1024;

export type TokenErrorCode = 'empty' | 'too-large' | 'part-count' | 'malformed';

/** Input that cannot be read as a token at all. Everything less serious is reported per part. */
export class TokenError extends Error {
  constructor(
    readonly code: TokenErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }
}

export type JsonObject = Record<string, unknown>;

export interface DecodedHeader {
  readonly segment: string;
  readonly value?: JsonObject;
  readonly error?: string;
}

export interface DecodedPayload {
  readonly segment: string;
  /** The claims, when the payload is a JSON object. */
  readonly claims?: JsonObject;
  /** The payload as text when it is not a JSON object (JWS can sign any bytes). */
  readonly text?: string;
  readonly encrypted?: boolean;
  readonly error?: string;
}

export interface DecodedSignature {
  readonly segment: string;
  readonly byteLength?: number;
  /** Why the segment is not canonical base64url; such a signature is never accepted. */
  readonly nonCanonical?: NonCanonical;
  readonly error?: string;
}

export interface DecodedToken {
  /** `jws` for a signed token (three parts), `jwe` for an encrypted one (five parts). */
  readonly format: 'jws' | 'jwe';
  /** The token as it was understood, after trimming and removing a `Bearer ` prefix. */
  readonly token: string;
  readonly header: DecodedHeader;
  readonly payload: DecodedPayload;
  readonly signature: DecodedSignature;
  /** Problems with the token as a whole, such as a missing part. */
  readonly errors: readonly string[];
  readonly warnings: readonly TokenWarning[];
}

/** Removes what usually comes along with a pasted token: surrounding whitespace and an HTTP `Bearer ` prefix. */
export function normaliseToken(input: string): string {
  return input.trim().replace(/^bearer\s+/i, '').trim();
}

/**
 * Decodes a compact JWS or JWE as far as it goes. Throws {@link TokenError} only when the input
 * is not a token at all; a broken part is described on that part instead.
 */
export function decodeToken(input: string): DecodedToken {
  if (input.length > MAX_TOKEN_LENGTH) {
    throw new TokenError('too-large', l10n.t('The input is {0} characters long; tokens over {1} characters are not decoded.', input.length, MAX_TOKEN_LENGTH));
  }
  const token = normaliseToken(input);
  if (token === '') throw new TokenError('empty', l10n.t('There is no token to decode.'));
  const segments = token.split('.');
  if (segments.length === 1 || segments.length > 5) {
    throw new TokenError('part-count', l10n.t('A JWT has 3 dot-separated parts (5 when encrypted); this input has {0}.', segments.length));
  }
  return segments.length === 5 ? decodeJwe(token, segments) : decodeJws(token, segments);
}

function decodeJws(token: string, segments: string[]): DecodedToken {
  const warnings: TokenWarning[] = [];
  const errors = segments.length === 3 ? [] : [l10n.t('A signed JWT has 3 dot-separated parts; this one has {0}.', segments.length)];
  const header = decodeHeader(segments[0], warnings);
  const payload = decodePayload(segments[1] ?? '', warnings);
  const signature = decodeSignature(segments[2] ?? '', warnings);
  if (header.value) warnings.unshift(...headerWarnings(header.value));
  return { format: 'jws', token, header, payload, signature, errors, warnings };
}

function decodeJwe(token: string, segments: string[]): DecodedToken {
  const warnings: TokenWarning[] = [];
  const header = decodeHeader(segments[0], warnings);
  if (header.value) warnings.unshift(...headerWarnings(header.value));
  return {
    format: 'jwe',
    token,
    header,
    payload: { segment: segments[3], encrypted: true, error: l10n.t('payload is encrypted (JWE); only the holder of the decryption key can read it') },
    signature: { segment: segments[4], error: l10n.t('an encrypted token has an authentication tag, not a signature') },
    errors: [],
    warnings,
  };
}

function decodeHeader(segment: string, warnings: TokenWarning[]): DecodedHeader {
  const json = decodeJsonSegment('header', segment, warnings);
  if (!json.ok) return { segment, error: json.error };
  if (!isJsonObject(json.value)) return { segment, error: l10n.t('header is JSON but not an object') };
  return { segment, value: json.value };
}

function decodePayload(segment: string, warnings: TokenWarning[]): DecodedPayload {
  const bytes = decodeSegment('payload', segment);
  if (!bytes.ok) return { segment, error: bytes.error };
  noteNonCanonical('payload', bytes.value.nonCanonical, warnings);
  const text = utf8(bytes.value.bytes);
  if (text === undefined) return { segment, error: l10n.t('payload is not UTF-8 text') };
  const json = parseJson(text);
  if (!json.ok) return { segment, text, error: json.tooDeep ? l10n.t('payload is not read as JSON: {0}', json.error) : l10n.t('payload is not valid JSON') };
  noteDuplicates('payload', json.duplicates, warnings);
  if (!isJsonObject(json.value)) return { segment, text, error: l10n.t('payload is JSON but not an object, so it has no claims') };
  return { segment, claims: json.value };
}

function decodeSignature(segment: string, warnings: TokenWarning[]): DecodedSignature {
  const bytes = decodeSegment('signature', segment);
  if (!bytes.ok) return { segment, error: bytes.error };
  const { nonCanonical } = bytes.value;
  noteNonCanonical('signature', nonCanonical, warnings);
  return nonCanonical ? { segment, byteLength: bytes.value.bytes.length, nonCanonical } : { segment, byteLength: bytes.value.bytes.length };
}

function decodeJsonSegment(name: string, segment: string, warnings: TokenWarning[]): { ok: true; value: unknown } | { ok: false; error: string } {
  const bytes = decodeSegment(name, segment);
  if (!bytes.ok) return bytes;
  noteNonCanonical(name, bytes.value.nonCanonical, warnings);
  const text = utf8(bytes.value.bytes);
  if (text === undefined) return { ok: false, error: l10n.t('{0} is not UTF-8 text', name) };
  const json = parseJson(text);
  if (!json.ok) return { ok: false, error: l10n.t('{0} is not valid JSON ({1})', name, json.error) };
  noteDuplicates(name, json.duplicates, warnings);
  return json;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function noteNonCanonical(name: string, reason: NonCanonical | undefined, warnings: TokenWarning[]): void {
  if (reason) warnings.push({ code: 'non-canonical-base64url', severity: 'warning', message: nonCanonicalMessage(name, reason) });
}

function nonCanonicalMessage(name: string, reason: NonCanonical): string {
  switch (reason) {
    case 'whitespace':
      return l10n.t('The {0} segment contains whitespace; compact JWTs use unpadded base64url only, so strict libraries may reject it.', name);
    case 'padding':
      return l10n.t("The {0} segment ends with '=' padding; compact JWTs use unpadded base64url only, so strict libraries may reject it.", name);
    case 'spare-bits':
      return l10n.t('The {0} segment has non-zero unused bits in its last character; compact JWTs use unpadded base64url only, so strict libraries may reject it.', name);
  }
}

function noteDuplicates(name: string, duplicates: readonly string[], warnings: TokenWarning[]): void {
  if (duplicates.length > 0) {
    const names = duplicates.map((d) => JSON.stringify(d)).join(', ');
    warnings.push({ code: 'duplicate-member', severity: 'danger', message: l10n.t('The {0} repeats {1}; libraries disagree on which copy wins, which attackers can exploit.', name, names) });
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const REFERENCE_PARAMETERS = ['kid', 'jku', 'x5u', 'jwk', 'x5c'] as const;

/** Warnings that follow from the header alone. */
export function headerWarnings(header: JsonObject): TokenWarning[] {
  const warnings: TokenWarning[] = [];
  const alg = header.alg;
  if (typeof alg === 'string' && alg.toLowerCase() === 'none') {
    warnings.push({ code: 'unsigned', severity: 'danger', message: l10n.t('alg is "none": the token is unsigned, anyone can write one, and it never verifies.') });
  }
  if (header.typ !== undefined && !isJwtType(header.typ)) {
    warnings.push({ code: 'unexpected-typ', severity: 'warning', message: l10n.t('typ is {0}, not "JWT"; make sure the receiver expects this kind of token.', JSON.stringify(header.typ)) });
  }
  if (header.crit !== undefined) {
    warnings.push({ code: 'critical-header', severity: 'warning', message: l10n.t('crit lists {0}: receivers that do not understand these header parameters must reject the token.', JSON.stringify(header.crit)) });
  }
  for (const name of REFERENCE_PARAMETERS) {
    if (header[name] !== undefined) {
      warnings.push({ code: 'untrusted-reference', severity: 'info', message: l10n.t('{0} is shown as untrusted text: the token chose it, so it is never fetched, opened or used to pick a key outside a key set you supplied.', name) });
    }
  }
  return warnings;
}

function isJwtType(typ: unknown): boolean {
  return typeof typ === 'string' && ['jwt', 'application/jwt'].includes(typ.toLowerCase());
}
