// How the pseudo-locale suite tells localized text from text that bypassed l10n: in the pseudo copy
// every message is ⟦bracketed⟧ (scripts/pseudo-locale.mjs), with its arguments inside the brackets.

const OPEN = '⟦';
const CLOSE = '⟧';
const INNERMOST = /⟦[^⟦⟧]*⟧/g;

/** The text with every localized message removed, nested ones included (a message as another's argument). */
export function withoutLocalized(text: string): string {
  let rest = text;
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(INNERMOST, ' ');
  }
  return rest;
}

/** True when nothing a person reads as words is left outside the messages: only punctuation, digits, symbols. */
export function isAllLocalized(text: string, values: readonly string[] = []): boolean {
  let rest = withoutLocalized(text);
  // Values (an algorithm name, a setting name) are arguments: they may stand beside a message too.
  for (const value of values) rest = rest.split(value).join(' ');
  return !/\p{L}/u.test(rest.replaceAll(OPEN, '').replaceAll(CLOSE, ''));
}

/** True for one message exactly, arguments and all: ⟦…⟧ around the whole text. */
export function isOneMessage(text: string): boolean {
  return text.startsWith(OPEN) && text.endsWith(CLOSE) && withoutLocalized(text).trim() === '';
}

/**
 * Markdown as the hover shows it, less what is code or a link target: fenced blocks, inline code
 * spans, and the `(command:…)` / `(https:…)` part of links. What is left is prose a person reads.
 */
export function markdownProse(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ')
    .replace(/\]\([^)\s]*\)/g, '] ')
    .replace(/\\(.)/g, '$1');
}
