import type { SyntaxNode } from '@lezer/common';
import { children, PythonSource, statementsOf, stringValue } from '../syntax/python';

// Reads a `templatetags/*.py` module without running it: what its `Library()` registers, from the
// decorators (`@register.filter`, `@register.simple_tag(takes_context=True)`, `@register.tag("name")`)
// and the call forms (`register.filter("name", function)`).

export type TagKind = 'tag' | 'simple_tag' | 'inclusion_tag' | 'simple_block_tag';

export interface PythonFunction {
  /** The function's name in the module. */
  readonly function: string;
  /** 1-based line of the `def`, or of the registration when the function is not in the module. */
  readonly line: number;
  readonly docstring?: string;
  /** Parameter names as written, `*args` and `**kwargs` with their stars. */
  readonly parameters: readonly string[];
  /** Parameters without a default value, stars excluded. */
  readonly required: number;
}

export interface SourceTag extends PythonFunction {
  readonly name: string;
  readonly kind: TagKind;
  readonly takesContext: boolean;
  /** For compile functions: the end tag found in its `parser.parse((…))` calls. */
  readonly end?: string;
  /** For compile functions: the other tag names those calls stop at (`else`, `empty`). */
  readonly middle?: readonly string[];
}

export interface SourceFilter extends PythonFunction {
  readonly name: string;
  readonly isSafe: boolean;
  /** Whether the filter takes an argument after the colon. */
  readonly argument: 'none' | 'optional' | 'required';
}

export interface SourceLibrary {
  readonly tags: readonly SourceTag[];
  readonly filters: readonly SourceFilter[];
}

const TAG_KINDS: readonly string[] = ['tag', 'simple_tag', 'inclusion_tag', 'simple_block_tag'];

interface Registration {
  /** `filter` or one of the tag kinds. */
  readonly method: string;
  /** Positional arguments, as nodes. */
  readonly positional: readonly SyntaxNode[];
  readonly keywords: ReadonlyMap<string, SyntaxNode>;
  readonly at: number;
}

/** The name bound to `Library()` (`register` by convention). */
function registerNames(source: PythonSource): Set<string> {
  const names = new Set<string>();
  for (const statement of source.topLevelStatements()) {
    if (statement.name !== 'AssignStatement') continue;
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (target?.name !== 'VariableName' || value?.name !== 'CallExpression') continue;
    const callee = source.textOf(value.firstChild!);
    if (callee === 'Library' || callee.endsWith('.Library')) names.add(source.textOf(target));
  }
  if (names.size === 0) names.add('register');
  return names;
}

/** Splits an ArgList into positional arguments and keyword arguments. */
function argumentsOf(source: PythonSource, argList: SyntaxNode | null): Pick<Registration, 'positional' | 'keywords'> {
  const positional: SyntaxNode[] = [];
  const keywords = new Map<string, SyntaxNode>();
  if (!argList) return { positional, keywords };
  const nodes = children(argList).filter((n) => !['(', ')', ','].includes(n.name));
  for (let i = 0; i < nodes.length; i++) {
    if (nodes[i].name === 'VariableName' && nodes[i + 1]?.name === 'AssignOp' && nodes[i + 2]) {
      keywords.set(source.textOf(nodes[i]), nodes[i + 2]);
      i += 2;
    } else {
      positional.push(nodes[i]);
    }
  }
  return { positional, keywords };
}

/**
 * `register.X` or `register.X(...)` as a list of nodes (a decorator's children after `@`, or a call's
 * callee and arguments); undefined when it is not a registration.
 */
function registration(source: PythonSource, nodes: readonly SyntaxNode[], registers: Set<string>, at: number): Registration | undefined {
  const [object, dot, property, argList] = nodes;
  if (!object || !property || dot?.name !== '.' || !registers.has(source.textOf(object))) return undefined;
  const method = source.textOf(property);
  if (method !== 'filter' && !TAG_KINDS.includes(method)) return undefined;
  if (argList && argList.name !== 'ArgList') return undefined;
  return { method, ...argumentsOf(source, argList ?? null), at };
}

function literal(source: PythonSource, node: SyntaxNode | undefined): string | undefined {
  return node?.name === 'String' ? stringValue(source.textOf(node)) : undefined;
}

function isTrue(source: PythonSource, node: SyntaxNode | undefined): boolean {
  return node !== undefined && source.textOf(node) === 'True';
}

function docstringOf(source: PythonSource, definition: SyntaxNode): string | undefined {
  const first = statementsOf(definition.getChild('Body')!).find((node) => node.name !== ':');
  const string = first?.name === 'ExpressionStatement' ? first.firstChild : null;
  if (string?.name !== 'String') return undefined;
  const value = stringValue(source.textOf(string));
  return value === undefined ? undefined : dedent(value);
}

