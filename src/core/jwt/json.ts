// JSON.parse keeps the last of two members with the same name without a word; RFC 7515 says a
// JOSE header with duplicates must be rejected or handled with care, so they are found here.

export type JsonParse = { readonly ok: true; readonly value: unknown; readonly duplicates: readonly string[] } | { readonly ok: false; readonly error: string; readonly tooDeep?: true };

/**
 * Deeper JSON is refused before it is parsed: printing, cloning to the webview and Python's own
 * json module (so PyJWT) all recurse, and no real token nests anywhere near this far.
 */
export const MAX_JSON_DEPTH = 256;

export function parseJson(text: string): JsonParse {
  const depth = nestingDepth(text);
  if (depth > MAX_JSON_DEPTH) return { ok: false, error: `it nests ${depth} levels deep, more than the ${MAX_JSON_DEPTH} read here`, tooDeep: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, value, duplicates: duplicateMemberNames(text) };
}

interface Frame {
  readonly isObject: boolean;
  readonly names: Set<string>;
  expectingName: boolean;
}

/** Names that occur twice in the same object, anywhere in a text already known to be valid JSON. */
export function duplicateMemberNames(text: string): string[] {
  const found = new Set<string>();
  const stack: Frame[] = [];
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    const top = stack[stack.length - 1];
    if (char === '"') {
      const end = stringEnd(text, index);
      if (top?.isObject && top.expectingName) {
        const name = JSON.parse(text.slice(index, end + 1)) as string;
        if (top.names.has(name)) found.add(name);
        top.names.add(name);
        top.expectingName = false;
      }
      index = end;
    } else if (char === '{' || char === '[') {
      stack.push({ isObject: char === '{', names: new Set(), expectingName: char === '{' });
    } else if (char === '}' || char === ']') {
      stack.pop();
    } else if (char === ',' && top?.isObject) {
      top.expectingName = true;
    }
  }
  return [...found];
}

/** How deeply objects and arrays nest, counted without recursion; strings are skipped. */
export function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '"') index = stringEnd(text, index);
    else if (char === '{' || char === '[') deepest = Math.max(deepest, ++depth);
    else if (char === '}' || char === ']') depth--;
  }
  return deepest;
}

function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index;
}
