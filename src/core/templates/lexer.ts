// Django's template lexer, reproduced: Django itself finds tags with one non-greedy, single-line
// pattern, so a `{%` without its `%}` on the same line is plain text, and everything between
// `{% verbatim %}` and its matching end tag is text too.

export type TemplateTokenKind = 'text' | 'variable' | 'block' | 'comment';

export interface TemplateToken {
  readonly kind: TemplateTokenKind;
  /** Offsets of the whole token, delimiters included. */
  readonly start: number;
  readonly end: number;
  /** What is between the delimiters, without surrounding whitespace. */
  readonly contents: string;
  /** Offset of `contents` in the text. */
  readonly contentsStart: number;
}

const TAG = /\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}/g;

const KIND_BY_OPENER: Readonly<Record<string, TemplateTokenKind>> = { '{%': 'block', '{{': 'variable', '{#': 'comment' };

function tagToken(text: string, start: number, end: number): TemplateToken {
  const inner = text.slice(start + 2, end - 2);
  const leading = inner.length - inner.trimStart().length;
  return {
    kind: KIND_BY_OPENER[text.slice(start, start + 2)],
    start,
    end,
    contents: inner.trim(),
    contentsStart: start + 2 + leading,
  };
}

function textToken(start: number, end: number, contents: string): TemplateToken {
  return { kind: 'text', start, end, contents, contentsStart: start };
}

/** Splits a template into text, variable, block and comment tokens, as Django's Lexer does. */
export function lexTemplate(text: string): TemplateToken[] {
  const tokens: TemplateToken[] = [];
  let verbatimEnd: string | undefined;
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start > last) tokens.push(textToken(last, start, text.slice(last, start)));
    last = end;
    const token = tagToken(text, start, end);
    if (verbatimEnd !== undefined) {
      if (token.kind === 'block' && token.contents === verbatimEnd) {
        verbatimEnd = undefined;
        tokens.push(token);
      } else {
        tokens.push(textToken(start, end, match[0]));
      }
      continue;
    }
    if (token.kind === 'block' && (token.contents === 'verbatim' || token.contents.startsWith('verbatim '))) {
      verbatimEnd = `end${token.contents}`;
    }
    tokens.push(token);
  }
  if (last < text.length) tokens.push(textToken(last, text.length, text.slice(last)));
  return tokens;
}

export interface TagBit {
  readonly text: string;
  /** Offset of the bit in the template text. */
  readonly start: number;
}

/**
 * Splits a tag's contents on whitespace, keeping quoted strings whole (a quote inside a bit, as in
 * `with title="A B"`, keeps the bit whole too), like Django's smart_split.
 */
export function splitTagContents(token: TemplateToken): TagBit[] {
  const bits: TagBit[] = [];
  const source = token.contents;
  let i = 0;
  while (i < source.length) {
    if (/\s/.test(source[i])) {
      i += 1;
      continue;
    }
    const start = i;
    while (i < source.length && !/\s/.test(source[i])) {
      const quote = source[i];
      i += 1;
      if (quote === '"' || quote === "'") i = closingQuote(source, i, quote);
    }
    bits.push({ text: source.slice(start, i), start: token.contentsStart + start });
  }
  return bits;
}

/** The offset just past the quote that closes a string whose body starts at `from`. */
function closingQuote(source: string, from: number, quote: string): number {
  for (let i = from; i < source.length; i++) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === quote) return i + 1;
  }
  return source.length;
}

/** The tag's name: the first word of a block token. */
export function tagName(token: TemplateToken): string {
  return token.contents.split(/\s/, 1)[0];
}

/**
 * The block tokens a template's parser would see: those inside `{% comment %}` … `{% endcomment %}`
 * are skipped (the comment tags themselves are kept, so they can be folded).
 */
export function parsedBlockTags(tokens: readonly TemplateToken[]): TemplateToken[] {
  const result: TemplateToken[] = [];
  let inComment = false;
  for (const token of tokens) {
    if (token.kind !== 'block') continue;
    const name = tagName(token);
    if (inComment) {
      if (token.contents === 'endcomment') {
        inComment = false;
        result.push(token);
      }
      continue;
    }
    if (name === 'comment') inComment = true;
    result.push(token);
  }
  return result;
}
