// One URLconf module read on its own: its top-level statements evaluated, just far enough to know
// what urlpatterns, app_name, routers and imported names hold. Nothing here looks at other files;
// the reader (read.ts) follows the references between modules.
import type { SyntaxNode } from '@lezer/common';
import { PythonSource, statementsOf, stringValue } from '../syntax/python';

/** Where a pattern is declared. */
export interface Site {
  readonly file: string;
  readonly line: number;
}

export interface Registration {
  /** The URL prefix, or undefined when it is not a literal. */
  readonly prefix: string | undefined;
  readonly viewset: Value;
  /** The basename given, null when none is (DRF then asks the queryset's model), undefined when not a literal. */
  readonly basename: string | null | undefined;
  readonly site: Site;
}

export interface Router {
  /** DefaultRouter adds `api-root` and the format-suffix variants of every route. */
  readonly root: boolean;
  readonly trailingSlash: string;
  readonly registrations: Registration[];
  /** The module the router lives in, to read its ViewSets' names there. */
  readonly module: string;
}

/** What an expression evaluates to, as far as URLs care. */
export type Value =
  | { readonly kind: 'patterns'; readonly items: readonly Value[] }
  | {
      readonly kind: 'url';
      readonly route: string;
      readonly regex: boolean;
      /** undefined when the name is given but not a literal. */
      readonly name: string | null | undefined;
      /** Offset of the name's text inside its quotes, when the literal has no escapes. */
      readonly nameOffset: number | undefined;
      readonly view: Value;
      readonly viewText: string;
      readonly defaults: readonly string[];
      readonly site: Site;
    }
  | { readonly kind: 'include'; readonly route: string; readonly regex: boolean; readonly target: IncludeArgument; readonly site: Site }
  | { readonly kind: 'includeArgument'; readonly argument: IncludeArgument }
  | { readonly kind: 'prefixed'; readonly items: Value }
  | { readonly kind: 'suffixed'; readonly items: Value }
  | { readonly kind: 'router'; readonly router: Router }
  | { readonly kind: 'routerUrls'; readonly router: Router; readonly site: Site }
  | { readonly kind: 'opaque'; readonly namespace: string; readonly site: Site }
  | { readonly kind: 'module'; readonly module: string }
  | { readonly kind: 'symbol'; readonly module: string; readonly name: string; readonly local: boolean }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'tuple'; readonly items: readonly Value[] }
  | { readonly kind: 'unknown'; readonly reason: string; readonly site: Site };

export interface IncludeArgument {
  readonly target: Value;
  /** The namespace= given, null when none is, undefined when not a literal. */
  readonly namespace: string | null | undefined;
}

const EMPTY: Value = { kind: 'patterns', items: [] };

// Calls that return patterns without names Django users reverse (static files in DEBUG).
const UNNAMED_PATTERN_HELPERS = new Set(['static', 'staticfiles_urlpatterns']);
const ROUTER_CLASSES: Readonly<Record<string, boolean>> = { DefaultRouter: true, SimpleRouter: false };

export interface CallArguments {
  readonly positional: readonly SyntaxNode[];
  readonly keywords: ReadonlyMap<string, SyntaxNode>;
  /** True when `*args` or `**kwargs` passes values the reading cannot count. */
  readonly spread: boolean;
}

/** The arguments of a call, split into positional and keyword ones. */
export function callArguments(call: SyntaxNode, source: PythonSource): CallArguments {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let spread = false;
  const list = call.getChild('ArgList');
  for (let child = list?.firstChild ?? null; child; child = child.nextSibling) {
    if (child.name === '(' || child.name === ')' || child.name === ',') continue;
    if (child.name === '*' || child.name === '**') {
      spread = true;
      child = child.nextSibling ?? child;
      continue;
    }
    const next = child.nextSibling;
    if (child.name === 'VariableName' && next?.name === 'AssignOp' && next.nextSibling) {
      keywords.set(source.textOf(child), next.nextSibling);
      child = next.nextSibling;
      continue;
    }
    positional.push(child);
  }
  return { positional, keywords, spread };
}

