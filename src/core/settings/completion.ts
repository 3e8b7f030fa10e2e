import type { SyntaxNode } from '@lezer/common';
import * as l10n from '@vscode/l10n';
import { stringValue } from '../syntax/python';
import type { KnowledgeBase } from './knowledge';
import { type LookupScope, type SettingSites, type SettingsIndex, scanSettings, scopeOfKeysAt } from './scanner';
import type { SettingEntry } from './schema';
import { topLevelStatementAt } from './statement';

export interface CompletionItem {
  readonly label: string;
  readonly insertText: string;
  /** What the editor matches the typed text against: the key with its opening quote when one was typed. */
  readonly filterText: string;
  /** The setting's type. */
  readonly detail: string;
  /** Markdown: the summary and the default. */
  readonly documentation: string;
}

export interface Completion {
  /** The text the chosen item replaces. */
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

interface CompletionSpot {
  readonly scope: LookupScope;
  readonly from: number;
  readonly to: number;
  /** For a dict key: the quote it is written with, whether `: ` must follow, and the keys the dict has already. */
  readonly key?: { readonly quote: string; readonly typedQuote: boolean; readonly colon: boolean; readonly present: ReadonlySet<string> };
}

/**
 * Setting names at the start of a module-level line, or keys inside a known settings dict. Only the
 * top-level statement under the cursor is parsed (cut lexically, see `topLevelStatementAt`), so a
 * syntax error elsewhere in the module changes nothing. A dict key replaces the whole string token
 * and comes back quoted, followed by `: ` unless a colon is there already; keys the dict already
 * has are left out.
 */
export function completionAt(index: Pick<SettingSites, 'source'>, offset: number, knowledge: KnowledgeBase): Completion | undefined {
  const statement = topLevelStatementAt(index.source, offset);
  const local = scanSettings(index.source.slice(statement.from, statement.to), true);
  const at = offset - statement.from;
  const spot = dictKeySpot(local, at) ?? moduleLevelSpot(local, at);
  if (!spot) return undefined;
  const entries = spot.scope === 'global' ? knowledge.globalEntries() : knowledge.entries(spot.scope);
  const key = spot.key;
  const items = entries
    .filter((entry) => !key?.present.has(entry.name))
    .map((entry) => ({
      label: entry.name,
      insertText: key ? `${key.quote}${entry.name}${key.quote}${key.colon ? ': ' : ''}` : entry.name,
      filterText: key?.typedQuote ? `${key.quote}${entry.name}` : entry.name,
      detail: entry.type,
      documentation: completionDocumentation(entry),
    }));
  return { from: spot.from + statement.from, to: spot.to + statement.from, items };
}

/** The summary and the default; the default's backticks become quotes, so one code span holds it. */
function completionDocumentation(entry: SettingEntry): string {
  const defaultCode = `\`${entry.default.replace(/`/g, "'")}\``;
  return `${entry.summary.trim()}\n\n${l10n.t('Default: {0}', defaultCode)}`;
}

function moduleLevelSpot(index: SettingsIndex, offset: number): CompletionSpot | undefined {
  const node = index.tree.resolveInner(offset, -1);
  if (node.name === 'Script') {
    const lineStart = index.source.lastIndexOf('\n', offset - 1) + 1;
    return lineStart === offset ? { scope: 'global', from: offset, to: offset } : undefined;
  }
  if (node.name !== 'VariableName') return undefined;
  const statement = node.parent;
  const atModuleLevel = statement?.parent?.name === 'Script' && statement.firstChild?.from === node.from;
  const atLineStart = index.source.lastIndexOf('\n', node.from - 1) + 1 === node.from;
  if (!atModuleLevel || !atLineStart) return undefined;
  return { scope: 'global', from: node.from, to: node.to };
}

/** The key being typed in a settings dict: a string key, a bare word, or an empty key slot. */
function dictKeySpot(index: SettingsIndex, offset: number): CompletionSpot | undefined {
  let container: (typeof index.containers)[number] | undefined;
  for (const candidate of index.containers) {
    const inside = candidate.from < offset && (offset < candidate.to || (offset === candidate.to && !closes(candidate.node)));
    if (inside && (!container || candidate.from >= container.from)) container = candidate;
  }
  if (!container) return undefined;
  const scope = scopeOfKeysAt(container.path);
  if (!scope) return undefined;
  const dict = container.node;
  let previous: SyntaxNode | null = null;
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    // A comment line between entries leaves the slot after `{` or `,` open for a key.
    if (child.type.isError || child.name === 'Comment') continue;
    if (child.from >= offset) break;
    if (child.to >= offset && child.from < offset && (child.name === 'String' || child.name === 'VariableName')) {
      if (!startsKey(previous)) return undefined;
      return keyInNode(index.source, dict, child, offset, scope);
    }
    previous = child;
  }
  if (!startsKey(previous)) return undefined;
  const key = { quote: quoteStyle(index.source, dict), typedQuote: false, colon: !colonFollows(index.source, offset), present: presentKeys(index.source, dict) };
  return { scope, from: offset, to: offset, key };
}

function startsKey(previous: SyntaxNode | null): boolean {
  return previous?.name === '{' || previous?.name === ',';
}

function keyInNode(source: string, dict: SyntaxNode, node: SyntaxNode, offset: number, scope: LookupScope): CompletionSpot | undefined {
  const present = presentKeys(source, dict, node);
  const colon = !colonFollows(source, node.to);
  if (node.name === 'VariableName') return { scope, from: node.from, to: node.to, key: { quote: quoteStyle(source, dict), typedQuote: false, colon, present } };
  const text = source.slice(node.from, node.to);
  const prefix = /^[rRuU]*/.exec(text)?.[0] ?? '';
  const quote = text[prefix.length];
  if (quote !== '"' && quote !== "'") return undefined;
  // A cursor before the opening quote is not in the key.
  if (offset <= node.from + prefix.length) return undefined;
  return { scope, from: node.from, to: node.to, key: { quote, typedQuote: true, colon, present } };
}

/** The string keys a dict has, leaving out the one being edited. */
function presentKeys(source: string, dict: SyntaxNode, editing?: SyntaxNode): Set<string> {
  const keys = new Set<string>();
  let previous: SyntaxNode | null = null;
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    if (child.type.isError) continue;
    if (child.name === 'String' && startsKey(previous) && child.from !== editing?.from) {
      const key = stringValue(source.slice(child.from, child.to));
      if (key !== undefined) keys.add(key);
    }
    previous = child;
  }
  return keys;
}

/** Whether a `:` comes next after `at`, on the same line. */
function colonFollows(source: string, at: number): boolean {
  let i = at;
  while (source[i] === ' ' || source[i] === '\t') i++;
  return source[i] === ':';
}

function closes(dict: SyntaxNode): boolean {
  return dict.lastChild?.name === '}';
}

function quoteStyle(source: string, dict: SyntaxNode): string {
  const key = dict.getChild('String');
  return key && source[key.from] === "'" ? "'" : '"';
}
