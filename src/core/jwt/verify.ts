import * as l10n from '@vscode/l10n';
import type { NonCanonical } from './base64url';
import { type ClaimExpectations, checkClaims, type ClaimsVerdict } from './claimChecks';
import { type ClaimsStatus, claimsStatus } from './claims';
import { type DecodedToken, decodeToken, TokenError } from './decode';
import type { KeyKind } from './keyKind';
import { type CandidateKey, type KeyInput, type PreparedKey, prepareKey } from './keys';
import { checkSignature } from './signatures';
import type { TokenWarning } from './warnings';

/** `unchecked` means the signature could be neither confirmed nor refuted; `reason` says why. */
export type SignatureVerdict = 'valid' | 'invalid' | 'unchecked';

/**
 * The signature and the claims are separate answers on purpose: a genuine token that has
 * expired is reported as genuine and expired, not merely as "invalid".
 */
export interface VerificationResult extends ClaimsStatus {
  readonly signature: SignatureVerdict;
  readonly alg: string | null;
  readonly reason: string;
  readonly keyKind: KeyKind;
  /** Which key matched, or was tried, in human terms. */
  readonly key?: string;
  readonly warnings: readonly TokenWarning[];
  /** The claim checks, judged whatever the signature verdict: a token passes only when both do. */
  readonly claims: ClaimsVerdict;
}

export interface VerifyOptions {
  readonly now?: Date;
  /** What the claims must say; its leeway also softens `expired` and `notYetValid`. */
  readonly expect?: ClaimExpectations;
}

type Verdict = Pick<VerificationResult, 'signature' | 'reason' | 'key'>;

const HASH_BYTES: Record<string, number> = { HS256: 32, HS384: 48, HS512: 64 };

/**
 * Verifies a compact JWS with a user-supplied key. Throws TokenError when the token is malformed
 * and KeyError when the key is unusable; every other outcome is a result.
 */
export async function verifyToken(input: string, keyInput: KeyInput, options: VerifyOptions = {}): Promise<VerificationResult> {
  const decoded = decodeToken(input);
  assertVerifiable(decoded);
  const key = prepareKey(keyInput);
  const alg = typeof decoded.header.value?.alg === 'string' ? decoded.header.value.alg : null;
  const warnings = [...decoded.warnings, ...key.warnings];
  const verdict = judgeSignature(decoded, alg, key, warnings);
  const now = options.now ?? new Date();
  const expect = options.expect ?? {};
  const status = claimsStatus(decoded.payload.claims, now, expect.leewaySeconds ?? 0);
  const claims = checkClaims(decoded.payload, alg, expect, now);
  const { signature, reason } = verdict;
  return { signature, alg, reason, ...status, keyKind: key.kind, key: verdict.key, warnings, claims };
}

/** True when a server should accept the token: a matching signature and claims that pass. */
export function isAccepted(result: VerificationResult): boolean {
  return result.signature === 'valid' && result.claims.ok;
}

function assertVerifiable(decoded: DecodedToken): void {
  if (decoded.format === 'jwe') {
    throw new TokenError('malformed', l10n.t('This is an encrypted token (JWE): it is decrypted with a key, not verified (django-kit jwt decrypt, or Decrypt in the panel).'));
  }
  const structural = [...decoded.errors, decoded.header.error, decoded.signature.error, notCompact('header', decoded.header.segment), notCompact('payload', decoded.payload.segment)];
  if (decoded.payload.text === undefined && decoded.payload.claims === undefined) structural.push(decoded.payload.error);
  const problems = structural.filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) throw new TokenError('malformed', l10n.t('The token is malformed: {0}.', problems.join('; ')));
}

/**
 * The signature covers the segments exactly as written, and RFC 7515 writes them without padding
 * or spaces; a token that has them was never produced by a JWS library, so it is malformed.
 */
function notCompact(name: string, segment: string): string | undefined {
  if (/\s/.test(segment)) return l10n.t('the {0} segment contains whitespace', name);
  if (segment.endsWith('=')) return l10n.t("the {0} segment ends with '=' padding, which compact JWTs never carry", name);
  return undefined;
}

