import * as l10n from '@vscode/l10n';
import { filterUses } from './check';
import { lexTemplate, parsedBlockTags, splitTagContents, type TagBit, tagName, type TemplateToken } from './lexer';
import { BUILTINS } from './knowledge';
import type { FilterInfo, LibraryInfo, TagInfo, Vocabulary } from './vocabulary';

// What the editor offers at a position of a template: completion, and the tag, filter, library,
// block or static path under the cursor for hover and go to definition. Editor-free.

export type CursorContext =
  | { readonly kind: 'tag' | 'filter' | 'library' | 'block'; readonly prefix: string; readonly start: number }
  | { readonly kind: 'template' | 'static'; readonly prefix: string; readonly start: number };

/** The unclosed `{%` or `{{` of the cursor's line before the cursor, and its opener's offset. */
function openTagBefore(text: string, offset: number): { opener: '{%' | '{{'; start: number } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const block = before.lastIndexOf('{%');
  const variable = before.lastIndexOf('{{');
  const at = Math.max(block, variable);
  if (at < 0) return undefined;
  const opener = at === block ? '{%' : '{{';
  if (before.indexOf(opener === '{%' ? '%}' : '}}', at) >= 0) return undefined;
  return { opener, start: lineStart + at };
}

/** What kind of name is being typed at `offset`, or undefined outside template syntax. */
export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const open = openTagBefore(text, offset);
  if (!open) return undefined;
  const inner = text.slice(open.start + 2, offset);
  const contentStart = open.start + 2 + (inner.length - inner.trimStart().length);
  const typed = inner.trimStart();
  const tail = (pattern: RegExp) => pattern.exec(typed);
  let match: RegExpExecArray | null;
  if (open.opener === '{%') {
    if ((match = tail(/^([\w]*)$/))) return { kind: 'tag', prefix: match[1], start: contentStart };
    if ((match = tail(/^load\s+(?:[\w.]+\s+)*([\w.]*)$/))) return { kind: 'library', prefix: match[1], start: offset - match[1].length };
    if ((match = tail(/^block\s+(\w*)$/))) return { kind: 'block', prefix: match[1], start: offset - match[1].length };
    if ((match = tail(/^(?:extends|include)\s+["']([^"']*)$/))) return { kind: 'template', prefix: match[1], start: offset - match[1].length };
    if ((match = tail(/^static\s+["']([^"']*)$/))) return { kind: 'static', prefix: match[1], start: offset - match[1].length };
  }
  const uses = filterUses(`${typed}`);
  const last = uses.at(-1);
  if (last && last.start + last.name.length === typed.length) return { kind: 'filter', prefix: last.name, start: offset - last.name.length };
  if (/\|\s*$/.test(typed)) return { kind: 'filter', prefix: '', start: offset };
  return undefined;
}

/** Names of the libraries loaded before `offset` (`{% load a b %}`, `{% load x from c %}`). */
export function loadedBefore(text: string, offset: number): Set<string> {
  const loaded = new Set<string>();
  for (const token of parsedBlockTags(lexTemplate(text))) {
    if (token.start >= offset) break;
    if (tagName(token) !== 'load') continue;
    const bits = splitTagContents(token).slice(1);
    if (bits.length >= 3 && bits.at(-2)?.text === 'from') loaded.add(bits.at(-1)!.text);
    else for (const bit of bits) loaded.add(bit.text);
  }
  return loaded;
}

/** Block names defined in a template, in order, with the offsets of each name. */
export function definedBlocks(text: string): { name: string; start: number; end: number }[] {
  return parsedBlockTags(lexTemplate(text)).flatMap((token) => {
    if (tagName(token) !== 'block') return [];
    const bit = splitTagContents(token)[1];
    return bit ? [{ name: bit.text, start: bit.start, end: bit.start + bit.text.length }] : [];
  });
}

/** The literal name of the template's `{% extends %}`, if it has one. */
export function extendedName(text: string): string | undefined {
  const token = parsedBlockTags(lexTemplate(text)).find((t) => tagName(t) === 'extends');
  const bit = token && splitTagContents(token)[1];
  if (!bit || bit.text.length < 2 || !`"'`.includes(bit.text[0]) || !bit.text.endsWith(bit.text[0])) return undefined;
  return bit.text.slice(1, -1);
}

/** A block name this template does not use yet: a parent's first free one, else `content`, `content2`, … */
export function freeBlockName(text: string, parentBlocks: readonly string[]): string {
  const used = new Set(definedBlocks(text).map((b) => b.name));
  const fromParent = parentBlocks.find((name) => !used.has(name));
  if (fromParent) return fromParent;
  if (!used.has('content')) return 'content';
  let n = 2;
  while (used.has(`content${n}`)) n += 1;
  return `content${n}`;
}

export interface CompletionEntry {
  readonly label: string;
  readonly kind: 'tag' | 'filter' | 'library' | 'block' | 'template' | 'static';
  /** Snippet text (`$1`, `$0`) replacing [start, end). */
  readonly insert: string;
  readonly start: number;
  readonly end: number;
  readonly detail?: string;
  readonly documentation?: string;
  /** The library to add a `{% load %}` for, when the name needs one that is not loaded. */
  readonly load?: string;
}

export interface CompletionSources {
  readonly vocabulary: Vocabulary;
  /** Block names of the parent templates, nearest parent first. */
  readonly parentBlocks?: readonly string[];
  /** Template names the project has, for extends/include. */
  readonly templateNames?: readonly string[];
  /** Static file paths (relative to the static folders), for `{% static %}`. */
  readonly staticPaths?: readonly string[];
}

function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/** Where a completed tag ends: through the ` %}` that auto-closing already typed, if it follows. */
function tagEnd(text: string, offset: number): { end: number; closed: boolean } {
  const match = /^[\w]*\s*%\}/.exec(text.slice(offset));
  return match ? { end: offset + match[0].length, closed: true } : { end: offset + (/^\w*/.exec(text.slice(offset))?.[0].length ?? 0), closed: false };
}

function tagInsert(tag: TagInfo, text: string, parentBlocks: readonly string[]): string {
  if (tag.name === 'block') return `block \${1:${escapeSnippet(freeBlockName(text, parentBlocks))}} %}$0{% endblock %}`;
  const takesArguments = !/^\{%\s*[\w]+\s*%\}/.test(tag.signature);
  const head = takesArguments ? `${tag.name} $1 %}` : `${tag.name} %}`;
  return tag.end ? `${head}$0{% ${tag.end} %}` : head;
}

function tagEntries(text: string, context: CursorContext, sources: CompletionSources): CompletionEntry[] {
  const { vocabulary } = sources;
  const loaded = loadedBefore(text, context.start);
  const { end } = tagEnd(text, context.start);
  const seen = new Set<string>();
  const entries: CompletionEntry[] = [];
  const add = (tag: TagInfo, library: LibraryInfo | undefined) => {
    if (seen.has(tag.name)) return;
    seen.add(tag.name);
    entries.push({
      label: tag.name,
      kind: 'tag',
      insert: tagInsert(tag, text, sources.parentBlocks ?? []),
      start: context.start,
      end,
      detail: tag.signature,
      ...(tag.explanation ? { documentation: tag.explanation } : {}),
      ...(library && !loaded.has(library.name) ? { load: library.name } : {}),
    });
  };
  for (const tag of vocabulary.builtins.tags.values()) add(tag, undefined);
  const libraries = [...vocabulary.libraries.values()].sort((a, b) => Number(loaded.has(b.name)) - Number(loaded.has(a.name)) || a.name.localeCompare(b.name));
  for (const library of libraries) for (const tag of library.tags.values()) add(tag, library);
  return entries;
}

function filterInsert(filter: FilterInfo): string {
  if (filter.argument === 'required') return `${filter.name}:\${1:${escapeSnippet(filter.argumentName ?? 'arg')}}`;
  return filter.name;
}

function filterEntries(text: string, context: CursorContext, sources: CompletionSources): CompletionEntry[] {
  const loaded = loadedBefore(text, context.start);
  const end = context.start + (/^\w*/.exec(text.slice(context.start))?.[0].length ?? 0);
  const seen = new Set<string>();
  const entries: CompletionEntry[] = [];
  const add = (filter: FilterInfo, library: string) => {
    if (seen.has(filter.name)) return;
    seen.add(filter.name);
    const signature = filter.argument === 'none' ? filter.name : `${filter.name}:${filter.argument === 'optional' ? '[' : ''}${filter.argumentName ?? 'arg'}${filter.argument === 'optional' ? ']' : ''}`;
    entries.push({
      label: filter.name,
      kind: 'filter',
      insert: filterInsert(filter),
      start: context.start,
      end,
      detail: `|${signature}`,
      ...(filter.explanation ? { documentation: filter.explanation } : {}),
      ...(library !== BUILTINS && !loaded.has(library) ? { load: library } : {}),
    });
  };
  for (const filter of sources.vocabulary.builtins.filters.values()) add(filter, BUILTINS);
  for (const library of sources.vocabulary.libraries.values()) for (const filter of library.filters.values()) add(filter, library.name);
  return entries;
}

function simpleEntries(kind: CompletionEntry['kind'], names: Iterable<string>, context: CursorContext, text: string, detail?: (name: string) => string): CompletionEntry[] {
  const end = context.start + (/^[^\s"'%]*/.exec(text.slice(context.start))?.[0].length ?? 0);
  return [...names].map((name) => ({ label: name, kind, insert: escapeSnippet(name), start: context.start, end, ...(detail ? { detail: detail(name) } : {}) }));
}

/** Completion at `offset`: what the cursor's context calls for, or nothing outside template syntax. */
export function completionsAt(text: string, offset: number, sources: CompletionSources): CompletionEntry[] {
  const context = cursorContext(text, offset);
  if (!context) return [];
  switch (context.kind) {
    case 'tag':
      return tagEntries(text, context, sources);
    case 'filter':
      return filterEntries(text, context, sources);
    case 'library':
      return simpleEntries('library', [...sources.vocabulary.libraries.keys()].sort(), context, text, (name) => sources.vocabulary.libraries.get(name)?.module ?? '');
    case 'block': {
      const used = new Set(definedBlocks(text).map((b) => b.name));
      return simpleEntries('block', (sources.parentBlocks ?? []).filter((name) => !used.has(name)), context, text, () => l10n.t('block of a parent template'));
    }
    case 'template':
      return simpleEntries('template', sources.templateNames ?? [], context, text);
    case 'static':
      return simpleEntries('static', sources.staticPaths ?? [], context, text);
  }
}

export type TemplateSymbol =
  | { readonly kind: 'tag' | 'filter' | 'library' | 'block' | 'static'; readonly name: string; readonly start: number; readonly end: number };

function within(offset: number, start: number, end: number): boolean {
  return offset >= start && offset <= end;
}

function bitSymbol(kind: TemplateSymbol['kind'], bit: TagBit, unquote = false): TemplateSymbol {
  const quoted = unquote && bit.text.length >= 2 && `"'`.includes(bit.text[0]);
  return quoted
    ? { kind, name: bit.text.slice(1, -1), start: bit.start + 1, end: bit.start + bit.text.length - 1 }
    : { kind, name: bit.text, start: bit.start, end: bit.start + bit.text.length };
}

function blockTokenSymbol(token: TemplateToken, offset: number): TemplateSymbol | undefined {
  const bits = splitTagContents(token);
  const name = bits[0]?.text;
  const at = bits.find((bit) => within(offset, bit.start, bit.start + bit.text.length));
  if (!at || !name) return undefined;
  if (at === bits[0]) return bitSymbol('tag', at);
  if (name === 'load') {
    const from = bits.length >= 4 && bits.at(-2)?.text === 'from';
    return !from || at === bits.at(-1) ? bitSymbol('library', at) : undefined;
  }
  if (name === 'block' && at === bits[1]) return bitSymbol('block', at);
  if (name === 'static' && at === bits[1]) return bitSymbol('static', at, true);
  return undefined;
}

function filterSymbol(token: TemplateToken, offset: number): TemplateSymbol | undefined {
  const use = filterUses(token.contents).find((u) => within(offset, token.contentsStart + u.start, token.contentsStart + u.start + u.name.length));
  return use ? { kind: 'filter', name: use.name, start: token.contentsStart + use.start, end: token.contentsStart + use.start + use.name.length } : undefined;
}

/** The tag, filter, library, block name or static path at `offset`. */
export function symbolAt(text: string, offset: number): TemplateSymbol | undefined {
  const token = lexTemplate(text).find((t) => t.start <= offset && offset < t.end);
  if (!token || (token.kind !== 'block' && token.kind !== 'variable')) return undefined;
  return (token.kind === 'block' ? blockTokenSymbol(token, offset) : undefined) ?? filterSymbol(token, offset);
}

/** The tag or filter a template can use under a name: loaded or built in first, then any library. */
export function lookupSymbol(vocabulary: Vocabulary, symbol: TemplateSymbol): TagInfo | FilterInfo | LibraryInfo | undefined {
  if (symbol.kind === 'library') return vocabulary.libraries.get(symbol.name);
  if (symbol.kind === 'tag') return vocabulary.builtins.tags.get(symbol.name) ?? vocabulary.librariesWithTag(symbol.name)[0]?.tags.get(symbol.name);
  if (symbol.kind === 'filter') return vocabulary.builtins.filters.get(symbol.name) ?? vocabulary.librariesWithFilter(symbol.name)[0]?.filters.get(symbol.name);
  return undefined;
}
