import * as l10n from '@vscode/l10n';
import { describeSpan } from './claims';
import type { DecodedPayload, JsonObject } from './decode';

// The claim rules a server applies after the signature: the same ones PyJWT (and so SimpleJWT)
// applies, so that a token judged here is judged the same way by the Django project.

/** What the verifier expects of the claims; everything optional, as on `jwt verify`. */
export interface ClaimExpectations {
  readonly issuer?: string;
  /** The token passes when its `aud` names at least one of these. */
  readonly audiences?: readonly string[];
  readonly subject?: string;
  /** Seconds of clock skew forgiven on exp, nbf, iat and max age. */
  readonly leewaySeconds?: number;
  /** The oldest `iat` accepted, in seconds before now. */
  readonly maxAgeSeconds?: number;
  /** The only header algorithms accepted. */
  readonly algorithms?: readonly string[];
}

export interface ClaimProblem {
  readonly claim: string;
  readonly message: string;
}

export interface ClaimsVerdict {
  readonly ok: boolean;
  readonly problems: readonly ClaimProblem[];
}

/**
 * Judges the payload (and the header's alg) against the expectations. A payload that is not a
 * JSON object fails: there are no claims to trust.
 */
export function checkClaims(payload: DecodedPayload, alg: string | null, expected: ClaimExpectations, now: Date): ClaimsVerdict {
  const problems: ClaimProblem[] = [];
  if (expected.algorithms && (alg === null || !expected.algorithms.includes(alg))) {
    const accepted = expected.algorithms.join(', ');
    const message = alg === null ? l10n.t('The token uses no algorithm; only {0} is accepted.', accepted) : l10n.t('The token uses {0}; only {1} is accepted.', alg, accepted);
    problems.push({ claim: 'alg', message });
  }
  const claims = payload.claims;
  if (!claims) {
    const message = payload.error === undefined ? l10n.t('The payload is not a JSON object, so its claims cannot be checked.') : l10n.t('{0}, so its claims cannot be checked.', payload.error);
    problems.push({ claim: 'payload', message });
    return { ok: false, problems };
  }
  const current = Math.floor(now.getTime() / 1000);
  const leeway = expected.leewaySeconds ?? 0;
  problems.push(...timeProblems(claims, current, leeway, expected.maxAgeSeconds));
  problems.push(...issuerProblems(claims, expected.issuer));
  problems.push(...audienceProblems(claims, expected.audiences));
  if (expected.subject !== undefined && claims.sub !== expected.subject) {
    const wanted = JSON.stringify(expected.subject);
    problems.push({ claim: 'sub', message: claims.sub === undefined ? l10n.t('sub is missing; {0} was expected.', wanted) : l10n.t('sub is {0}, not {1}.', JSON.stringify(claims.sub), wanted) });
  }
  return { ok: problems.length === 0, problems };
}

function timeProblems(claims: JsonObject, now: number, leeway: number, maxAge: number | undefined): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const read = (name: string): number | undefined => {
    const value = claims[name];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    problems.push({ claim: name, message: l10n.t('{0} is {1}; it must be a number of seconds since 1970.', name, JSON.stringify(value)) });
    return undefined;
  };
  const iat = read('iat');
  const nbf = read('nbf');
  const exp = read('exp');
  if (iat !== undefined && iat > now + leeway) problems.push({ claim: 'iat', message: l10n.t('Issued {0} in the future.', describeSpan(iat - now)) });
  if (nbf !== undefined && nbf > now + leeway) problems.push({ claim: 'nbf', message: l10n.t('Not valid for another {0}.', describeSpan(nbf - now)) });
  if (exp !== undefined && exp <= now - leeway) problems.push({ claim: 'exp', message: l10n.t('Expired {0} ago.', describeSpan(now - exp)) });
  if (maxAge !== undefined) {
    if (iat === undefined) problems.push({ claim: 'iat', message: l10n.t('A maximum age was given, but the token has no iat to measure it from.') });
    else if (now - iat > maxAge + leeway) problems.push({ claim: 'iat', message: l10n.t('Issued {0} ago, older than the {1} allowed.', describeSpan(now - iat), describeSpan(maxAge)) });
  }
  return problems;
}

function issuerProblems(claims: JsonObject, issuer: string | undefined): ClaimProblem[] {
  if (issuer === undefined) return [];
  if (claims.iss === undefined) return [{ claim: 'iss', message: l10n.t('iss is missing; {0} was expected.', JSON.stringify(issuer)) }];
  if (claims.iss !== issuer) return [{ claim: 'iss', message: l10n.t('iss is {0}, not {1}.', JSON.stringify(claims.iss), JSON.stringify(issuer)) }];
  return [];
}

/**
 * RFC 7519 4.1.3: a recipient that does not find itself in `aud` must reject the token, so a
 * token that names an audience fails when none is expected, as it does in PyJWT.
 */
function audienceProblems(claims: JsonObject, audiences: readonly string[] | undefined): ClaimProblem[] {
  const aud = claims.aud;
  const absent = aud === undefined || aud === null || aud === '' || (Array.isArray(aud) && aud.length === 0);
  if (!audiences || audiences.length === 0) {
    return absent ? [] : [{ claim: 'aud', message: l10n.t('The token is meant for {0}, but no audience was expected; say which one this service is.', JSON.stringify(aud)) }];
  }
  if (absent) return [{ claim: 'aud', message: l10n.t('aud is missing; {0} was expected.', audiences.map((a) => JSON.stringify(a)).join(' or ')) }];
  const named = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(named) || named.some((entry) => typeof entry !== 'string')) {
    return [{ claim: 'aud', message: l10n.t('aud is {0}; it must be a string or a list of strings.', JSON.stringify(aud)) }];
  }
  if (!audiences.some((audience) => named.includes(audience))) {
    return [{ claim: 'aud', message: l10n.t('aud names {0}, none of {1}.', named.map((a) => JSON.stringify(a)).join(', '), audiences.map((a) => JSON.stringify(a)).join(', ')) }];
  }
  return [];
}