function judgeSignature(decoded: DecodedToken, alg: string | null, key: PreparedKey, warnings: TokenWarning[]): Verdict {
  if (alg === null) return { signature: 'invalid', reason: l10n.t('The header has no "alg", so there is no signature algorithm to check.') };
  if (alg.toLowerCase() === 'none') return { signature: 'invalid', reason: l10n.t('alg is "none": the token is unsigned and never verifies.') };
  if (decoded.signature.nonCanonical) {
    // Decoders ignore the spare bits of the last character, so without this check one signature
    // could be written several ways and an altered token would still pass.
    return { signature: 'invalid', reason: nonCanonicalSignature(decoded.signature.nonCanonical) };
  }
  const crit = decoded.header.value?.crit;
  if (crit !== undefined) {
    // RFC 7515 4.1.11: a verifier that does not understand every listed extension must not accept the token.
    return { signature: 'unchecked', reason: l10n.t("The header's crit requires {0}, extensions this tool does not implement, so the token cannot be accepted.", JSON.stringify(crit)) };
  }
  const matchingKid = selectByKid(key, decoded.header.value?.kid);
  if (matchingKid.length === 0) return { signature: 'unchecked', reason: l10n.t('No key in the set has kid {0}.', String(JSON.stringify(decoded.header.value?.kid))) };
  const usable = matchingKid.filter((candidate) => candidate.algorithms.includes(alg));
  if (usable.length === 0) return refuseAlgorithm(alg, matchingKid);
  let last: Verdict = { signature: 'invalid', reason: l10n.t('The signature does not match.') };
  for (const candidate of usable) {
    noteWeakSecret(candidate, alg, warnings);
    last = verifyWith(decoded, alg, candidate);
    if (last.signature === 'valid') return last;
  }
  return last;
}

function nonCanonicalSignature(reason: NonCanonical): string {
  switch (reason) {
    case 'whitespace':
      return l10n.t('The signature segment contains whitespace; a signature has exactly one valid spelling.');
    case 'padding':
      return l10n.t("The signature segment ends with '=' padding; a signature has exactly one valid spelling.");
    case 'spare-bits':
      return l10n.t('The signature segment has non-zero unused bits in its last character; a signature has exactly one valid spelling.');
  }
}

/** In a key set the token's kid picks the key; a single key the user chose is used whatever its kid. */
function selectByKid(key: PreparedKey, kid: unknown): readonly CandidateKey[] {
  if (key.kind !== 'jwks' || typeof kid !== 'string') return key.candidates;
  return key.candidates.filter((candidate) => candidate.kid === kid);
}

/** The token asks for an algorithm its key was never meant for: the classic key-confusion forgery. */
function refuseAlgorithm(alg: string, candidates: readonly CandidateKey[]): Verdict {
  const first = candidates[0];
  const allowed = [...new Set(candidates.flatMap((c) => c.algorithms))].join(', ');
  return {
    signature: 'invalid',
    reason: l10n.t('The token says alg {0}, but the {1} only allows {2}; a key is never used with an algorithm of another family.', alg, first.description, allowed),
    key: first.description,
  };
}

function verifyWith(decoded: DecodedToken, alg: string, candidate: CandidateKey): Verdict {
  const key = candidate.description;
  const signature = Buffer.from(decoded.signature.segment, 'base64url');
  const check = checkSignature(alg, signingInput(decoded.token), signature, candidate);
  if ('unusable' in check) return { signature: 'unchecked', reason: l10n.t('The key cannot be used with {0}: {1}.', alg, check.unusable), key };
  if (check.ok) return { signature: 'valid', reason: l10n.t('The {0} signature matches the {1}.', alg, key), key };
  return { signature: 'invalid', reason: l10n.t('The {0} signature does not match the {1}: the token was altered or signed with another key.', alg, key), key };
}

/** The header and payload segments exactly as written: what the signature covers. */
function signingInput(token: string): string {
  return token.slice(0, token.lastIndexOf('.'));
}

function noteWeakSecret(candidate: CandidateKey, alg: string, warnings: TokenWarning[]): void {
  const needed = HASH_BYTES[alg];
  if (!(candidate.material instanceof Uint8Array) || needed === undefined || candidate.material.length >= needed) return;
  if (warnings.some((warning) => warning.code === 'weak-secret')) return;
  warnings.push({
    code: 'weak-secret',
    severity: 'danger',
    message: l10n.t('The secret is {0} bytes; {1} wants at least {2} (its hash size), or it can be guessed offline.', candidate.material.length, alg, needed),
  });
}

