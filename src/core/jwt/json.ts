// JSON.parse keeps the last of two members with the same name without a word; RFC 7515 says a
// JOSE header with duplicates must be rejected or handled with care, so they are found here.

export type JsonParse = { readonly ok: true; readonly value: unknown; readonly duplicates: readonly string[] } | { readonly ok: false; readonly error: string };

export function parseJson(text: string): JsonParse {
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

function stringEnd(text: string, start: number): number {
  let index = start + 1;
  while (index < text.length && text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
  return index;
}
