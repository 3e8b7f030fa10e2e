import { type SyntaxNode, Tree, type TreeFragment } from '@lezer/common';
import { pythonParser } from '../syntax/python';
import type { Scope } from './schema';
import type { Slices } from './slices';
import { statementAt, topLevelStatementAt } from './statement';

/** Where a name is looked up: the module-level settings, or the keys of one settings dict. */
export type LookupScope = 'global' | Exclude<Scope, 'django' | 'django-contrib'>;

export interface Span {
  readonly from: number;
  readonly to: number;
}

/**
 * One place in the source that names a setting: a module-level assignment target, a key of a
 * settings dict (literal or subscript), or `settings.NAME` in code that imports Django's settings.
 */
export interface SettingSite extends Span {
  readonly kind: 'assignment' | 'key' | 'reference';
  readonly scope: LookupScope;
  readonly name: string;
  /** The value's source span, when the site is given one here. */
  readonly value?: Span;
  /** True for `NAME += …`: the value extends an earlier one. */
  readonly augmented?: boolean;
  /** The whole statement that holds the site (for quick fixes that remove it). */
  readonly statement?: Span;
}

/** A dict literal whose keys may be settings, with its path from the module-level name. */
interface DictContainer extends Span {
  readonly node: SyntaxNode;
  readonly path: readonly string[];
}

/** The settings a source names: all that a hover needs. */
export interface SettingSites {
  readonly source: string;
  /** Sorted by position; they never overlap. */
  readonly sites: readonly SettingSite[];
}

export interface SettingsIndex extends SettingSites {
  readonly tree: Tree;
  readonly containers: readonly DictContainer[];
}

/** A list element, whatever its index. */
const ANY_ITEM = '[]';
/** A subscript whose key is not a literal. */
const UNKNOWN_KEY = '?';

// How a path of keys below a module-level name maps to a scope; '*' stands for any one key
// (a database alias, a cache alias, a list index…).
const DICT_SCOPES: readonly { readonly pattern: readonly string[]; readonly scope: LookupScope }[] = [
  { pattern: ['REST_FRAMEWORK'], scope: 'drf' },
  { pattern: ['SIMPLE_JWT'], scope: 'simplejwt' },
  { pattern: ['LOGGING'], scope: 'logging' },
  { pattern: ['DATABASES', '*'], scope: 'databases' },
  { pattern: ['CACHES', '*'], scope: 'caches' },
  { pattern: ['STORAGES', '*'], scope: 'storages' },
  { pattern: ['TEMPLATES', '*'], scope: 'templates' },
  { pattern: ['TEMPLATES', '*', 'OPTIONS'], scope: 'templates-options' },
];

/** The scope in which the keys of the dict at `path` are looked up, if they are settings at all. */
export function scopeOfKeysAt(path: readonly string[]): LookupScope | undefined {
  if (path.length === 0) return 'global';
  const match = DICT_SCOPES.find(
    ({ pattern }) => pattern.length === path.length && pattern.every((part, i) => part === '*' || part === path[i]),
  );
  return match?.scope;
}

const DICT_LIKE = new Set(['DictionaryExpression', 'SetExpression']);
const SEQUENCE_LIKE = new Set(['ArrayExpression', 'TupleExpression', 'ParenthesizedExpression']);
const NESTED_STATEMENTS = new Set(['IfStatement', 'TryStatement', 'WithStatement', 'ForStatement', 'WhileStatement']);

/**
 * Parses Python source and lists every setting it names. `settingsModule` adds the module-level
 * assignments and dict keys; references through `django.conf.settings` are found in any file.
 * The parser recovers from syntax errors, so a half-typed file still yields what can be read.
 * `fragments` of an earlier tree of the same document let the parser reuse what an edit left alone.
 */
export function scanSettings(source: string, settingsModule: boolean, fragments?: readonly TreeFragment[]): SettingsIndex {
  const tree = needsParse(source, settingsModule) ? pythonParser().parse(source, fragments) : Tree.empty;
  const scan = new Scan(source);
  if (settingsModule) scan.statements(tree.topNode);
  return finish(scan, tree);
}

/**
 * What `scanSettings` returns, worked out in slices (see slices.ts) so that a long module never keeps
 * the thread for long: the parser advances a bounded stretch at a time, and the module-level statements
 * are read a few at a time. Throws `Cancelled` when the run was cancelled between slices.
 */
