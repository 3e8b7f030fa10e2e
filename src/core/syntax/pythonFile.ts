/** Reading Python files from disk the way Python does: a UTF-8 BOM, or a PEP 263 coding cookie, sets the encoding. */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

// PEP 263: a comment on line 1 or 2 naming the encoding, as in `# -*- coding: latin-1 -*-`.
const CODING_COOKIE = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/;
const BLANK_OR_COMMENT = /^[ \t\f]*(?:#.*)?$/;

// Python's names for ISO-8859-1, which browsers' TextDecoder would read as windows-1252.
const LATIN_1 = new Set(['latin-1', 'latin1', 'iso-8859-1', 'iso8859-1', 'l1', 'iso-ir-100', 'cp819']);
const WINDOWS_1252 = new Set(['cp1252', 'windows-1252']);

// windows-1252's characters for 0x80-0x9F (Python leaves 81, 8D, 8F, 90 and 9D undefined), spelled
// out because Node 20's TextDecoder reads that encoding as latin-1.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** The encoding a coding cookie names, lower case with `_` as `-`; undefined without one. */
export function codingCookie(bytes: Uint8Array): string | undefined {
  // The cookie itself is ASCII, so the first two lines can be looked at as latin-1.
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, 400))).split(/\r\n|\r|\n/);
  const first = CODING_COOKIE.exec(head[0] ?? '');
  if (first) return normalise(first[1]);
  // Line 2 counts only below a line that is itself a comment or blank.
  if (!BLANK_OR_COMMENT.test(head[0] ?? '')) return undefined;
  const second = CODING_COOKIE.exec(head[1] ?? '');
  return second ? normalise(second[1]) : undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/_/g, '-');
}

function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return text;
}

/** The text of a Python source file's bytes; an encoding this runtime does not know falls back to UTF-8. */
export function decodePythonSource(bytes: Uint8Array): string {
  if (UTF8_BOM.every((byte, i) => bytes[i] === byte)) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  const encoding = codingCookie(bytes) ?? 'utf-8';
  if (LATIN_1.has(encoding)) return latin1(bytes);
  if (WINDOWS_1252.has(encoding)) return latin1(bytes).replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
  try {
    return new TextDecoder(encoding.replace(/-sig$/, '')).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

export async function readPythonFile(file: string): Promise<string> {
  return decodePythonSource(await readFile(file));
}

export function readPythonFileSync(file: string): string {
  return decodePythonSource(readFileSync(file));
}
