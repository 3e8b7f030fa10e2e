// Fetching a key set is the one network call of the JWT feature. It happens only when the user
// asks, never because a token's header (jku, x5u) names a URL.

export const JWKS_TIMEOUT_MS = 5000;
const MAX_JWKS_BYTES = 1024 * 1024;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export class JwksFetchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksFetchError';
  }
}

export type Fetch = (url: string, init: { signal: AbortSignal; redirect: 'error'; headers: Record<string, string> }) => Promise<Response>;

/** Only https, or plain http to this machine (for local development servers and tests). */
export function checkJwksUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new JwksFetchError(`${JSON.stringify(text)} is not a URL.`);
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return url;
  throw new JwksFetchError('A JWKS URL must use https (plain http is accepted only for localhost).');
}

/** Downloads a key set and returns its text, ready to be used as a `jwks` key. */
export async function fetchJwks(text: string, fetcher: Fetch = fetch, timeoutMs = JWKS_TIMEOUT_MS): Promise<string> {
  const url = checkJwksUrl(text);
  let response: Response;
  try {
    response = await fetcher(url.href, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error', headers: { accept: 'application/json' } });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    throw new JwksFetchError(timedOut ? `${url.href} did not answer within ${timeoutMs / 1000} s.` : `${url.href} could not be fetched: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) throw new JwksFetchError(`${url.href} answered HTTP ${response.status}.`);
  const body = await response.text();
  if (body.length > MAX_JWKS_BYTES) throw new JwksFetchError(`${url.href} sent more than 1 MB; that is not a key set.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new JwksFetchError(`${url.href} did not send JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray((parsed as { keys?: unknown }).keys)) {
    throw new JwksFetchError(`${url.href} sent JSON without a "keys" array.`);
  }
  return body;
}
