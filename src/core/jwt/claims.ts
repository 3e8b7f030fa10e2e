import * as l10n from '@vscode/l10n';
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
  /** A function, so that it is read in the language configured after this module loaded. */
  readonly explanation: () => string;
  /** How the relative time reads for this claim, given whether the moment has passed. */
  readonly when?: (past: boolean, span: string) => string;
}

const expiry = (past: boolean, span: string) => (past ? l10n.t('expired {0} ago', span) : l10n.t('expires in {0}', span));
const start = (past: boolean, span: string) => (past ? l10n.t('valid since {0} ago', span) : l10n.t('not valid for another {0}', span));
const issue = (past: boolean, span: string) => (past ? l10n.t('issued {0} ago', span) : l10n.t('issued in {0} (in the future)', span));
const moment = (past: boolean, span: string) => (past ? l10n.t('{0} ago', span) : l10n.t('in {0}', span));

const CLAIMS: Record<string, ClaimInfo> = {
  iss: { origin: 'registered', explanation: () => l10n.t('Issuer: the party that created and signed the token.') },
  sub: { origin: 'registered', explanation: () => l10n.t('Subject: whom the token is about, usually a user id.') },
  aud: { origin: 'registered', explanation: () => l10n.t('Audience: the services meant to accept the token; any other should turn it down.') },
  exp: { origin: 'registered', explanation: () => l10n.t('Expiration time: from this moment on the token must be refused.'), when: expiry },
  nbf: { origin: 'registered', explanation: () => l10n.t('Not before: the token must be refused until this moment.'), when: start },
  iat: { origin: 'registered', explanation: () => l10n.t('Issued at: when the token was made.'), when: issue },
  jti: { origin: 'registered', explanation: () => l10n.t('JWT ID: a unique id for this token; SimpleJWT uses it to blacklist tokens and servers use it to spot replays.') },
  token_type: { origin: 'simplejwt', explanation: () => l10n.t('SimpleJWT token type: "access" for API calls, "refresh" to obtain new access tokens, "sliding" for sliding tokens.') },
  user_id: { origin: 'simplejwt', explanation: () => l10n.t("SimpleJWT user claim (USER_ID_CLAIM): the primary key of the Django user the token was issued for.") },
  refresh_exp: { origin: 'simplejwt', explanation: () => l10n.t('SimpleJWT sliding tokens: the last moment this token can still be refreshed.'), when: expiry },
  azp: { origin: 'oidc', explanation: () => l10n.t('Authorized party: the client the token was issued to.') },
  auth_time: { origin: 'oidc', explanation: () => l10n.t('When the user actually authenticated (which may be long before the token was issued).'), when: moment },
  nonce: { origin: 'oidc', explanation: () => l10n.t('Value from the login request, echoed back so the client can detect replayed ID tokens.') },
  acr: { origin: 'oidc', explanation: () => l10n.t('Authentication context class: how strongly the user was authenticated.') },
  amr: { origin: 'oidc', explanation: () => l10n.t('Authentication methods used, such as "pwd" or "mfa".') },
  at_hash: { origin: 'oidc', explanation: () => l10n.t('Hash of the access token issued alongside this ID token, binding the two together.') },
  c_hash: { origin: 'oidc', explanation: () => l10n.t('Hash of the authorization code issued alongside this ID token.') },
  sid: { origin: 'oidc', explanation: () => l10n.t('Session id at the identity provider, used for logout.') },
  scope: { origin: 'oidc', explanation: () => l10n.t('Space-separated permissions granted to the client.') },
  client_id: { origin: 'oidc', explanation: () => l10n.t('The OAuth client the token was issued to.') },
  name: { origin: 'oidc', explanation: () => l10n.t("The user's full name.") },
  given_name: { origin: 'oidc', explanation: () => l10n.t("The user's given (first) name.") },
  family_name: { origin: 'oidc', explanation: () => l10n.t("The user's family (last) name.") },
  middle_name: { origin: 'oidc', explanation: () => l10n.t("The user's middle name.") },
  nickname: { origin: 'oidc', explanation: () => l10n.t('A casual name for the user.') },
  preferred_username: { origin: 'oidc', explanation: () => l10n.t('The name the user likes to be called by; not guaranteed unique.') },
  profile: { origin: 'oidc', explanation: () => l10n.t("URL of the user's profile page.") },
  picture: { origin: 'oidc', explanation: () => l10n.t("URL of the user's picture.") },
  website: { origin: 'oidc', explanation: () => l10n.t("URL of the user's web site.") },
  email: { origin: 'oidc', explanation: () => l10n.t("The user's e-mail address.") },
  email_verified: { origin: 'oidc', explanation: () => l10n.t('Whether the identity provider checked that the user controls the e-mail address.') },
  gender: { origin: 'oidc', explanation: () => l10n.t("The user's gender.") },
  birthdate: { origin: 'oidc', explanation: () => l10n.t("The user's birthday.") },
  zoneinfo: { origin: 'oidc', explanation: () => l10n.t("The user's time zone, such as Europe/Paris.") },
  locale: { origin: 'oidc', explanation: () => l10n.t("The user's locale, such as fr-CA.") },
  phone_number: { origin: 'oidc', explanation: () => l10n.t("The user's telephone number.") },
  phone_number_verified: { origin: 'oidc', explanation: () => l10n.t('Whether the identity provider checked the telephone number.') },
  address: { origin: 'oidc', explanation: () => l10n.t("The user's postal address.") },
  updated_at: { origin: 'oidc', explanation: () => l10n.t("When the user's profile information last changed."), when: moment },
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
  const base = { name, value, origin: info.origin, explanation: info.explanation() };
  if (!info.when) return base;
  if (!isNumericDate(value)) return { ...base, problem: l10n.t('{0} should be a number of seconds since 1970-01-01 UTC', name) };
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

/** Each unit with its size and how a count of it reads (singular and plural are whole messages). */
const UNITS: readonly [number, (count: number) => string][] = [
  [365 * 86400, (count) => (count === 1 ? l10n.t('1 year') : l10n.t('{0} years', count))],
  [86400, (count) => (count === 1 ? l10n.t('1 day') : l10n.t('{0} days', count))],
  [3600, (count) => (count === 1 ? l10n.t('1 hour') : l10n.t('{0} hours', count))],
  [60, (count) => (count === 1 ? l10n.t('1 minute') : l10n.t('{0} minutes', count))],
  [1, (count) => (count === 1 ? l10n.t('1 second') : l10n.t('{0} seconds', count))],
];

/** "3 minutes", "1 day": the largest whole unit, which is what a reader wants at a glance. */
export function describeSpan(seconds: number): string {
  for (const [size, words] of UNITS) {
    const count = Math.floor(seconds / size);
    if (count >= 1) return words(count);
  }
  return l10n.t('{0} seconds', 0);
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
