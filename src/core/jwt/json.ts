// JSON.parse keeps the last of two members with the same name without a word; RFC 7515 says a
// JOSE header with duplicates must be rejected or handled with care, so they are found here.
import * as l10n from '@vscode/l10n';

export type JsonParse = { readonly ok: true; readonly value: unknown; readonly duplicates: readonly string[] } | { readonly ok: false; readonly error: string; readonly tooDeep?: true };

/**
 * Deeper JSON is refused before it is parsed: printing, cloning to the webview and Python's own
 * json module (so PyJWT) all recurse, and no real token nests anywhere near this far.
 */
export const MAX_JSON_DEPTH = 256;

export function parseJson(text: string): JsonParse {
  // One pass finds both, before JSON.parse ever sees a text too deep for it and its readers.
  const { depth, duplicates } = scanStructure(text);
  if (depth > MAX_JSON_DEPTH) return { ok: false, error: l10n.t('it nests {0} levels deep, more than the {1} read here', depth, MAX_JSON_DEPTH), tooDeep: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, value, duplicates };
}

interface Frame {
  readonly isObject: boolean;
  readonly names: Set<string>;
  expectingName: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * How deeply objects and arrays nest, and the member names repeated within one object, in one
 * pass without recursion. Strings are skipped; meant for valid JSON, harmless on anything else.
 */
function scanStructure(text: string): { depth: number; duplicates: string[] } {
  const found = new Set<string>();
  const stack: Frame[] = [];
  let deepest = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const top = stack[stack.length - 1];
    if (code === QUOTE) {
      const end = stringEnd(text, index);
      if (top?.isObject && top.expectingName) {
        const name = memberName(text, index, end);
        if (top.names.has(name)) found.add(name);
        top.names.add(name);
        top.expectingName = false;
      }
      index = end;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      stack.push({ isObject: code === OPEN_BRACE, names: new Set(), expectingName: code === OPEN_BRACE });
      if (stack.length > deepest) deepest = stack.length;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      stack.pop();
    } else if (code === COMMA && top?.isObject) {
      top.expectingName = true;
    }
  }
  return { depth: deepest, duplicates: [...found] };
}

/** A member name; only names with escapes need JSON.parse to be read. */
function memberName(text: string, start: number, end: number): string {
  const raw = text.slice(start + 1, end);
  if (!raw.includes('\\')) return raw;
  try {
    return JSON.parse(text.slice(start, end + 1)) as string;
  } catch {
    return raw;
  }
}

function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    if (code === QUOTE) break;
    index += code === BACKSLASH ? 2 : 1;
  }
  return index;
}