/** The name a call is made through: `path` for `path(…)`, `register` for `router.register(…)`. */
export function calleeName(call: SyntaxNode, source: PythonSource): string | undefined {
  const callee = call.firstChild;
  if (callee?.name === 'VariableName') return source.textOf(callee);
  if (callee?.name === 'MemberExpression') {
    const property = callee.lastChild;
    return property?.name === 'PropertyName' ? source.textOf(property) : undefined;
  }
  return undefined;
}

/** The text of a plain string literal node, else undefined. */
export function literalString(node: SyntaxNode | null | undefined, source: PythonSource): string | undefined {
  return node?.name === 'String' ? stringValue(source.textOf(node)) : undefined;
}

export function literalBoolean(node: SyntaxNode | null | undefined, source: PythonSource): boolean | undefined {
  if (node?.name !== 'Boolean') return undefined;
  return source.textOf(node) === 'True';
}

/** A module's top-level names, evaluated in order. */
export class ModuleScope {
  readonly bindings = new Map<string, Value>();
  /** Class definitions by name, for reading ViewSets. */
  readonly classes = new Map<string, SyntaxNode>();
  private readonly starImports: string[] = [];

  constructor(
    readonly module: string,
    readonly file: string,
    readonly source: PythonSource,
  ) {
    this.run(source.topLevelStatements());
  }

  get(name: string): Value | undefined {
    const bound = this.bindings.get(name);
    if (bound) return bound;
    // A name from `from x import *`: only one such module can be followed without guessing.
    return this.starImports.length === 1 ? { kind: 'symbol', module: this.starImports[0], name, local: false } : undefined;
  }

  private site(node: SyntaxNode): Site {
    return { file: this.file, line: this.source.lineAt(node.from) };
  }

  private unknown(node: SyntaxNode, reason: string): Value {
    return { kind: 'unknown', reason, site: this.site(node) };
  }

  private run(statements: readonly SyntaxNode[]): void {
    for (const statement of statements) this.runStatement(statement);
  }

  private runStatement(statement: SyntaxNode): void {
    switch (statement.name) {
      case 'ImportStatement':
        this.runImport(statement);
        break;
      case 'AssignStatement':
        this.runAssign(statement);
        break;
      case 'UpdateStatement':
        this.runUpdate(statement);
        break;
      case 'ExpressionStatement': {
        const call = statement.firstChild;
        if (call?.name === 'CallExpression') this.runMethodCall(call);
        break;
      }
      case 'ClassDefinition':
      case 'FunctionDefinition': {
        const name = statement.getChild('VariableName');
        if (!name) break;
        const text = this.source.textOf(name);
        this.bindings.set(text, { kind: 'symbol', module: this.module, name: text, local: true });
        if (statement.name === 'ClassDefinition') this.classes.set(text, statement);
        break;
      }
      case 'IfStatement':
      case 'TryStatement':
      case 'WithStatement':
        // Both branches count: a pattern added only `if settings.DEBUG` still has a name to reverse.
        for (const body of statement.getChildren('Body')) this.run(statementsOf(body));
        break;
    }
  }

  private runImport(statement: SyntaxNode): void {
    const parts = [...childrenOf(statement)];
    if (parts[0]?.name === 'from') {
      const importAt = parts.findIndex((node) => node.name === 'import');
      const from = this.absoluteModule(parts.slice(1, importAt).map((node) => this.source.textOf(node)).join(''));
      if (from === undefined) return;
      const names = parts.slice(importAt + 1);
      if (names.some((node) => node.name === '*')) {
        this.starImports.push(from);
        return;
      }
      for (const [name, alias] of importedNames(names, this.source)) {
        this.bindings.set(alias, { kind: 'symbol', module: from, name, local: false });
      }
      return;
    }
    // import a.b.c  /  import a.b as c
    const items = splitOnCommas(parts.slice(1));
    for (const item of items) {
      const asAt = item.findIndex((node) => node.name === 'as');
      const dotted = (asAt < 0 ? item : item.slice(0, asAt)).map((node) => this.source.textOf(node)).join('');
      if (asAt >= 0) this.bindings.set(this.source.textOf(item[asAt + 1]), { kind: 'module', module: dotted });
      else this.bindings.set(dotted.split('.')[0], { kind: 'module', module: dotted.split('.')[0] });
    }
  }

