import type { Span } from './scanner';

const TAB = 9;
const NEWLINE = 10;
const FORM_FEED = 12;
const RETURN = 13;
const SPACE = 32;
const DOUBLE_QUOTE = 34;
const HASH = 35;
const SINGLE_QUOTE = 39;
const BACKSLASH = 92;
const LOWER_E = 101;
const LOWER_F = 102;

// Lines at column 0 that continue the statement above them rather than start one.
const CONTINUATION = /^(?:else|elif|except|finally)(?![\p{L}\p{N}_])/u;

/**
 * The top-level statement that holds `offset`: from the start of its first line to the start of the
 * next top-level statement, or the end of the source. Found lexically (see `statementStartsUpTo`),
 * reading the module only up to the statement.
 */
export function topLevelStatementAt(source: string, offset: number): Span {
  return statementAt(statementStartsUpTo(source, offset), source.length, offset);
}

/**
 * Where every top-level statement of `source` starts, in order, 0 first: read once per version of a
 * document, it lets each hover find its statement by a binary search instead of reading the module.
 */
export function topLevelStatementStarts(source: string): number[] {
  return statementStartsUpTo(source, source.length);
}

/** The statement holding `offset`, from the starts `topLevelStatementStarts` gave for a source of `length`. */
export function statementAt(starts: readonly number[], length: number, offset: number): Span {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { from: starts[low], to: starts[low + 1] ?? length };
}

/**
 * The starts of the top-level statements up to `offset`, and of the next one if there is one.
 * Found lexically (strings, comments, brackets, backslash continuations), which is enough to cut a
 * module where the parser would be back at module level: a line at column 0 after a logical line
 * break. Hovers before the whole-module parse and every completion read the module this way, so the
 * loop looks at character codes only and skips comments and strings with searches.
 */
function statementStartsUpTo(source: string, offset: number): number[] {
  const starts = [0];
  let depth = 0;
  let i = 0;
  const length = source.length;
  while (i < length) {
    switch (source.charCodeAt(i)) {
      case HASH:
        i = lineEnd(source, i);
        break;
      case DOUBLE_QUOTE:
      case SINGLE_QUOTE:
        i = stringEnd(source, i);
        break;
      case BACKSLASH:
        i += 2;
        break;
      case 40: // (
      case 91: // [
      case 123: // {
        depth++;
        i++;
        break;
      case 41: // )
      case 93: // ]
      case 125: // }
        // A stray closer must not hide every later statement.
        if (depth > 0) depth--;
        i++;
        break;
      case NEWLINE:
        if (depth === 0 && startsStatement(source, i + 1)) {
          starts.push(i + 1);
          if (i + 1 > offset) return starts;
        }
        i++;
        break;
      default:
        i++;
    }
  }
  return starts;
}

function startsStatement(source: string, at: number): boolean {
  if (at >= source.length) return false;
  const code = source.charCodeAt(at);
  if (code === TAB || code === NEWLINE || code === FORM_FEED || code === RETURN || code === SPACE || code === HASH) return false;
  // Only `else`, `elif`, `except` and `finally` continue a statement; the test is for those letters only.
  return (code !== LOWER_E && code !== LOWER_F) || !CONTINUATION.test(source.slice(at, at + 8));
}

/** Where the line holding `at` ends: its newline, which is left for the caller to read. */
function lineEnd(source: string, at: number): number {
  const newline = source.indexOf('\n', at);
  return newline < 0 ? source.length : newline;
}

/** Just past the string literal whose opening quote is at `at`; an unterminated one-line string stops at its line's end. */
function stringEnd(source: string, at: number): number {
  const quote = source.charCodeAt(at);
  const triple = source.charCodeAt(at + 1) === quote && source.charCodeAt(at + 2) === quote;
  const length = source.length;
  for (let i = at + (triple ? 3 : 1); i < length; i++) {
    const code = source.charCodeAt(i);
    if (code === BACKSLASH) i++;
    else if (code === quote) {
      if (!triple) return i + 1;
      if (source.charCodeAt(i + 1) === quote && source.charCodeAt(i + 2) === quote) return i + 3;
    } else if (code === NEWLINE && !triple) return i;
  }
  return length;
}
