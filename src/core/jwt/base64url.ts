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
  const nonCanonical = describeNonCanonical(segment, withoutSpace, unpadded, bytes);
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

function describeNonCanonical(original: string, withoutSpace: string, unpadded: string, bytes: Uint8Array): string | undefined {
  if (withoutSpace !== original) return 'contains whitespace';
  if (unpadded !== withoutSpace) return "ends with '=' padding";
  // Leftover bits in the last character are ignored by decoders, so two different strings can
  // carry the same bytes; only the re-encoded form is canonical.
  if (encodeSegment(bytes) !== unpadded) return 'has non-zero unused bits in its last character';
  return undefined;
}
