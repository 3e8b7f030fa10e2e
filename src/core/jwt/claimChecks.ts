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
    problems.push({ claim: 'alg', message: `The token uses ${alg ?? 'no algorithm'}; only ${expected.algorithms.join(', ')} is accepted.` });
  }
  const claims = payload.claims;
  if (!claims) {
    problems.push({ claim: 'payload', message: `${payload.error ?? 'The payload is not a JSON object'}, so its claims cannot be checked.` });
    return { ok: false, problems };
  }
  const current = Math.floor(now.getTime() / 1000);
  const leeway = expected.leewaySeconds ?? 0;
  problems.push(...timeProblems(claims, current, leeway, expected.maxAgeSeconds));
  problems.push(...issuerProblems(claims, expected.issuer));
  problems.push(...audienceProblems(claims, expected.audiences));
  if (expected.subject !== undefined && claims.sub !== expected.subject) {
    problems.push({ claim: 'sub', message: claims.sub === undefined ? `sub is missing; ${JSON.stringify(expected.subject)} was expected.` : `sub is ${JSON.stringify(claims.sub)}, not ${JSON.stringify(expected.subject)}.` });
  }
  return { ok: problems.length === 0, problems };
}

function timeProblems(claims: JsonObject, now: number, leeway: number, maxAge: number | undefined): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const read = (name: string): number | undefined => {
    const value = claims[name];
    if (value === undefined) return undefined;
    if (typeof value === 'number' && Number.isFinite(value)) return value;
    problems.push({ claim: name, message: `${name} is ${JSON.stringify(value)}; it must be a number of seconds since 1970.` });
    return undefined;
  };
  const iat = read('iat');
  const nbf = read('nbf');
  const exp = read('exp');
  if (iat !== undefined && iat > now + leeway) problems.push({ claim: 'iat', message: `Issued ${describeSpan(iat - now)} in the future.` });
  if (nbf !== undefined && nbf > now + leeway) problems.push({ claim: 'nbf', message: `Not valid for another ${describeSpan(nbf - now)}.` });
  if (exp !== undefined && exp <= now - leeway) problems.push({ claim: 'exp', message: `Expired ${describeSpan(now - exp)} ago.` });
  if (maxAge !== undefined) {
    if (iat === undefined) problems.push({ claim: 'iat', message: 'A maximum age was given, but the token has no iat to measure it from.' });
    else if (now - iat > maxAge + leeway) problems.push({ claim: 'iat', message: `Issued ${describeSpan(now - iat)} ago, older than the ${describeSpan(maxAge)} allowed.` });
  }
  return problems;
}

function issuerProblems(claims: JsonObject, issuer: string | undefined): ClaimProblem[] {
  if (issuer === undefined) return [];
  if (claims.iss === undefined) return [{ claim: 'iss', message: `iss is missing; ${JSON.stringify(issuer)} was expected.` }];
  if (claims.iss !== issuer) return [{ claim: 'iss', message: `iss is ${JSON.stringify(claims.iss)}, not ${JSON.stringify(issuer)}.` }];
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
    return absent ? [] : [{ claim: 'aud', message: `The token is meant for ${JSON.stringify(aud)}, but no audience was expected; say which one this service is.` }];
  }
  if (absent) return [{ claim: 'aud', message: `aud is missing; ${audiences.map((a) => JSON.stringify(a)).join(' or ')} was expected.` }];
  const named = typeof aud === 'string' ? [aud] : aud;
  if (!Array.isArray(named) || named.some((entry) => typeof entry !== 'string')) {
    return [{ claim: 'aud', message: `aud is ${JSON.stringify(aud)}; it must be a string or a list of strings.` }];
  }
  if (!audiences.some((audience) => named.includes(audience))) {
    return [{ claim: 'aud', message: `aud names ${named.map((a) => JSON.stringify(a)).join(', ')}, none of ${audiences.map((a) => JSON.stringify(a)).join(', ')}.` }];
  }
  return [];
}