  /** `..x` from `shop.api.urls` is `shop.x`. */
  private absoluteModule(written: string): string | undefined {
    const dots = /^\.*/.exec(written)![0].length;
    const rest = written.slice(dots);
    if (dots === 0) return rest;
    const isPackage = /(^|[\\/])__init__\.py$/.test(this.file);
    const packageParts = this.module.split('.');
    if (!isPackage) packageParts.pop();
    const base = packageParts.slice(0, packageParts.length - (dots - 1));
    if (base.length === 0 && rest === '') return undefined;
    return [...base, ...(rest ? [rest] : [])].join('.');
  }

  private runAssign(statement: SyntaxNode): void {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (target?.name !== 'VariableName' || !value || target.nextSibling?.name !== 'AssignOp' || value === target) return;
    // `a = b = [...]` binds only the first name here; rare in URLconfs.
    this.bindings.set(this.source.textOf(target), this.evaluate(value));
  }

  private runUpdate(statement: SyntaxNode): void {
    const target = statement.firstChild;
    const operator = target?.nextSibling;
    const value = statement.lastChild;
    if (target?.name !== 'VariableName' || operator?.name !== 'UpdateOp' || this.source.textOf(operator) !== '+=' || !value) return;
    const name = this.source.textOf(target);
    this.bindings.set(name, concatenate(this.bindings.get(name) ?? EMPTY, this.evaluate(value)));
  }

  /** `router.register(…)`, `urlpatterns.append(…)`, `urlpatterns.extend(…)`. */
  private runMethodCall(call: SyntaxNode): void {
    const callee = call.firstChild;
    if (callee?.name !== 'MemberExpression' || callee.firstChild?.name !== 'VariableName') return;
    const objectName = this.source.textOf(callee.firstChild);
    const method = calleeName(call, this.source);
    const object = this.bindings.get(objectName);
    const args = callArguments(call, this.source);
    if (object?.kind === 'router' && method === 'register') {
      object.router.registrations.push(this.registration(call, args));
      return;
    }
    if (method === 'append' || method === 'extend' || method === 'insert') {
      const added = args.positional.at(-1);
      if (!added) return;
      const value = this.evaluate(added);
      const item = method === 'extend' ? value : { kind: 'patterns' as const, items: [value] };
      this.bindings.set(objectName, concatenate(object ?? EMPTY, item));
    }
  }

  private registration(call: SyntaxNode, args: CallArguments): Registration {
    const basenameNode = args.keywords.get('basename') ?? args.keywords.get('base_name') ?? args.positional[2];
    return {
      prefix: literalString(args.positional[0] ?? args.keywords.get('prefix'), this.source),
      viewset: args.positional[1] ? this.evaluate(args.positional[1]) : this.unknown(call, 'a register() without a ViewSet'),
      basename: basenameNode ? (literalString(basenameNode, this.source) ?? (this.source.textOf(basenameNode) === 'None' ? null : undefined)) : null,
      site: this.site(call),
    };
  }

