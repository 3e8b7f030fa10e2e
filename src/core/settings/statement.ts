import type { Span } from './scanner';

const NEWLINE = 10;
const HASH = 35;
const BACKSLASH = 92;
const OPENERS = new Set([40, 91, 123]); // ( [ {
const CLOSERS = new Set([41, 93, 125]); // ) ] }
const QUOTES = new Set([34, 39]); // " '
const INDENT_OR_BLANK = new Set([9, 10, 12, 13, 32, HASH]); // tab, newline, form feed, return, space, comment

// Lines at column 0 that continue the statement above them rather than start one.
const CONTINUATION = /^(?:else|elif|except|finally)(?![\p{L}\p{N}_])/u;

/**
 * The top-level statement that holds `offset`: from the start of its first line to the start of the
 * next top-level statement, or the end of the source. Found lexically (strings, comments, brackets,
 * backslash continuations), which is enough to cut a module where the parser would be back at
 * module level: a line at column 0 after a logical line break.
 */
export function topLevelStatementAt(source: string, offset: number): Span {
  let from = 0;
  let depth = 0;
  let i = 0;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (code === HASH) i = lineEnd(source, i);
    else if (QUOTES.has(code)) i = stringEnd(source, i);
    else if (code === BACKSLASH) i += 2;
    else {
      if (OPENERS.has(code)) depth++;
      // A stray closer must not hide every later statement.
      else if (CLOSERS.has(code)) depth = Math.max(0, depth - 1);
      else if (code === NEWLINE && depth === 0 && startsStatement(source, i + 1)) {
        if (i + 1 > offset) return { from, to: i + 1 };
        from = i + 1;
      }
      i++;
    }
  }
  return { from, to: source.length };
}

function startsStatement(source: string, at: number): boolean {
  if (at >= source.length || INDENT_OR_BLANK.has(source.charCodeAt(at))) return false;
  return !CONTINUATION.test(source.slice(at, at + 8));
}

/** Where the line holding `at` ends: its newline, which is left for the caller to read. */
function lineEnd(source: string, at: number): number {
  const newline = source.indexOf('\n', at);
  return newline < 0 ? source.length : newline;
}

/** Just past the string literal whose opening quote is at `at`; an unterminated one-line string stops at its line's end. */
function stringEnd(source: string, at: number): number {
  const quote = source[at];
  const triple = source.startsWith(quote.repeat(3), at);
  const closing = triple ? quote.repeat(3) : quote;
  for (let i = at + closing.length; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === NEWLINE && !triple) return i;
    else if (source.startsWith(closing, i)) return i + closing.length;
  }
  return source.length;
}
