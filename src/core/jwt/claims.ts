import type { JsonObject } from './decode';

export type ClaimOrigin = 'registered' | 'oidc' | 'simplejwt' | 'custom';

export interface ClaimTime {
  readonly iso: string;
  readonly local: string;
  /** For example "expired 3 minutes ago" or "issued in 2 hours (in the future)". */
  readonly relative: string;
}

export interface ExplainedClaim {
  readonly name: string;
  readonly value: unknown;
  readonly origin: ClaimOrigin;
  readonly explanation?: string;
  readonly time?: ClaimTime;
  /** Set when a known claim has a value of the wrong kind, e.g. a string `exp`. */
  readonly problem?: string;
}

export interface ClaimsStatus {
  readonly expired: boolean;
  readonly notYetValid: boolean;
  readonly issuedInFuture: boolean;
}

interface ClaimInfo {
  readonly origin: ClaimOrigin;
  readonly explanation: string;
  /** How the relative time reads for this claim, given whether the moment has passed. */
  readonly when?: (past: boolean, span: string) => string;
}

const expiry = (past: boolean, span: string) => (past ? `expired ${span} ago` : `expires in ${span}`);
const start = (past: boolean, span: string) => (past ? `valid since ${span} ago` : `not valid for another ${span}`);
const issue = (past: boolean, span: string) => (past ? `issued ${span} ago` : `issued in ${span} (in the future)`);
const moment = (past: boolean, span: string) => (past ? `${span} ago` : `in ${span}`);

const CLAIMS: Record<string, ClaimInfo> = {
  iss: { origin: 'registered', explanation: 'Issuer: the party that created and signed the token.' },
  sub: { origin: 'registered', explanation: 'Subject: whom the token is about, usually a user id.' },
  aud: { origin: 'registered', explanation: 'Audience: the services meant to accept the token; any other should turn it down.' },
  exp: { origin: 'registered', explanation: 'Expiration time: from this moment on the token must be refused.', when: expiry },
  nbf: { origin: 'registered', explanation: 'Not before: the token must be refused until this moment.', when: start },
  iat: { origin: 'registered', explanation: 'Issued at: when the token was made.', when: issue },
  jti: { origin: 'registered', explanation: 'JWT ID: a unique id for this token; SimpleJWT uses it to blacklist tokens and servers use it to spot replays.' },
  token_type: { origin: 'simplejwt', explanation: 'SimpleJWT token type: "access" for API calls, "refresh" to obtain new access tokens, "sliding" for sliding tokens.' },
  user_id: { origin: 'simplejwt', explanation: "SimpleJWT user claim (USER_ID_CLAIM): the primary key of the Django user the token was issued for." },
  refresh_exp: { origin: 'simplejwt', explanation: 'SimpleJWT sliding tokens: the last moment this token can still be refreshed.', when: expiry },
  azp: { origin: 'oidc', explanation: 'Authorized party: the client the token was issued to.' },
  auth_time: { origin: 'oidc', explanation: 'When the user actually authenticated (which may be long before the token was issued).', when: moment },
  nonce: { origin: 'oidc', explanation: 'Value from the login request, echoed back so the client can detect replayed ID tokens.' },
  acr: { origin: 'oidc', explanation: 'Authentication context class: how strongly the user was authenticated.' },
  amr: { origin: 'oidc', explanation: 'Authentication methods used, such as "pwd" or "mfa".' },
  at_hash: { origin: 'oidc', explanation: 'Hash of the access token issued alongside this ID token, binding the two together.' },
  c_hash: { origin: 'oidc', explanation: 'Hash of the authorization code issued alongside this ID token.' },
  sid: { origin: 'oidc', explanation: 'Session id at the identity provider, used for logout.' },
  scope: { origin: 'oidc', explanation: 'Space-separated permissions granted to the client.' },
  client_id: { origin: 'oidc', explanation: 'The OAuth client the token was issued to.' },
  name: { origin: 'oidc', explanation: "The user's full name." },
  given_name: { origin: 'oidc', explanation: "The user's given (first) name." },
  family_name: { origin: 'oidc', explanation: "The user's family (last) name." },
  middle_name: { origin: 'oidc', explanation: "The user's middle name." },
  nickname: { origin: 'oidc', explanation: 'A casual name for the user.' },
  preferred_username: { origin: 'oidc', explanation: 'The name the user likes to be called by; not guaranteed unique.' },
  profile: { origin: 'oidc', explanation: "URL of the user's profile page." },
  picture: { origin: 'oidc', explanation: "URL of the user's picture." },
  website: { origin: 'oidc', explanation: "URL of the user's web site." },
  email: { origin: 'oidc', explanation: "The user's e-mail address." },
  email_verified: { origin: 'oidc', explanation: 'Whether the identity provider checked that the user controls the e-mail address.' },
  gender: { origin: 'oidc', explanation: "The user's gender." },
  birthdate: { origin: 'oidc', explanation: "The user's birthday." },
  zoneinfo: { origin: 'oidc', explanation: "The user's time zone, such as Europe/Paris." },
  locale: { origin: 'oidc', explanation: "The user's locale, such as fr-CA." },
  phone_number: { origin: 'oidc', explanation: "The user's telephone number." },
  phone_number_verified: { origin: 'oidc', explanation: 'Whether the identity provider checked the telephone number.' },
  address: { origin: 'oidc', explanation: "The user's postal address." },
  updated_at: { origin: 'oidc', explanation: "When the user's profile information last changed.", when: moment },
};

