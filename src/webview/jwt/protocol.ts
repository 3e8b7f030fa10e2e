// The one message protocol between the JWT panel and the extension. Both sides import it, and
// both validate what they receive: a webview is a web page, so its messages are untrusted input.
import type { KeyTypeChoice } from '../../core/jwt/keyKind';
import type { DecryptedToken } from '../../core/jwt/decrypt';
import type { TokenReport } from '../../core/jwt/report';
import type { PublicKeyExport } from '../../core/jwt/sign';
import type { VerificationResult } from '../../core/jwt/verify';

/** Tokens are capped at 1 MB by the core; a message carrying more text than this is refused. */
const MAX_TEXT = 2 * 1024 * 1024;

export type KeyTypeSelection = KeyTypeChoice | 'auto';
export type SigningKeySelection = 'auto' | 'secret' | 'pem' | 'jwk';

/** What the panel shows on screen, reported back once it has drawn a token, a verdict or a new token. */
export interface RenderedSummary {
  readonly token: string;
  /** The text of the coloured parts exactly as displayed. */
  readonly parts: readonly string[];
  readonly claimNames: readonly string[];
  readonly verdict?: string;
  /** The claims named in the verdict's problems, in order. */
  readonly claimProblems?: readonly string[];
  /** A token the Create section made, as displayed there. */
  readonly created?: string;
  /** Whether the "Use Project Key" button is offered. */
  readonly projectKeyButton?: boolean;
}

/** The claim checks as typed in the panel; the extension parses them (durations, lists). */
export interface ClaimCheckFields {
  readonly issuer: string;
  /** Comma-separated; the token passes when its aud names one of them. */
  readonly audiences: string;
  readonly subject: string;
  readonly leeway: string;
  readonly maxAge: string;
  /** Comma-separated algorithm names. */
  readonly algorithms: string;
}

export interface CreateFields {
  readonly alg: string;
  readonly key: string;
  readonly keyType: SigningKeySelection;
  readonly secretEncoding: 'utf8' | 'base64url';
  readonly header: string;
  readonly claims: string;
  /** Durations such as 15m; empty for none. */
  readonly expiresIn: string;
  readonly notBefore: string;
  readonly issuedAt: boolean;
  readonly issuer: string;
  readonly audience: string;
  readonly subject: string;
  readonly jwtId: boolean;
  /** Keep the key in VS Code's SecretStorage; only when the user ticks it. */
  readonly remember: boolean;
}

export type WebviewMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'decode'; readonly token: string }
  | {
      readonly type: 'verify';
      readonly token: string;
      readonly key: string;
      readonly keyType: KeyTypeSelection;
      readonly secretEncoding: 'utf8' | 'base64url';
      readonly remember: boolean;
      /** Verify with the key kept in SecretStorage instead of `key`. */
      readonly useSaved: boolean;
      readonly checks: ClaimCheckFields;
    }
  | { readonly type: 'verifyWithProjectKey'; readonly token: string; readonly checks: ClaimCheckFields }
  | { readonly type: 'fetchJwks'; readonly token: string; readonly url: string; readonly source: 'jwks' | 'oidc'; readonly checks: ClaimCheckFields }
  | { readonly type: 'create'; readonly fields: CreateFields }
  | { readonly type: 'mint'; readonly userId: string; readonly tokenType: 'access' | 'refresh' }
  | { readonly type: 'decrypt'; readonly token: string; readonly key: string; readonly secretEncoding: 'utf8' | 'base64url' }
  | { readonly type: 'rendered'; readonly summary: RenderedSummary };

export type HostMessage =
  | {
      readonly type: 'decoded';
      readonly token: string;
      /** The token's parts exactly as given (after trimming and a Bearer prefix), never padded out. */
      readonly parts?: readonly string[];
      readonly report?: TokenReport;
      readonly error?: string;
      readonly savedKey: boolean;
      /** Where a project key was found (a settings file), so the panel can offer "Use Project Key". */
      readonly projectKey?: string;
      /** True when the extension brings a new token (a command or a hover link), false for a reply to `decode`. */
      readonly reveal: boolean;
    }
  | { readonly type: 'verified'; readonly token: string; readonly result?: VerificationResult; readonly error?: string; readonly keySource?: string }
  | { readonly type: 'decrypted'; readonly token: string; readonly decrypted?: DecryptedToken; readonly error?: string }
  | { readonly type: 'created'; readonly token?: string; readonly publicKey?: PublicKeyExport; readonly note?: string; readonly error?: string };

type Fields = Record<string, unknown>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isFlag = (value: unknown): value is boolean => typeof value === 'boolean';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length <= 1000 && value.every(isText);
const isEncoding = (value: unknown): value is 'utf8' | 'base64url' => value === 'utf8' || value === 'base64url';
const KEY_TYPES: readonly unknown[] = ['auto', 'secret', 'pem', 'jwk', 'jwks'];
const SIGNING_KEY_TYPES: readonly unknown[] = ['auto', 'secret', 'pem', 'jwk'];
const CHECK_FIELDS = ['issuer', 'audiences', 'subject', 'leeway', 'maxAge', 'algorithms'] as const;
const CREATE_TEXT_FIELDS = ['alg', 'key', 'header', 'claims', 'expiresIn', 'notBefore', 'issuer', 'audience', 'subject'] as const;
const CREATE_FLAGS = ['issuedAt', 'jwtId', 'remember'] as const;