export async function scanSettingsInSlices(source: string, settingsModule: boolean, slices: Slices, fragments?: readonly TreeFragment[]): Promise<SettingsIndex> {
  const tree = needsParse(source, settingsModule) ? await parseInSlices(source, slices, fragments) : Tree.empty;
  const scan = new Scan(source);
  if (settingsModule) {
    for (let node = tree.topNode.firstChild; node; node = node.nextSibling) {
      scan.statement(node);
      if (slices.due()) await slices.next();
    }
  }
  return finish(scan, tree);
}

/** Parser steps between two looks at the clock: a step is far shorter than a slice, and the clock is not free. */
const STEPS_PER_LOOK = 200;

async function parseInSlices(source: string, slices: Slices, fragments?: readonly TreeFragment[]): Promise<Tree> {
  const parse = pythonParser().startParse(source, fragments);
  for (let step = 1; ; step++) {
    const tree = parse.advance();
    if (tree) return tree;
    if (step % STEPS_PER_LOOK === 0 && slices.due()) await slices.next();
  }
}

// Only files that mention django.conf can reach settings through it: other modules need no parse.
function reachesSettings(source: string): boolean {
  return source.includes('django.conf');
}

function needsParse(source: string, settingsModule: boolean): boolean {
  return settingsModule || reachesSettings(source);
}

function finish(scan: Scan, tree: Tree): SettingsIndex {
  if (reachesSettings(scan.source)) scan.references(tree);
  scan.sites.sort((a, b) => a.from - b.from);
  return { source: scan.source, tree, sites: scan.sites, containers: scan.containers };
}

/** A settings module in miniature: a parse of it compiles the parser's paths that real ones take. */
const WARM_UP_SOURCE = 'import os\nDEBUG = True\nREST_FRAMEWORK = {"PAGE_SIZE": [1, (2,)]}\nif X:\n    Y = os.environ.get("Y", "")\n';

/**
 * Parses a tiny settings module once, so the parser's first-use cost (loading its tables, compiling
 * its code) is paid when the editor is idle rather than by the first hover or check.
 */
export function warmUpParser(): void {
  scanSettings(WARM_UP_SOURCE, true);
}

/**
 * The sites `scanSettings` finds near `offset`, for a hover that comes before the whole module is
 * parsed: only the top-level statement holding `offset` is parsed, so the first hover on a long
 * module costs a few lines of parsing, not thousands. Where a file mentions django.conf and the
 * statement has no setting at `offset`, the file is scanned whole, since `settings.NAME` depends on
 * imports anywhere in it; a site the statement has is the whole scan's site there too, as sites never
 * overlap. `statementStarts` (from `topLevelStatementStarts`), when the module's have been read
 * already, spare reading it again up to `offset`.
 */
export function scanSettingsAround(source: string, offset: number, settingsModule: boolean, statementStarts?: readonly number[]): SettingSites {
  if (!settingsModule) return scanSettings(source, settingsModule);
  const statement = statementStarts ? statementAt(statementStarts, source.length, offset) : topLevelStatementAt(source, offset);
  const scan = new Scan(source, statement.from);
  scan.statements(pythonParser().parse(source.slice(statement.from, statement.to)).topNode);
  const near = { source, sites: scan.sites.map((site) => shiftSite(site, statement.from)).sort((a, b) => a.from - b.from) };
  return reachesSettings(source) && !siteAt(near, offset) ? scanSettings(source, settingsModule) : near;
}

function shiftSpan(span: Span, by: number): Span {
  return { from: span.from + by, to: span.to + by };
}

function shiftSite(site: SettingSite, by: number): SettingSite {
  return {
    ...site,
    ...shiftSpan(site, by),
    value: site.value && shiftSpan(site.value, by),
    statement: site.statement && shiftSpan(site.statement, by),
  };
}

/** The site under `offset`, by binary search. */
export function siteAt(index: SettingSites, offset: number): SettingSite | undefined {
  const { sites } = index;
  let low = 0;
  let high = sites.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const site = sites[middle];
    if (offset < site.from) high = middle - 1;
    else if (offset > site.to) low = middle + 1;
    else return site;
  }
  return undefined;
}

