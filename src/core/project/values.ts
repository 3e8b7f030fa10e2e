import path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import { children, stringValue } from '../syntax/python';

// A small, static reading of the Python expressions settings modules use for paths and lists:
// enough to follow BASE_DIR, os.path.join, pathlib and list concatenation without running anything.

/** What a settings expression evaluates to, as far as reading it statically can tell. */
export type Value =
  | { readonly kind: 'str'; readonly value: string }
  /** A pathlib.Path: `/` joins onto it and `.parent` climbs. */
  | { readonly kind: 'path'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** Mutable, as Python lists are: `append` and `+=` change the list every name bound to it sees. */
  | { readonly kind: 'list'; readonly items: Value[] }
  | { readonly kind: 'dict'; readonly entries: ReadonlyMap<string, Value> }
  | { readonly kind: 'unknown' };

export const UNKNOWN: Value = { kind: 'unknown' };

/** The names an expression can see, and the file it is written in (for `__file__`). */
export interface Scope {
  readonly names: ReadonlyMap<string, Value>;
  readonly file: string;
  readonly text: (node: SyntaxNode) => string;
}

/** A string or path value's text; undefined for anything else. */
export function textOf(value: Value | undefined): string | undefined {
  return value?.kind === 'str' || value?.kind === 'path' ? value.value : undefined;
}

/** The items of a list or tuple value; undefined for anything else. */
export function itemsOf(value: Value | undefined): Value[] | undefined {
  return value?.kind === 'list' ? value.items : undefined;
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', ',', ':']);

function operands(node: SyntaxNode): SyntaxNode[] {
  return children(node).filter((child) => !PUNCTUATION.has(child.name) && !child.type.isError);
}

export function evaluate(node: SyntaxNode | null | undefined, scope: Scope): Value {
  if (!node) return UNKNOWN;
  switch (node.name) {
    case 'String':
    case 'ContinuedString':
      return stringLiteral(node, scope);
    case 'Boolean':
      return { kind: 'bool', value: scope.text(node) === 'True' };
    case 'VariableName':
      return variable(scope.text(node), scope);
    case 'ParenthesizedExpression': {
      const [inner] = operands(node);
      return evaluate(inner, scope);
    }
    case 'ArrayExpression':
    case 'TupleExpression':
      return { kind: 'list', items: operands(node).map((item) => evaluate(item, scope)) };
    case 'DictionaryExpression':
      return dictionary(node, scope);
    case 'BinaryExpression':
      return binary(node, scope);
    case 'MemberExpression':
      return member(node, scope);
    case 'CallExpression':
      return call(node, scope);
    default:
      return UNKNOWN;
  }
}

function stringLiteral(node: SyntaxNode, scope: Scope): Value {
  const parts = node.name === 'String' ? [node] : node.getChildren('String');
  const values = parts.map((part) => stringValue(scope.text(part)));
  return values.every((value) => value !== undefined) ? { kind: 'str', value: values.join('') } : UNKNOWN;
}

function variable(name: string, scope: Scope): Value {
  if (name === '__file__') return { kind: 'str', value: scope.file };
  return scope.names.get(name) ?? UNKNOWN;
}

function dictionary(node: SyntaxNode, scope: Scope): Value {
  const entries = new Map<string, Value>();
  let key: string | undefined;
  let keyPosition = true;
  for (const child of children(node)) {
    if (child.name === '{' || child.name === ',') keyPosition = true;
    else if (child.name === ':') keyPosition = false;
    else if (child.name === '}' || child.type.isError) continue;
    else if (keyPosition) key = textOf(evaluate(child, scope));
    else if (key !== undefined) entries.set(key, evaluate(child, scope));
  }
  return { kind: 'dict', entries };
}

function binary(node: SyntaxNode, scope: Scope): Value {
  const [left, operator, right] = children(node);
  const op = operator ? scope.text(operator) : '';
  const a = evaluate(left, scope);
  const b = evaluate(right, scope);
  if (op === '+' && a.kind === 'list' && b.kind === 'list') return { kind: 'list', items: [...a.items, ...b.items] };
  if (op === '+' && a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value };
  if (op === '/' && a.kind === 'path' && textOf(b) !== undefined) return { kind: 'path', value: path.resolve(a.value, textOf(b) ?? '') };
  return UNKNOWN;
}

/** `x.parent`, and the dotted name of a callee such as `os.path.join`. */
function member(node: SyntaxNode, scope: Scope): Value {
  const [object, , property] = children(node);
  if (property?.name !== 'PropertyName') return UNKNOWN;
  const base = evaluate(object, scope);
  if (scope.text(property) === 'parent' && base.kind === 'path') return { kind: 'path', value: path.dirname(base.value) };
  return UNKNOWN;
}

/** `a.b.c` as written, for the callees we know; undefined for anything that is not a plain dotted name. */
function dottedName(node: SyntaxNode, scope: Scope): string | undefined {
  if (node.name === 'VariableName') return scope.text(node);
  if (node.name !== 'MemberExpression') return undefined;
  const [object, dot, property] = children(node);
  const head = object ? dottedName(object, scope) : undefined;
  return head !== undefined && dot?.name === '.' && property?.name === 'PropertyName' ? `${head}.${scope.text(property)}` : undefined;
}

// Functions of a path string that settings modules call on the way to BASE_DIR.
const PATH_FUNCTIONS: Record<string, (args: string[]) => string | undefined> = {
  'os.path.join': (args) => (args.length > 0 ? path.resolve(...args) : undefined),
  'os.path.dirname': ([arg]) => (arg === undefined ? undefined : path.dirname(arg)),
  'os.path.abspath': ([arg]) => arg && path.resolve(arg),
  'os.path.realpath': ([arg]) => arg && path.resolve(arg),
  'os.path.normpath': ([arg]) => arg && path.normalize(arg),
  str: ([arg]) => arg,
};

// Methods of a Path that keep it the same place.
const PATH_IDENTITY_METHODS = new Set(['resolve', 'absolute', 'expanduser']);

function call(node: SyntaxNode, scope: Scope): Value {
  const [callee, argList] = children(node);
  if (!callee || argList?.name !== 'ArgList') return UNKNOWN;
  const args = operands(argList).map((arg) => evaluate(arg, scope));
  const name = dottedName(callee, scope);
  const texts = args.map(textOf);
  const allText = texts.every((text) => text !== undefined);
  if (name && name in PATH_FUNCTIONS && allText) {
    const result = PATH_FUNCTIONS[name](texts as string[]);
    return result === undefined ? UNKNOWN : { kind: 'str', value: result };
  }
  if ((name === 'Path' || name === 'pathlib.Path' || name === 'PurePath') && allText && texts.length > 0) {
    return { kind: 'path', value: path.resolve(...(texts as string[])) };
  }
  if ((name === 'list' || name === 'tuple') && args[0]?.kind === 'list') return { kind: 'list', items: [...args[0].items] };
  if (callee.name === 'MemberExpression') return method(callee, args, scope);
  return UNKNOWN;
}

function method(callee: SyntaxNode, args: readonly Value[], scope: Scope): Value {
  const [object, , property] = children(callee);
  if (!object || property?.name !== 'PropertyName') return UNKNOWN;
  const base = evaluate(object, scope);
  const methodName = scope.text(property);
  if (base.kind !== 'path') return UNKNOWN;
  if (PATH_IDENTITY_METHODS.has(methodName)) return base;
  const texts = args.map(textOf);
  if (methodName === 'joinpath' && texts.every((text) => text !== undefined)) {
    return { kind: 'path', value: path.resolve(base.value, ...(texts as string[])) };
  }
  return UNKNOWN;
}