/** Accepts a message from the webview only if it has exactly the expected shape. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Fields;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'decode':
      return isText(m.token) ? { type: 'decode', token: m.token } : undefined;
    case 'verify': {
      const checks = parseChecks(m.checks);
      if (!checks || !isText(m.token) || !isText(m.key) || !KEY_TYPES.includes(m.keyType) || !isFlag(m.remember) || !isFlag(m.useSaved) || !isEncoding(m.secretEncoding)) return undefined;
      return {
        type: 'verify',
        token: m.token,
        key: m.key,
        keyType: m.keyType as KeyTypeSelection,
        secretEncoding: m.secretEncoding,
        remember: m.remember,
        useSaved: m.useSaved,
        checks,
      };
    }
    case 'verifyWithProjectKey': {
      const checks = parseChecks(m.checks);
      return checks && isText(m.token) ? { type: 'verifyWithProjectKey', token: m.token, checks } : undefined;
    }
    case 'fetchJwks': {
      const checks = parseChecks(m.checks);
      if (!checks || !isText(m.token) || !isText(m.url) || (m.source !== 'jwks' && m.source !== 'oidc')) return undefined;
      return { type: 'fetchJwks', token: m.token, url: m.url, source: m.source, checks };
    }
    case 'create': {
      const fields = parseCreate(m.fields);
      return fields ? { type: 'create', fields } : undefined;
    }
    case 'mint':
      return isText(m.userId) && (m.tokenType === 'access' || m.tokenType === 'refresh') ? { type: 'mint', userId: m.userId, tokenType: m.tokenType } : undefined;
    case 'decrypt':
      return isText(m.token) && isText(m.key) && isEncoding(m.secretEncoding) ? { type: 'decrypt', token: m.token, key: m.key, secretEncoding: m.secretEncoding } : undefined;
    case 'rendered':
      return parseRendered(m.summary);
    default:
      return undefined;
  }
}

function parseChecks(value: unknown): ClaimCheckFields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const c = value as Fields;
  if (!CHECK_FIELDS.every((name) => isText(c[name]))) return undefined;
  return Object.fromEntries(CHECK_FIELDS.map((name) => [name, c[name]])) as unknown as ClaimCheckFields;
}

function parseCreate(value: unknown): CreateFields | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const f = value as Fields;
  if (!CREATE_TEXT_FIELDS.every((name) => isText(f[name])) || !CREATE_FLAGS.every((name) => isFlag(f[name]))) return undefined;
  if (!SIGNING_KEY_TYPES.includes(f.keyType) || !isEncoding(f.secretEncoding)) return undefined;
  return Object.fromEntries([...CREATE_TEXT_FIELDS, ...CREATE_FLAGS, 'keyType', 'secretEncoding'].map((name) => [name, f[name]])) as unknown as CreateFields;
}

function parseRendered(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Fields;
  if (!isText(s.token) || !isTextList(s.parts) || !isTextList(s.claimNames)) return undefined;
  if (s.verdict !== undefined && !isText(s.verdict)) return undefined;
  if (s.claimProblems !== undefined && !isTextList(s.claimProblems)) return undefined;
  if (s.created !== undefined && !isText(s.created)) return undefined;
  if (s.projectKeyButton !== undefined && !isFlag(s.projectKeyButton)) return undefined;
  const summary: RenderedSummary = {
    token: s.token,
    parts: s.parts,
    claimNames: s.claimNames,
    ...(s.verdict === undefined ? {} : { verdict: s.verdict }),
    ...(s.claimProblems === undefined ? {} : { claimProblems: s.claimProblems }),
    ...(s.created === undefined ? {} : { created: s.created }),
    ...(s.projectKeyButton === undefined ? {} : { projectKeyButton: s.projectKeyButton }),
  };
  return { type: 'rendered', summary };
}

/**
 * The webview's check of what the host sends: the discriminant and the fields it relies on. The
 * host is trusted code, but a wrong shape must not leave the panel half drawn.
 */
export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Fields;
  switch (m.type) {
    case 'decoded':
      return isText(m.token) && isFlag(m.savedKey) && isFlag(m.reveal) && (typeof m.report === 'object' || isText(m.error)) ? (m as unknown as HostMessage) : undefined;
    case 'verified':
      return isText(m.token) && (typeof m.result === 'object' || isText(m.error)) ? (m as unknown as HostMessage) : undefined;
    case 'decrypted':
      return isText(m.token) && (typeof m.decrypted === 'object' || isText(m.error)) ? (m as unknown as HostMessage) : undefined;
    case 'created':
      // With neither a token nor an error, it only opens the Create section.
      return (m.token === undefined || isText(m.token)) && (m.error === undefined || isText(m.error)) ? (m as unknown as HostMessage) : undefined;
    default:
      return undefined;
  }
}