class Scan {
  readonly sites: SettingSite[] = [];
  readonly containers: DictContainer[] = [];

  /** `base`: where in `source` the parsed text starts, when only a slice of it was parsed. */
  constructor(
    readonly source: string,
    private readonly base = 0,
  ) {}

  private text(node: Span): string {
    return this.source.slice(this.base + node.from, this.base + node.to);
  }

  statements(parent: SyntaxNode): void {
    for (let node = parent.firstChild; node; node = node.nextSibling) this.statement(node);
  }

  statement(node: SyntaxNode): void {
    if (node.name === 'AssignStatement' || node.name === 'UpdateStatement') this.assignment(node);
    // `X = 1; DEBUG = True`: several statements on one line.
    else if (node.name === 'StatementGroup') this.statements(node);
    else if (NESTED_STATEMENTS.has(node.name)) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.name === 'Body') this.statements(child);
      }
    }
  }

  /** `A = B = value`, `A: T = value`, `A += value`, `A["k"]["j"] = value`. */
  private assignment(statement: SyntaxNode): void {
    const children = childList(statement);
    const lastOp = findLastIndex(children, (n) => n.name === 'AssignOp' || n.name === 'UpdateOp');
    const value = lastOp >= 0 ? children[lastOp + 1] : undefined;
    const augmented = statement.name === 'UpdateStatement';
    const targets = lastOp >= 0 ? children.slice(0, lastOp).filter((n) => n.name !== 'AssignOp') : [children[0]];
    for (const target of targets) {
      if (!target || target.name === 'TypeDef') continue;
      const path = this.target(target, statement, value, augmented);
      if (path && value) this.expression(value, path);
    }
  }

  /** Records the sites of an assignment target and returns its path, or undefined if it is no setting. */
  private target(target: SyntaxNode, statement: SyntaxNode, value: SyntaxNode | undefined, augmented: boolean): string[] | undefined {
    const valueSpan = value && value.name !== '⚠' ? { from: value.from, to: value.to } : undefined;
    if (target.name === 'VariableName') {
      const name = this.text(target);
      this.sites.push({ kind: 'assignment', scope: 'global', name, from: target.from, to: target.to, value: valueSpan, augmented, statement });
      return [name];
    }
    if (target.name !== 'MemberExpression') return undefined;
    const chain = this.subscriptChain(target);
    if (!chain) return undefined;
    const path: string[] = [];
    chain.forEach((link, i) => {
      const last = i === chain.length - 1;
      const scope = path.length === 0 ? 'global' : scopeOfKeysAt(path);
      if (scope && link.name !== undefined) {
        this.sites.push({
          kind: path.length === 0 ? 'assignment' : 'key',
          scope,
          name: link.name,
          from: link.node.from,
          to: link.node.to,
          value: last ? valueSpan : undefined,
          augmented: last && augmented,
          statement: last ? statement : undefined,
        });
      }
      path.push(link.key);
    });
    return path;
  }

  /** `NAME["a"][0]` as links from the name outwards; undefined unless it starts at a plain name. */
  private subscriptChain(node: SyntaxNode): { node: SyntaxNode; key: string; name?: string }[] | undefined {
    const children = childList(node);
    const [object, open, index] = children;
    if (!object) return undefined;
    let head: { node: SyntaxNode; key: string; name?: string }[] | undefined;
    if (object.name === 'VariableName') {
      const name = this.text(object);
      head = [{ node: object, key: name, name }];
    } else if (object.name === 'MemberExpression') head = this.subscriptChain(object);
    if (!head || open?.name !== '[' || !index) return undefined;
    const literal = index.name === 'String' ? unquote(this.text(index)) : undefined;
    const key = literal ?? (index.name === 'Number' ? ANY_ITEM : UNKNOWN_KEY);
    return [...head, { node: index, key, name: literal }];
  }

  /** Walks a value, recording the keys of dicts that sit at a settings path. */
  private expression(node: SyntaxNode, path: readonly string[]): void {
    if (DICT_LIKE.has(node.name)) this.dict(node, path);
    else if (SEQUENCE_LIKE.has(node.name)) {
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (child.type.isError || child.to - child.from <= 1) continue;
        this.expression(child, [...path, ANY_ITEM]);
      }
    }
  }

  private dict(node: SyntaxNode, path: readonly string[]): void {
    this.containers.push({ node, path, from: node.from, to: node.to });
    const scope = scopeOfKeysAt(path);
    let key: string | undefined;
    let keyPosition = true;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.name === '{' || child.name === ',') {
        keyPosition = true;
        key = undefined;
      } else if (child.name === ':') keyPosition = false;
      // A comment between entries neither is a key nor ends the wait for one.
      else if (child.type.isError || child.name === '}' || child.name === 'Comment') continue;
      else if (keyPosition) {
        key = child.name === 'String' ? unquote(this.text(child)) : undefined;
        if (key !== undefined && scope) {
          const value = valueAfterColon(child);
          this.sites.push({ kind: 'key', scope, name: key, from: child.from, to: child.to, value });
        }
        keyPosition = false;
      } else if (key !== undefined) this.expression(child, [...path, key]);
    }
  }

  /**
   * `settings.NAME` and `getattr(settings, "NAME"…)` wherever `from django.conf import settings
   * [as alias]` is in the file.
   */
  references(tree: Tree): void {
    const aliases = new Set<string>();
    const members: SyntaxNode[] = [];
    const calls: SyntaxNode[] = [];
    tree.iterate({
      enter: (ref) => {
        if (ref.name === 'ImportStatement') {
          for (const alias of this.settingsImports(ref.node)) aliases.add(alias);
          return false;
        }
        if (ref.name === 'MemberExpression') members.push(ref.node);
        if (ref.name === 'CallExpression') calls.push(ref.node);
        return undefined;
      },
    });
    for (const node of members) {
      const [object, dot, property] = childList(node);
      if (object?.name !== 'VariableName' || dot?.name !== '.' || property?.name !== 'PropertyName') continue;
      if (!aliases.has(this.text(object))) continue;
      this.sites.push({ kind: 'reference', scope: 'global', name: this.text(property), from: property.from, to: property.to });
    }
    for (const node of calls) this.getattrReference(node, aliases);
  }

  private getattrReference(call: SyntaxNode, aliases: ReadonlySet<string>): void {
    const [callee, args] = childList(call);
    if (callee?.name !== 'VariableName' || this.text(callee) !== 'getattr' || args?.name !== 'ArgList') return;
    const [, object, comma, key] = childList(args);
    if (object?.name !== 'VariableName' || !aliases.has(this.text(object)) || comma?.name !== ',' || key?.name !== 'String') return;
    const name = unquote(this.text(key));
    if (name !== undefined) this.sites.push({ kind: 'reference', scope: 'global', name, from: key.from, to: key.to });
  }

  private settingsImports(statement: SyntaxNode): string[] {
    const children = childList(statement);
    if (children[0]?.name !== 'from') return [];
    const importAt = children.findIndex((n) => n.name === 'import');
    const module = children.slice(1, importAt).map((n) => this.text(n)).join('');
    if (module !== 'django.conf') return [];
    const names: string[] = [];
    for (let i = importAt + 1; i < children.length; i++) {
      if (children[i].name !== 'VariableName' || this.text(children[i]) !== 'settings') continue;
      const aliased = children[i + 1]?.name === 'as' && children[i + 2]?.name === 'VariableName';
      names.push(aliased ? this.text(children[i + 2]) : 'settings');
    }
    return names;
  }
}

function childList(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

function valueAfterColon(key: SyntaxNode): Span | undefined {
  const colon = key.nextSibling;
  const value = colon?.name === ':' ? colon.nextSibling : undefined;
  if (!value || value.type.isError || value.name === ',' || value.name === '}') return undefined;
  return { from: value.from, to: value.to };
}

/** The text of a plain string literal, or undefined for f-strings and unterminated strings. */
export function unquote(literal: string): string | undefined {
  let start = 0;
  while (start < literal.length && 'rRuUbB'.includes(literal[start])) start++;
  const quoteChar = literal[start];
  if (quoteChar !== '"' && quoteChar !== "'") return undefined;
  const quote = literal.startsWith(quoteChar.repeat(3), start) ? quoteChar.repeat(3) : quoteChar;
  const body = literal.slice(start + quote.length);
  if (body.length < quote.length || !body.endsWith(quote)) return undefined;
  return body.slice(0, body.length - quote.length);
}