  evaluate(node: SyntaxNode): Value {
    switch (node.name) {
      case 'String': {
        const value = literalString(node, this.source);
        return value === undefined ? this.unknown(node, 'a string that is not a literal') : { kind: 'string', value };
      }
      case 'VariableName':
        return this.get(this.source.textOf(node)) ?? this.unknown(node, `\`${this.source.textOf(node)}\` is not defined in the module`);
      case 'MemberExpression':
        return this.evaluateMember(node);
      case 'CallExpression':
        return this.evaluateCall(node);
      case 'ArrayExpression':
        return { kind: 'patterns', items: this.elements(node) };
      case 'TupleExpression':
        return { kind: 'tuple', items: this.elements(node) };
      case 'ParenthesizedExpression': {
        const inner = node.firstChild?.nextSibling;
        return inner ? this.evaluate(inner) : this.unknown(node, 'empty parentheses');
      }
      case 'BinaryExpression': {
        const [left, operator, right] = [node.firstChild, node.firstChild?.nextSibling, node.lastChild];
        if (left && right && operator && this.source.textOf(operator) === '+') return concatenate(this.evaluate(left), this.evaluate(right));
        return this.unknown(node, 'an expression that is not a list');
      }
      default:
        return this.unknown(node, `\`${this.source.textOf(node).slice(0, 40)}\` is computed at run time`);
    }
  }

  /** The elements of a list or tuple; `*helper` splices what `helper` holds. */
  private elements(node: SyntaxNode): Value[] {
    const items: Value[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (['[', ']', '(', ')', ','].includes(child.name)) continue;
      if (child.name === '*') {
        const spread = child.nextSibling;
        if (spread) items.push({ kind: 'patterns', items: [this.evaluate(spread)] });
        child = spread ?? child;
        continue;
      }
      items.push(this.evaluate(child));
    }
    return items;
  }

  private evaluateMember(node: SyntaxNode): Value {
    const object = node.firstChild;
    const property = node.lastChild;
    if (!object || property?.name !== 'PropertyName') return this.unknown(node, 'a subscript');
    const name = this.source.textOf(property);
    const text = this.source.textOf(node);
    // admin.site.urls (or any AdminSite's urls): the admin builds its names at run time.
    if (name === 'urls' && /(^|\.)site$/.test(this.source.textOf(object))) return { kind: 'opaque', namespace: 'admin', site: this.site(node) };
    const base = this.evaluate(object);
    if (base.kind === 'module') return { kind: 'symbol', module: base.module, name, local: false };
    if (base.kind === 'router' && name === 'urls') return { kind: 'routerUrls', router: base.router, site: this.site(node) };
    if (base.kind === 'symbol') return { kind: 'symbol', module: `${base.module}.${base.name}`, name, local: false };
    return this.unknown(node, `\`${text}\` is computed at run time`);
  }

  private evaluateCall(call: SyntaxNode): Value {
    const name = calleeName(call, this.source);
    const args = callArguments(call, this.source);
    switch (name) {
      case 'path':
        return this.pattern(call, args, false);
      case 're_path':
      case 'url':
        return this.pattern(call, args, true);
      case 'include':
        return { kind: 'includeArgument', argument: this.includeArgument(call, args) };
      case 'i18n_patterns':
        return { kind: 'prefixed', items: { kind: 'patterns', items: args.positional.map((node) => this.evaluate(node)) } };
      case 'format_suffix_patterns':
        return args.positional[0] ? { kind: 'suffixed', items: this.evaluate(args.positional[0]) } : EMPTY;
      case 'as_view': {
        const callee = call.firstChild;
        return callee?.firstChild ? this.evaluate(callee.firstChild) : this.unknown(call, 'as_view() of nothing');
      }
    }
    if (name !== undefined && UNNAMED_PATTERN_HELPERS.has(name)) return EMPTY;
    if (name !== undefined && name in ROUTER_CLASSES) {
      const slash = args.keywords.get('trailing_slash');
      const trailingSlash = slash === undefined ? '/' : literalString(slash, this.source) ?? (literalBoolean(slash, this.source) === false ? '' : '/');
      return { kind: 'router', router: { root: ROUTER_CLASSES[name], trailingSlash, registrations: [], module: this.module } };
    }
    return this.unknown(call, `\`${this.source.textOf(call).slice(0, 40)}\` is computed at run time`);
  }

