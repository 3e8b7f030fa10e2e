// Fetching a key set is the one network call of the JWT feature. It happens only when the user
// asks, never because a token's header (jku, x5u) names a URL.
import * as l10n from '@vscode/l10n';

export const JWKS_TIMEOUT_MS = 5000;
export const MAX_JWKS_BYTES = 1024 * 1024;
/** A provider may move its keys once or twice; a longer chain is a loop or a trap. */
export const MAX_REDIRECTS = 3;
const WELL_KNOWN = '/.well-known/openid-configuration';

export class JwksFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksFetchError';
  }
}

/** Where the keys are: a key set itself, or an OpenID Connect issuer whose configuration names it. */
export type KeySource = 'jwks' | 'oidc';

export type Fetch = (url: string, init: { signal: AbortSignal; redirect: 'manual'; headers: Record<string, string> }) => Promise<Response>;

export interface FetchOptions {
  readonly fetcher?: Fetch;
  /** For the whole exchange, redirects and the issuer's configuration included. */
  readonly timeoutMs?: number;
}

export interface FetchedKeySet {
  /** The key set's JSON text, ready to be used as a `jwks` key. */
  readonly jwks: string;
  /** Where the key set actually came from, after discovery and redirects. */
  readonly url: string;
}

/** Only https, or plain http to this machine (for local development servers and tests). */
export function checkJwksUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new JwksFetchError(l10n.t('{0} is not a URL.', JSON.stringify(text)));
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopback(url.hostname)) return url;
  throw new JwksFetchError(l10n.t('{0} is refused: keys are fetched over https only (plain http only from this machine).', url.href));
}

function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Downloads a key set, or an issuer's configuration and then its key set. */
export async function fetchKeySet(text: string, source: KeySource, options: FetchOptions = {}): Promise<FetchedKeySet> {
  const timeoutMs = options.timeoutMs ?? JWKS_TIMEOUT_MS;
  const fetcher = options.fetcher ?? fetch;
  const signal = AbortSignal.timeout(timeoutMs);
  const get = (url: URL) => getJson(url, fetcher, signal, timeoutMs);
  let jwksUrl = checkJwksUrl(text);
  if (source === 'oidc') {
    const configUrl = jwksUrl.pathname.endsWith(WELL_KNOWN) ? jwksUrl : new URL(`${jwksUrl.href.replace(/\/+$/, '')}${WELL_KNOWN}`);
    const config = await get(configUrl);
    const named = (config.value as { jwks_uri?: unknown }).jwks_uri;
    if (typeof named !== 'string') throw new JwksFetchError(l10n.t('{0} has no "jwks_uri": it is not an OpenID Connect configuration.', config.url));
    jwksUrl = checkJwksUrl(new URL(named, config.url).href);
  }
  const keys = await get(jwksUrl);
  if (!Array.isArray((keys.value as { keys?: unknown }).keys)) throw new JwksFetchError(l10n.t('{0} sent JSON without a "keys" array: it is not a key set.', keys.url));
  return { jwks: keys.text, url: keys.url };
}

interface JsonDocument {
  readonly url: string;
  readonly text: string;
  readonly value: object;
}

async function getJson(start: URL, fetcher: Fetch, signal: AbortSignal, timeoutMs: number): Promise<JsonDocument> {
  let url = start;
  for (let hops = 0; ; hops++) {
    const response = await request(url, fetcher, signal, timeoutMs);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      if (hops === MAX_REDIRECTS) throw new JwksFetchError(l10n.t('{0} redirected more than {1} times.', start.href, MAX_REDIRECTS));
      // Every hop must meet the same rule as the first, or a redirect could downgrade to http.
      url = checkJwksUrl(new URL(location, url).href);
      continue;
    }
    if (!response.ok) throw new JwksFetchError(l10n.t('{0} answered HTTP {1}.', url.href, response.status));
    const text = await cappedText(response, url, signal, timeoutMs);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new JwksFetchError(l10n.t('{0} did not send JSON.', url.href));
    }
    if (typeof value !== 'object' || value === null) throw new JwksFetchError(l10n.t('{0} sent JSON that is not an object.', url.href));
    return { url: url.href, text, value };
  }
}

async function request(url: URL, fetcher: Fetch, signal: AbortSignal, timeoutMs: number): Promise<Response> {
  try {
    return await fetcher(url.href, { signal, redirect: 'manual', headers: { accept: 'application/json' } });
  } catch (error) {
    throw networkError(error, url, signal, timeoutMs);
  }
}

/** Reads the body, stopping as soon as it passes the cap instead of buffering whatever is sent. */
async function cappedText(response: Response, url: URL, signal: AbortSignal, timeoutMs: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'));
  const tooLarge = () => new JwksFetchError(l10n.t('{0} sent more than {1} MB; that is not a key set.', url.href, MAX_JWKS_BYTES / 1024 / 1024));
  if (declared > MAX_JWKS_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_JWKS_BYTES) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof JwksFetchError) throw error;
    throw networkError(error, url, signal, timeoutMs);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkError(error: unknown, url: URL, signal: AbortSignal, timeoutMs: number): JwksFetchError {
  if (signal.aborted) return new JwksFetchError(l10n.t('{0} did not answer within {1} s.', url.href, timeoutMs / 1000));
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new JwksFetchError(l10n.t('{0} could not be fetched ({1}).', url.href, detail));
}
