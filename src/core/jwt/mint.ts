import { randomUUID } from 'node:crypto';
import * as l10n from '@vscode/l10n';
import type { JsonObject } from './decode';
import type { Environment } from './dotenv';
import { KeyError } from './keys';
import { type JwtSettings, projectKey } from './projectKey';
import { isSigningAlgorithm, type SignedToken, signToken } from './sign';
import type { StaticValue } from './staticValue';

// A token exactly as the project's SimpleJWT would issue it from `AccessToken.for_user(user)` or
// `RefreshToken.for_user(user)`, built from SIMPLE_JWT read statically, with SimpleJWT's defaults
// for whatever is not written.

export type SimpleJwtTokenType = 'access' | 'refresh';

/** SimpleJWT's defaults (rest_framework_simplejwt/settings.py), for what the settings leave out. */
const DEFAULTS = {
  ACCESS_TOKEN_LIFETIME: 5 * 60,
  REFRESH_TOKEN_LIFETIME: 24 * 3600,
  USER_ID_CLAIM: 'user_id',
  TOKEN_TYPE_CLAIM: 'token_type',
  JTI_CLAIM: 'jti',
} as const;

export interface MintRequest {
  readonly userId: string;
  readonly type: SimpleJwtTokenType;
  readonly now?: Date;
}

export interface MintedToken extends SignedToken {
  /** Where the signing key came from, in words, for the user to check. */
  readonly keySource: string;
  readonly algorithm: string;
}

/** Raised when the settings do not say enough to mint; the message names the setting. */
export class MintError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MintError';
  }
}

export function mintSimpleJwtToken(settings: JwtSettings, environment: Environment | undefined, request: MintRequest): MintedToken {
  if (settings.simpleJwtOpaque) throw new MintError(l10n.t('SIMPLE_JWT is not written as a dict literal, so it cannot be read without running the settings.'));
  const key = projectKey(settings, environment, 'sign');
  const algorithm = key.algorithm;
  if (!isSigningAlgorithm(algorithm)) throw new MintError(l10n.t('SIMPLE_JWT["ALGORITHM"] is {0}, which cannot be minted here.', algorithm));
  if (key.kind === 'unset-variable') {
    throw new MintError(
      key.lookedIn.length > 0
        ? l10n.t('{0} reads the environment variable {1}, and none of {2} sets it.', key.setting, key.variable, key.lookedIn.join(', '))
        : l10n.t('{0} reads the environment variable {1}, and no .env file was found beside manage.py or the settings.', key.setting, key.variable),
    );
  }
  if (key.kind === 'not-literal') throw new MintError(l10n.t('{0} is computed ({1}), so the signing key cannot be read without running the settings.', key.setting, key.expression));
  if (key.kind === 'missing') throw new MintError(l10n.t('The settings set no {0}, which {1} needs to sign.', key.setting, algorithm));
  if (flag(settings.simpleJwt.get('CHECK_REVOKE_TOKEN'))) {
    throw new MintError(l10n.t('SIMPLE_JWT["CHECK_REVOKE_TOKEN"] is on: tokens carry a hash of the user\'s password, which only Django can add.'));
  }
  const now = request.now ?? new Date();
  const claims = simpleJwtClaims(settings, request, Math.floor(now.getTime() / 1000));
  try {
    const signed = signToken({ alg: algorithm, key: { text: key.key, type: key.keyType }, claims, helpers: { issuedAt: false }, now });
    return { ...signed, keySource: key.source, algorithm };
  } catch (error) {
    if (error instanceof KeyError) throw new MintError(l10n.t('{0} cannot sign {1}: {2}', key.source, algorithm, error.message));
    throw error;
  }
}

/** The claims in SimpleJWT's own order: type, exp, iat, jti, the user, then AUDIENCE and ISSUER. */
function simpleJwtClaims(settings: JwtSettings, request: MintRequest, now: number): JsonObject {
  const entry = (name: string) => settings.simpleJwt.get(name);
  const lifetimeName = request.type === 'access' ? 'ACCESS_TOKEN_LIFETIME' : 'REFRESH_TOKEN_LIFETIME';
  const lifetime = seconds(lifetimeName, entry(lifetimeName)) ?? DEFAULTS[lifetimeName];
  const claims: JsonObject = {};
  const typeClaim = claimName('TOKEN_TYPE_CLAIM', entry('TOKEN_TYPE_CLAIM'));
  if (typeClaim !== null) claims[typeClaim] = request.type;
  claims.exp = now + Math.floor(lifetime);
  claims.iat = now;
  const jtiClaim = claimName('JTI_CLAIM', entry('JTI_CLAIM'));
  if (jtiClaim !== null) claims[jtiClaim] = randomUUID().replace(/-/g, '');
  claims[claimName('USER_ID_CLAIM', entry('USER_ID_CLAIM')) ?? DEFAULTS.USER_ID_CLAIM] = request.userId;
  const audience = entry('AUDIENCE');
  if (audience?.kind === 'string') claims.aud = audience.value;
  else if (audience && audience.kind !== 'none') throw new MintError(unreadable('AUDIENCE', audience));
  const issuer = entry('ISSUER');
  if (issuer?.kind === 'string') claims.iss = issuer.value;
  else if (issuer && issuer.kind !== 'none') throw new MintError(unreadable('ISSUER', issuer));
  return claims;
}

function seconds(name: string, value: StaticValue | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (value.kind === 'duration') return value.seconds;
  throw new MintError(unreadable(name, value));
}

/** A claim name setting: its string, null when set to None (the claim is left out), else the default. */
function claimName(name: keyof typeof DEFAULTS, value: StaticValue | undefined): string | null {
  if (value === undefined) return DEFAULTS[name] as string;
  if (value.kind === 'string') return value.value;
  if (value.kind === 'none') return null;
  throw new MintError(unreadable(name, value));
}

function flag(value: StaticValue | undefined): boolean {
  return value?.kind === 'boolean' && value.value;
}

function unreadable(name: string, value: StaticValue): string {
  const setting = `SIMPLE_JWT["${name}"]`;
  return value.kind === 'unknown' || value.kind === 'environment'
    ? l10n.t('{0} ({1}) cannot be evaluated without running the settings.', setting, value.text)
    : l10n.t('{0} cannot be evaluated without running the settings.', setting);
}
