// Strict base64url handling for JWS segments. Node's Buffer decoder silently skips anything it
// does not understand, which would hide exactly the mistakes users paste in, so each segment is
// checked by hand first and only then decoded.
import * as l10n from '@vscode/l10n';

const ALPHABET = /^[A-Za-z0-9_-]*$/;

/** Why a segment is not in the one form RFC 7515 allows: unpadded, no whitespace, no stray bits. */
export type NonCanonical = 'whitespace' | 'padding' | 'spare-bits';

export interface SegmentBytes {
  readonly bytes: Uint8Array;
  readonly nonCanonical?: NonCanonical;
}

export type SegmentDecoding = { readonly ok: true; readonly value: SegmentBytes } | { readonly ok: false; readonly error: string };

/** Decodes one base64url segment, saying precisely what is wrong when it cannot. */
export function decodeSegment(name: string, segment: string): SegmentDecoding {
  // The common case, a clean segment, skips the clean-up below.
  if (ALPHABET.test(segment) && segment.length % 4 !== 1) {
    const bytes = Buffer.from(segment, 'base64url');
    return { ok: true, value: hasSpareBits(segment) ? { bytes, nonCanonical: 'spare-bits' } : { bytes } };
  }
  const withoutSpace = segment.replace(/\s+/g, '');
  const unpadded = withoutSpace.replace(/=+$/, '');
  const stray = firstStrayCharacter(unpadded);
  if (stray) return { ok: false, error: strayMessage(name, stray) };
  if (unpadded.length % 4 === 1) {
    return { ok: false, error: l10n.t('{0} segment has an impossible length for base64url ({1} characters)', name, unpadded.length) };
  }
  const bytes = new Uint8Array(Buffer.from(unpadded, 'base64url'));
  const nonCanonical = describeNonCanonical(segment, withoutSpace, unpadded);
  return { ok: true, value: nonCanonical ? { bytes, nonCanonical } : { bytes } };
}

export function encodeSegment(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function firstStrayCharacter(text: string): { char: string; position: number } | undefined {
  if (ALPHABET.test(text)) return undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (!ALPHABET.test(char)) return { char, position: index + 1 };
  }
  return undefined;
}

function strayMessage(name: string, stray: { char: string; position: number }): string {
  const quoted = JSON.stringify(stray.char);
  return stray.char === '+' || stray.char === '/'
    ? l10n.t('{0} segment has characters outside base64url ({1} at position {2}, which belongs to standard base64)', name, quoted, stray.position)
    : l10n.t('{0} segment has characters outside base64url ({1} at position {2})', name, quoted, stray.position);
}

function describeNonCanonical(original: string, withoutSpace: string, unpadded: string): NonCanonical | undefined {
  if (withoutSpace !== original) return 'whitespace';
  if (unpadded !== withoutSpace) return 'padding';
  // Leftover bits in the last character are ignored by decoders, so two different strings can
  // carry the same bytes; only the re-encoded form is canonical.
  if (hasSpareBits(unpadded)) return 'spare-bits';
  return undefined;
}
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** True when the last character of an unpadded segment sets bits that no byte uses. */
function hasSpareBits(unpadded: string): boolean {
  const rest = unpadded.length % 4;
  if (rest === 0) return false;
  const last = DIGITS.indexOf(unpadded[unpadded.length - 1]);
  // Two characters carry one byte (4 spare bits); three carry two bytes (2 spare bits).
  return (last & (rest === 2 ? 0b1111 : 0b11)) !== 0;
}
