// Strict base64url handling for JWS segments. Node's Buffer decoder silently skips anything it
// does not understand, which would hide exactly the mistakes users paste in, so each segment is
// checked by hand first and only then decoded.

const ALPHABET = /^[A-Za-z0-9_-]*$/;

export interface SegmentBytes {
  readonly bytes: Uint8Array;
  /** Why the segment is not in the one form RFC 7515 allows (unpadded, no whitespace), if it is not. */
  readonly nonCanonical?: string;
}

export type SegmentDecoding = { readonly ok: true; readonly value: SegmentBytes } | { readonly ok: false; readonly error: string };

/** Decodes one base64url segment, saying precisely what is wrong when it cannot. */
export function decodeSegment(name: string, segment: string): SegmentDecoding {
  // The common case, a clean segment, skips the clean-up below.
  if (ALPHABET.test(segment) && segment.length % 4 !== 1) {
    const bytes = Buffer.from(segment, 'base64url');
    return { ok: true, value: hasSpareBits(segment) ? { bytes, nonCanonical: SPARE_BITS } : { bytes } };
  }
  const withoutSpace = segment.replace(/\s+/g, '');
  const unpadded = withoutSpace.replace(/=+$/, '');
  const stray = firstStrayCharacter(unpadded);
  if (stray) {
    return { ok: false, error: `${name} segment has characters outside base64url (${stray})` };
  }
  if (unpadded.length % 4 === 1) {
    return { ok: false, error: `${name} segment has an impossible length for base64url (${unpadded.length} characters)` };
  }
  const bytes = new Uint8Array(Buffer.from(unpadded, 'base64url'));
  const nonCanonical = describeNonCanonical(segment, withoutSpace, unpadded);
  return { ok: true, value: nonCanonical ? { bytes, nonCanonical } : { bytes } };
}

export function encodeSegment(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

function firstStrayCharacter(text: string): string | undefined {
  if (ALPHABET.test(text)) return undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (!ALPHABET.test(char)) {
      const hint = char === '+' || char === '/' ? ', which belongs to standard base64' : '';
      return `${JSON.stringify(char)} at position ${index + 1}${hint}`;
    }
  }
  return undefined;
}

function describeNonCanonical(original: string, withoutSpace: string, unpadded: string): string | undefined {
  if (withoutSpace !== original) return 'contains whitespace';
  if (unpadded !== withoutSpace) return "ends with '=' padding";
  // Leftover bits in the last character are ignored by decoders, so two different strings can
  // carry the same bytes; only the re-encoded form is canonical.
  if (hasSpareBits(unpadded)) return SPARE_BITS;
  return undefined;
}

const SPARE_BITS = 'has non-zero unused bits in its last character';
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** True when the last character of an unpadded segment sets bits that no byte uses. */
function hasSpareBits(unpadded: string): boolean {
  const rest = unpadded.length % 4;
  if (rest === 0) return false;
  const last = DIGITS.indexOf(unpadded[unpadded.length - 1]);
  // Two characters carry one byte (4 spare bits); three carry two bytes (2 spare bits).
  return (last & (rest === 2 ? 0b1111 : 0b11)) !== 0;
}
