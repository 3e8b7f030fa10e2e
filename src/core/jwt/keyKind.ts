// Pure text inspection, shared with the webview (which shows the detected kind as the user types),
// so nothing here may need Node.
import * as l10n from '@vscode/l10n';

export type KeyKind = 'secret' | 'pem' | 'certificate' | 'jwk' | 'jwks' | 'jwks-url';

/** What the user may force with `--key-type` or the panel's selector. */
export type KeyTypeChoice = 'secret' | 'pem' | 'jwk' | 'jwks';

export const KEY_TYPE_CHOICES: readonly KeyTypeChoice[] = ['secret', 'pem', 'jwk', 'jwks'];

/** Guesses what a pasted key is from its shape; anything unrecognised is taken as an HMAC secret. */
export function detectKeyKind(text: string): KeyKind {
  const trimmed = text.trim();
  if (/^-----BEGIN CERTIFICATE-----/.test(trimmed)) return 'certificate';
  if (/^-----BEGIN [A-Z0-9 ]+-----/.test(trimmed)) return 'pem';
  if (/^https?:\/\/\S+$/i.test(trimmed)) return 'jwks-url';
  if (trimmed.startsWith('{')) {
    try {
      const value = JSON.parse(trimmed) as unknown;
      if (typeof value === 'object' && value !== null) {
        if (Array.isArray((value as { keys?: unknown }).keys)) return 'jwks';
        if (typeof (value as { kty?: unknown }).kty === 'string') return 'jwk';
      }
    } catch {
      // Not JSON after all: a secret that happens to start with a brace.
    }
  }
  return 'secret';
}

export function describeKeyKind(kind: KeyKind): string {
  switch (kind) {
    case 'secret':
      return l10n.t('HMAC secret');
    case 'pem':
      return l10n.t('PEM key');
    case 'certificate':
      return l10n.t('X.509 certificate');
    case 'jwk':
      return l10n.t('JSON Web Key');
    case 'jwks':
      return l10n.t('JSON Web Key Set');
    case 'jwks-url':
      return l10n.t('JWKS URL (fetched only when you ask)');
  }
}