/** Python's inspect.cleandoc, roughly: the first line as is, the rest without their common indent. */
function dedent(doc: string): string {
  const [first, ...rest] = doc.split('\n');
  const indents = rest.filter((line) => line.trim() !== '').map((line) => line.length - line.trimStart().length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return [first.trim(), ...rest.map((line) => line.slice(cut))].join('\n').trim();
}

function parametersOf(source: PythonSource, definition: SyntaxNode): { parameters: string[]; required: number } {
  const parameters: string[] = [];
  let required = 0;
  let star = '';
  let keywordOnly = false;
  const nodes = children(definition.getChild('ParamList')!);
  nodes.forEach((node, i) => {
    if (node.name === '*' || node.name === '**') star = node.name;
    if (node.name === '*' && nodes[i + 1]?.name !== 'VariableName') keywordOnly = true;
    if (node.name !== 'VariableName') return;
    parameters.push(star + source.textOf(node));
    const hasDefault = nodes[i + 1]?.name === 'AssignOp' || nodes[i + 1]?.name === 'TypeDef' && nodes[i + 2]?.name === 'AssignOp';
    if (!star && !keywordOnly && !hasDefault) required += 1;
    if (star === '*') keywordOnly = true;
    star = '';
  });
  return { parameters, required };
}

function describe(source: PythonSource, definition: SyntaxNode | undefined, fallbackName: string, at: number): PythonFunction {
  if (!definition) return { function: fallbackName, line: source.lineAt(at), parameters: [], required: 0 };
  const docstring = docstringOf(source, definition);
  return {
    function: source.textOf(definition.getChild('VariableName')!),
    line: source.lineAt(definition.from),
    ...(docstring !== undefined ? { docstring } : {}),
    ...parametersOf(source, definition),
  };
}

/** The tag names a compile function's `parser.parse(("else", "endfoo"))` calls stop at. */
function stopTags(source: PythonSource, definition: SyntaxNode): string[] {
  const names: string[] = [];
  definition.cursor().iterate((ref) => {
    if (ref.name !== 'CallExpression') return;
    const callee = ref.node.firstChild;
    if (!callee || !source.textOf(callee).endsWith('.parse')) return;
    const first = argumentsOf(source, ref.node.getChild('ArgList')).positional[0];
    if (!first) return;
    first.cursor().iterate((inner) => {
      const value = inner.name === 'String' ? stringValue(source.textOf(inner.node)) : undefined;
      if (value !== undefined) names.push(value);
    });
  });
  return [...new Set(names)];
}

function filterArgument(fn: PythonFunction): SourceFilter['argument'] {
  const positional = fn.parameters.filter((p) => !p.startsWith('*') && p !== 'autoescape');
  if (positional.length < 2) return 'none';
  return fn.required >= 2 ? 'required' : 'optional';
}

interface Registered {
  readonly registration: Registration;
  readonly name: string;
  readonly definition: SyntaxNode | undefined;
  readonly functionName: string;
}

function toEntry(source: PythonSource, registered: Registered, library: { tags: SourceTag[]; filters: SourceFilter[] }): void {
  const { registration: r, name, definition } = registered;
  const fn = describe(source, definition, registered.functionName, r.at);
  if (r.method === 'filter') {
    library.filters.push({ name, ...fn, isSafe: isTrue(source, r.keywords.get('is_safe')), argument: filterArgument(fn) });
    return;
  }
  const stops = r.method === 'tag' && definition ? stopTags(source, definition) : [];
  const endName = literal(source, r.keywords.get('end_name'));
  const end = r.method === 'simple_block_tag' ? (endName ?? `end${name}`) : stops.find((s) => s.startsWith('end'));
  const middle = stops.filter((s) => s !== end);
  library.tags.push({
    name,
    kind: r.method as TagKind,
    ...fn,
    takesContext: isTrue(source, r.keywords.get('takes_context')),
    ...(end ? { end } : {}),
    ...(end && middle.length > 0 ? { middle } : {}),
  });
}

/** What one templatetags module registers, read statically. */
export function readLibrarySource(text: string): SourceLibrary {
  const source = new PythonSource(text);
  const registers = registerNames(source);
  const functions = new Map<string, SyntaxNode>();
  for (const statement of source.topLevelStatements()) {
    if (statement.name === 'FunctionDefinition') functions.set(source.textOf(statement.getChild('VariableName')!), statement);
  }
  const library = { tags: [] as SourceTag[], filters: [] as SourceFilter[] };
  for (const child of children(source.tree.topNode)) {
    if (child.name === 'DecoratedStatement') decorated(source, child, registers, library);
    else if (child.name === 'ExpressionStatement') called(source, child, registers, functions, library);
  }
  return library;
}

/** `@register.filter` and friends above a def. */
function decorated(source: PythonSource, statement: SyntaxNode, registers: Set<string>, library: { tags: SourceTag[]; filters: SourceFilter[] }): void {
  const definition = statement.getChild('FunctionDefinition') ?? undefined;
  if (!definition) return;
  const functionName = source.textOf(definition.getChild('VariableName')!);
  for (const decorator of statement.getChildren('Decorator')) {
    const r = registration(source, children(decorator).slice(1), registers, decorator.from);
    if (!r) continue;
    // Only tag() and filter() take the name first; inclusion_tag()'s first argument is its template.
    const positionalName = r.method === 'tag' || r.method === 'filter' ? literal(source, r.positional[0]) : undefined;
    const name = literal(source, r.keywords.get('name')) ?? positionalName ?? functionName;
    toEntry(source, { registration: r, name, definition, functionName }, library);
  }
}

/** `register.filter("name", function)`, `register.tag(function)`, `register.simple_tag(function, name="x")`. */
function called(
  source: PythonSource,
  statement: SyntaxNode,
  registers: Set<string>,
  functions: ReadonlyMap<string, SyntaxNode>,
  library: { tags: SourceTag[]; filters: SourceFilter[] },
): void {
  const call = statement.firstChild;
  const callee = call?.name === 'CallExpression' ? call.firstChild : null;
  if (!call || callee?.name !== 'MemberExpression') return;
  const r = registration(source, [...children(callee), call.getChild('ArgList')!], registers, call.from);
  if (!r) return;
  const named = literal(source, r.positional[0]);
  const functionNode = named !== undefined ? r.positional[1] : r.positional[0];
  const functionName = functionNode ? source.textOf(functionNode) : undefined;
  // `register.filter("name")` alone returns a decorator that is never applied: nothing is registered.
  if (!functionName) return;
  const name = literal(source, r.keywords.get('name')) ?? named ?? functionName.split('.').at(-1)!;
  toEntry(source, { registration: r, name, definition: functions.get(functionName), functionName }, library);
}
