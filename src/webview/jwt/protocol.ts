// The one message protocol between the JWT panel and the extension. Both sides import it, and
// both validate what they receive: a webview is a web page, so its messages are untrusted input.
import type { KeyTypeChoice } from '../../core/jwt/keyKind';
import type { TokenReport } from '../../core/jwt/report';
import type { VerificationResult } from '../../core/jwt/verify';

/** Tokens are capped at 1 MB by the core; a message carrying more text than this is refused. */
const MAX_TEXT = 2 * 1024 * 1024;

export type KeyTypeSelection = KeyTypeChoice | 'auto';

/** What the panel shows on screen, reported back once it has drawn a token or a verdict. */
export interface RenderedSummary {
  readonly token: string;
  /** The text of the three coloured parts exactly as displayed. */
  readonly parts: readonly string[];
  readonly claimNames: readonly string[];
  readonly verdict?: string;
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
    }
  | { readonly type: 'fetchJwks'; readonly token: string; readonly url: string }
  | { readonly type: 'rendered'; readonly summary: RenderedSummary };

export type HostMessage =
  | {
      readonly type: 'decoded';
      readonly token: string;
      readonly report?: TokenReport;
      readonly error?: string;
      readonly savedKey: boolean;
      /** True when the extension brings a new token (a command or a hover link), false for a reply to `decode`. */
      readonly reveal: boolean;
    }
  | { readonly type: 'verified'; readonly token: string; readonly result?: VerificationResult; readonly error?: string; readonly keySource?: string };

type Fields = Record<string, unknown>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_TEXT;
const isFlag = (value: unknown): value is boolean => typeof value === 'boolean';
const isTextList = (value: unknown): value is string[] => Array.isArray(value) && value.length <= 1000 && value.every(isText);
const KEY_TYPES: readonly unknown[] = ['auto', 'secret', 'pem', 'jwk', 'jwks'];

/** Accepts a message from the webview only if it has exactly the expected shape. */
export function parseWebviewMessage(data: unknown): WebviewMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Fields;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'decode':
      return isText(m.token) ? { type: 'decode', token: m.token } : undefined;
    case 'verify':
      if (!isText(m.token) || !isText(m.key) || !KEY_TYPES.includes(m.keyType) || !isFlag(m.remember) || !isFlag(m.useSaved)) return undefined;
      if (m.secretEncoding !== 'utf8' && m.secretEncoding !== 'base64url') return undefined;
      return {
        type: 'verify',
        token: m.token,
        key: m.key,
        keyType: m.keyType as KeyTypeSelection,
        secretEncoding: m.secretEncoding,
        remember: m.remember,
        useSaved: m.useSaved,
      };
    case 'fetchJwks':
      return isText(m.token) && isText(m.url) ? { type: 'fetchJwks', token: m.token, url: m.url } : undefined;
    case 'rendered':
      return parseRendered(m.summary);
    default:
      return undefined;
  }
}

function parseRendered(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const s = value as Fields;
  if (!isText(s.token) || !isTextList(s.parts) || !isTextList(s.claimNames)) return undefined;
  if (s.verdict !== undefined && !isText(s.verdict)) return undefined;
  const summary: RenderedSummary = { token: s.token, parts: s.parts, claimNames: s.claimNames, ...(s.verdict === undefined ? {} : { verdict: s.verdict }) };
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
    default:
      return undefined;
  }
}
