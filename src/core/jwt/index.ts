// The JWT core: decoding, explaining and verifying tokens, with no editor dependency.
export { type ClaimExpectations, checkClaims, type ClaimProblem, type ClaimsVerdict } from './claimChecks';
export { type ClaimsStatus, type ClaimTime, type ExplainedClaim, claimsStatus, describeSpan, explainClaims } from './claims';
export { type DecodedToken, decodeToken, isJsonObject, type JsonObject, MAX_TOKEN_LENGTH, normaliseToken, TokenError } from './decode';
export { escapeMarkdown, findTokenAt, type FoundToken, hoverMarkdown, looksLikeToken } from './hover';
export { checkJwksUrl, fetchKeySet, type FetchedKeySet, JwksFetchError, type KeySource } from './jwks';
export { describeKeyKind, detectKeyKind, KEY_TYPE_CHOICES, type KeyKind, type KeyTypeChoice } from './keyKind';
export { type KeyInput, KeyError, prepareKey } from './keys';
export { type Environment, environmentFrom, type EnvironmentValue, parseDotEnv } from './dotenv';
export {
  DEFAULT_ALGORITHM,
  type JwtSettings,
  type KeyPurpose,
  projectAlgorithm,
  projectExpectations,
  type ProjectKey,
  projectKey,
  readJwtSettings,
} from './projectKey';
export { evaluate, type StaticValue } from './staticValue';
export {
  type ClaimHelpers,
  isSigningAlgorithm,
  type PublicKeyExport,
  SIGNING_ALGORITHMS,
  type SignedToken,
  type SigningAlgorithm,
  type SigningKeyInput,
  type SigningKeyType,
  type SignRequest,
  signToken,
} from './sign';
export { type DecryptedToken, DecryptionError, type DecryptionKeyInput, type DecryptionKeyType, decryptToken } from './decrypt';
export { parseDuration } from './duration';
export { dotEnvCandidates } from './projectFiles';
export { MintError, type MintedToken, type MintRequest, mintSimpleJwtToken, type SimpleJwtTokenType } from './mint';
export { isUnreadable, reportDecoded, reportToken, type TokenReport } from './report';
export { isAccepted, type SignatureVerdict, type VerificationResult, verifyToken, type VerifyOptions } from './verify';
export type { TokenWarning } from './warnings';