  private includeArgument(call: SyntaxNode, args: CallArguments): IncludeArgument {
    const namespaceNode = args.keywords.get('namespace') ?? args.positional[1];
    const namespace = namespaceNode ? (literalString(namespaceNode, this.source) ?? (this.source.textOf(namespaceNode) === 'None' ? null : undefined)) : null;
    const first = args.positional[0] ?? args.keywords.get('arg');
    return { target: first ? this.evaluate(first) : this.unknown(call, 'include() of nothing'), namespace };
  }

  /** path(route, view, kwargs=None, name=None), and re_path()/url() alike. */
  private pattern(call: SyntaxNode, args: CallArguments, regex: boolean): Value {
    const routeNode = args.positional[0] ?? args.keywords.get('route') ?? args.keywords.get('regex');
    const viewNode = args.positional[1] ?? args.keywords.get('view');
    const route = literalString(routeNode, this.source);
    if (route === undefined || !viewNode) return this.unknown(call, 'a route that is not a literal');
    const view = this.evaluate(viewNode);
    const site = this.site(call);
    if (view.kind === 'includeArgument') return { kind: 'include', route, regex, target: view.argument, site };
    if (view.kind === 'opaque') return { kind: 'include', route, regex, target: { target: view, namespace: view.namespace }, site };
    if (view.kind === 'patterns' || view.kind === 'tuple') return { kind: 'include', route, regex, target: { target: view, namespace: null }, site };
    const nameNode = args.keywords.get('name') ?? args.positional[3];
    const name = nameNode ? (literalString(nameNode, this.source) ?? (this.source.textOf(nameNode) === 'None' ? null : undefined)) : null;
    const kwargsNode = args.keywords.get('kwargs') ?? args.positional[2];
    return { kind: 'url', route, regex, name, nameOffset: nameNode && name ? plainLiteralOffset(nameNode, name, this.source) : undefined, view, viewText: this.source.textOf(viewNode), defaults: kwargsNode ? dictKeys(kwargsNode, this.source) : [], site };
  }
}

function concatenate(left: Value, right: Value): Value {
  return { kind: 'patterns', items: [left, right] };
}

function* childrenOf(node: SyntaxNode): Generator<SyntaxNode> {
  for (let child = node.firstChild; child; child = child.nextSibling) yield child;
}

function splitOnCommas(nodes: readonly SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const node of nodes) {
    if (node.name === ',') groups.push([]);
    else if (node.name !== '(' && node.name !== ')') groups.at(-1)!.push(node);
  }
  return groups.filter((group) => group.length > 0);
}

/** `a, b as c` after `import`: pairs of the imported name and the name it is bound to. */
function importedNames(nodes: readonly SyntaxNode[], source: PythonSource): [string, string][] {
  return splitOnCommas(nodes).map((group) => {
    const name = source.textOf(group[0]);
    const asAt = group.findIndex((node) => node.name === 'as');
    return [name, asAt >= 0 && group[asAt + 1] ? source.textOf(group[asAt + 1]) : name];
  });
}

/** The literal string keys of a dict literal: the extra kwargs of a path(). */
export function dictKeys(node: SyntaxNode, source: PythonSource): string[] {
  if (node.name !== 'DictionaryExpression') return [];
  const keys: string[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nextSibling?.name !== ':') continue;
    const key = literalString(child, source);
    if (key !== undefined) keys.push(key);
  }
  return keys;
}

/** Where a literal's text starts, when the source spells it exactly (no escapes), else undefined. */
export function plainLiteralOffset(node: SyntaxNode, value: string, source: PythonSource): number | undefined {
  const text = source.textOf(node);
  const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(text);
  if (!quote) return undefined;
  const start = node.from + quote[0].length;
  return source.text.startsWith(value, start) && source.text.startsWith(quote[1], start + value.length) ? start : undefined;
}
