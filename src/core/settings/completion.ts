import type { SyntaxNode } from '@lezer/common';
import type { KnowledgeBase } from './knowledge';
import { type LookupScope, type SettingsIndex, scopeOfKeysAt } from './scanner';

export interface CompletionItem {
  readonly label: string;
  readonly insertText: string;
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
  /** The quote to wrap a key in, when the cursor is not already inside a string. */
  readonly quote?: string;
}

/** Setting names at the start of a module-level line, or keys inside a known settings dict. */
export function completionAt(index: SettingsIndex, offset: number, knowledge: KnowledgeBase): Completion | undefined {
  const spot = dictKeySpot(index, offset) ?? moduleLevelSpot(index, offset);
  if (!spot) return undefined;
  const entries = spot.scope === 'global' ? knowledge.globalEntries() : knowledge.entries(spot.scope);
  const items = entries.map((entry) => ({
    label: entry.name,
    insertText: spot.quote ? `${spot.quote}${entry.name}${spot.quote}` : entry.name,
    detail: entry.type,
    documentation: `${entry.summary.trim()}\n\nDefault: \`${entry.default.replace(/`/g, "'")}\``,
  }));
  return { from: spot.from, to: spot.to, items };
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

/** The key being typed in a settings dict: inside a string key, a bare word, or an empty key slot. */
function dictKeySpot(index: SettingsIndex, offset: number): CompletionSpot | undefined {
  let container: (typeof index.containers)[number] | undefined;
  for (const candidate of index.containers) {
    const inside = candidate.from < offset && (offset < candidate.to || (offset === candidate.to && !closes(candidate.node)));
    if (inside && (!container || candidate.from >= container.from)) container = candidate;
  }
  if (!container) return undefined;
  const scope = scopeOfKeysAt(container.path);
  if (!scope) return undefined;
  let previous: SyntaxNode | null = null;
  for (let child = container.node.firstChild; child; child = child.nextSibling) {
    // A comment line between entries leaves the slot after `{` or `,` open for a key.
    if (child.type.isError || child.name === 'Comment') continue;
    if (child.from >= offset) break;
    if (child.to >= offset && child.from < offset && (child.name === 'String' || child.name === 'VariableName')) {
      return keyInNode(index.source, child, previous, offset, scope);
    }
    previous = child;
  }
  if (previous?.name !== '{' && previous?.name !== ',') return undefined;
  return { scope, from: offset, to: offset, quote: quoteStyle(index.source, container.node) };
}

function keyInNode(source: string, node: SyntaxNode, previous: SyntaxNode | null, offset: number, scope: LookupScope): CompletionSpot | undefined {
  if (previous?.name !== '{' && previous?.name !== ',') return undefined;
  if (node.name === 'VariableName') return { scope, from: node.from, to: node.to, quote: '"' };
  const text = source.slice(node.from, node.to);
  const quote = text.match(/^[rRuUbB]*(["'])/)?.[1];
  if (!quote) return undefined;
  const from = node.from + text.indexOf(quote) + 1;
  const closed = text.length > 1 && text.endsWith(quote) && node.to - 1 >= from;
  const to = closed ? node.to - 1 : node.to;
  return offset >= from && offset <= to ? { scope, from, to } : undefined;
}

function closes(dict: SyntaxNode): boolean {
  return dict.lastChild?.name === '}';
}

function quoteStyle(source: string, dict: SyntaxNode): string {
  const key = dict.getChild('String');
  return key && source[key.from] === "'" ? "'" : '"';
}