/** Explains every claim of a payload, known ones first in a stable order, then the others as found. */
export function explainClaims(claims: JsonObject, now: Date, timeZone?: string): ExplainedClaim[] {
  const names = Object.keys(claims);
  const known = Object.keys(CLAIMS).filter((name) => names.includes(name));
  const custom = names.filter((name) => !Object.hasOwn(CLAIMS, name));
  return [...known, ...custom].map((name) => explainClaim(name, claims[name], now, timeZone));
}

function explainClaim(name: string, value: unknown, now: Date, timeZone: string | undefined): ExplainedClaim {
  const info = Object.hasOwn(CLAIMS, name) ? CLAIMS[name] : undefined;
  if (!info) return { name, value, origin: 'custom' };
  const base = { name, value, origin: info.origin, explanation: info.explanation };
  if (!info.when) return base;
  if (!isNumericDate(value)) return { ...base, problem: `${name} should be a number of seconds since 1970-01-01 UTC` };
  return { ...base, time: describeTime(value, now, info.when, timeZone) };
}

function isNumericDate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 8.64e12;
}

function describeTime(seconds: number, now: Date, when: NonNullable<ClaimInfo['when']>, timeZone: string | undefined): ClaimTime {
  const date = new Date(seconds * 1000);
  const difference = seconds - now.getTime() / 1000;
  return {
    iso: date.toISOString(),
    local: localFormat(timeZone).format(date),
    relative: when(difference <= 0, describeSpan(Math.abs(difference))),
  };
}

// Building a DateTimeFormat costs far more than using one, so one is kept per time zone.
const localFormats = new Map<string, Intl.DateTimeFormat>();

function localFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const name = timeZone ?? '';
  let format = localFormats.get(name);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'long', timeZone });
    localFormats.set(name, format);
  }
  return format;
}

const UNITS: readonly [string, number][] = [
  ['year', 365 * 86400],
  ['day', 86400],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** "3 minutes", "1 day": the largest whole unit, which is what a reader wants at a glance. */
export function describeSpan(seconds: number): string {
  for (const [unit, size] of UNITS) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return `${count} ${unit}${count === 1 ? '' : 's'}`;
  }
  return '0 seconds';
}

/**
 * Where the token stands in time. `toleranceSeconds` absorbs clock skew between the issuer and
 * this machine, as servers do.
 */
export function claimsStatus(claims: JsonObject | undefined, now: Date, toleranceSeconds = 0): ClaimsStatus {
  const current = now.getTime() / 1000;
  const at = (name: string) => {
    const value = claims?.[name];
    return isNumericDate(value) ? value : undefined;
  };
  const exp = at('exp');
  const nbf = at('nbf');
  const iat = at('iat');
  return {
    expired: exp !== undefined && current >= exp + toleranceSeconds,
    notYetValid: nbf !== undefined && current < nbf - toleranceSeconds,
    issuedInFuture: iat !== undefined && current < iat - toleranceSeconds,
  };
}
