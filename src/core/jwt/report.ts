import { type ClaimsStatus, claimsStatus, type ExplainedClaim, explainClaims } from './claims';
import { type DecodedToken, decodeToken, type JsonObject } from './decode';
import type { TokenWarning } from './warnings';

/** Everything a reader wants from a token without a key: the shape of `django-kit jwt decode`. */
export interface TokenReport {
  readonly format: 'jws' | 'jwe';
  readonly header: JsonObject | null;
  /** The claims object, the payload text when it is not a JSON object, or null when unreadable. */
  readonly payload: JsonObject | string | null;
  /** The signature segment as written (base64url), or null when absent or the token is encrypted. */
  readonly signature: string | null;
  readonly segments: { readonly header: string; readonly payload: string; readonly signature: string };
  readonly claims: readonly ExplainedClaim[];
  readonly status: ClaimsStatus;
  /** What is wrong, part by part ("payload is not valid JSON"), empty for a well-formed token. */
  readonly errors: readonly string[];
  readonly warnings: readonly TokenWarning[];
}

export function reportToken(input: string, now: Date, timeZone?: string): TokenReport {
  return reportDecoded(decodeToken(input), now, timeZone);
}

export function reportDecoded(decoded: DecodedToken, now: Date, timeZone?: string): TokenReport {
  const { header, payload, signature } = decoded;
  const claims = payload.claims;
  return {
    format: decoded.format,
    header: header.value ?? null,
    payload: claims ?? payload.text ?? null,
    signature: decoded.format === 'jwe' || signature.segment === '' ? null : signature.segment,
    segments: { header: header.segment, payload: payload.segment, signature: signature.segment },
    claims: claims ? explainClaims(claims, now, timeZone) : [],
    status: claimsStatus(claims, now),
    errors: [...decoded.errors, ...[header.error, payload.error, signature.error].filter((e): e is string => e !== undefined)],
    warnings: decoded.warnings,
  };
}

/** True when nothing at all could be read: neither the header nor the payload. */
export function isUnreadable(report: TokenReport): boolean {
  return report.header === null && report.payload === null;
}
