import type { SyntaxNode } from '@lezer/common';
import { stringValue } from '../syntax/python';

// What a settings expression evaluates to, worked out from its syntax alone: literals, the
// `timedelta(...)` SimpleJWT's lifetimes are written with, plain names, and the usual ways of
// reading the environment. Nothing here runs the settings module.

export type StaticValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'none' }
  | { readonly kind: 'duration'; readonly seconds: number }
  /** `env("X")`, `os.environ["X"]`, `os.getenv("X", default)`, `config("X")`…: found in a `.env` file, if anywhere. */
  | { readonly kind: 'environment'; readonly variable: string; readonly fallback?: StaticValue; readonly text: string }
  | { readonly kind: 'unknown'; readonly text: string };

/** The module-level assignments a plain name may be followed to. */
export type ModuleValues = ReadonlyMap<string, SyntaxNode>;

const TIMEDELTA_SECONDS: Record<string, number> = { weeks: 604800, days: 86400, hours: 3600, minutes: 60, seconds: 1, milliseconds: 0.001, microseconds: 0.000001 };
/** Positional arguments of timedelta, in order. */
const TIMEDELTA_POSITIONAL = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];
/** Names a settings module reads the environment through: django-environ, python-decouple, os. */
const ENV_READERS = new Set(['env', 'config', 'os.getenv', 'os.environ.get', 'getenv', 'environ.get']);
const ENV_TYPED_READERS = /^env\.(str|int|bool|float)$/;
/** A chain of names this long is a cycle or worse; settings never need more than a hop or two. */
const MAX_NAME_HOPS = 8;

export function evaluate(node: SyntaxNode, source: string, module: ModuleValues, hops = 0): StaticValue {
  const text = source.slice(node.from, node.to);
  switch (node.name) {
    case 'String':
    case 'ContinuedString':
    case 'FormatString': {
      const value = literalString(node, source);
      return value === undefined ? { kind: 'unknown', text } : { kind: 'string', value };
    }
    case 'Number': {
      const value = Number(text.replace(/_/g, ''));
      return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'unknown', text };
    }
    case 'Boolean':
      return { kind: 'boolean', value: text === 'True' };
    case 'None':
      return { kind: 'none' };
    case 'ParenthesizedExpression': {
      const inner = node.firstChild?.nextSibling;
      return inner ? evaluate(inner, source, module, hops) : { kind: 'unknown', text };
    }
    case 'VariableName': {
      const target = module.get(text);
      return target && hops < MAX_NAME_HOPS ? evaluate(target, source, module, hops + 1) : { kind: 'unknown', text };
    }
    case 'BinaryExpression':
      return arithmetic(node, source, module, hops) ?? { kind: 'unknown', text };
    case 'CallExpression':
      return call(node, source, module, hops) ?? { kind: 'unknown', text };
    case 'MemberExpression':
      return environSubscript(node, source) ?? { kind: 'unknown', text };
    default:
      return { kind: 'unknown', text };
  }
}

function literalString(node: SyntaxNode, source: string): string | undefined {
  if (node.name === 'String') return stringValue(source.slice(node.from, node.to));
  if (node.name !== 'ContinuedString') return undefined;
  const parts = node.getChildren('String').map((part) => stringValue(source.slice(part.from, part.to)));
  return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
}

/** `60 * 5`, `timedelta(hours=1) + timedelta(minutes=30)`, `2 * timedelta(days=1)`. */
function arithmetic(node: SyntaxNode, source: string, module: ModuleValues, hops: number): StaticValue | undefined {
  const left = node.firstChild;
  const operator = left?.nextSibling;
  const right = operator?.nextSibling;
  if (!left || !operator || !right) return undefined;
  const a = evaluate(left, source, module, hops);
  const b = evaluate(right, source, module, hops);
  const op = source.slice(operator.from, operator.to);
  const amount = (value: StaticValue) => (value.kind === 'number' ? value.value : value.kind === 'duration' ? value.seconds : undefined);
  const x = amount(a);
  const y = amount(b);
  if (x === undefined || y === undefined) return undefined;
  const isDuration = a.kind === 'duration' || b.kind === 'duration';
  let result: number;
  if (op === '+') result = x + y;
  else if (op === '-') result = x - y;
  else if (op === '*' && !(a.kind === 'duration' && b.kind === 'duration')) result = x * y;
  else return undefined;
  return isDuration ? { kind: 'duration', seconds: result } : { kind: 'number', value: result };
}

function call(node: SyntaxNode, source: string, module: ModuleValues, hops: number): StaticValue | undefined {
  const callee = node.firstChild;
  const args = node.getChild('ArgList');
  if (!callee || !args) return undefined;
  const name = source.slice(callee.from, callee.to).replace(/\s+/g, '');
  const { positional, keyword } = argumentsOf(args, source);
  if (name === 'timedelta' || name === 'datetime.timedelta') return timedelta(positional, keyword, source, module, hops);
  if (ENV_READERS.has(name) || ENV_TYPED_READERS.test(name)) {
    const variable = positional[0] ? evaluate(positional[0], source, module, hops) : undefined;
    if (variable?.kind !== 'string') return undefined;
    const fallbackNode = positional[1] ?? keyword.get('default');
    const fallback = fallbackNode ? evaluate(fallbackNode, source, module, hops) : undefined;
    return { kind: 'environment', variable: variable.value, fallback, text: source.slice(node.from, node.to) };
  }
  return undefined;
}

function timedelta(positional: SyntaxNode[], keyword: Map<string, SyntaxNode>, source: string, module: ModuleValues, hops: number): StaticValue | undefined {
  let seconds = 0;
  const parts: [string, SyntaxNode][] = [...positional.map((node, index): [string, SyntaxNode] => [TIMEDELTA_POSITIONAL[index] ?? '', node]), ...keyword];
  for (const [unit, node] of parts) {
    const value = evaluate(node, source, module, hops);
    if (!(unit in TIMEDELTA_SECONDS) || value.kind !== 'number') return undefined;
    seconds += value.value * TIMEDELTA_SECONDS[unit];
  }
  return { kind: 'duration', seconds };
}

/** `os.environ["X"]`: the only subscript read here. */
function environSubscript(node: SyntaxNode, source: string): StaticValue | undefined {
  const object = node.firstChild;
  const key = node.getChild('String');
  if (!object || !key || !node.getChild('[')) return undefined;
  const objectText = source.slice(object.from, object.to).replace(/\s+/g, '');
  if (objectText !== 'os.environ' && objectText !== 'environ') return undefined;
  const variable = stringValue(source.slice(key.from, key.to));
  return variable === undefined ? undefined : { kind: 'environment', variable, text: source.slice(node.from, node.to) };
}

function argumentsOf(args: SyntaxNode, source: string): { positional: SyntaxNode[]; keyword: Map<string, SyntaxNode> } {
  const positional: SyntaxNode[] = [];
  const keyword = new Map<string, SyntaxNode>();
  let pendingName: string | undefined;
  for (let child = args.firstChild; child; child = child.nextSibling) {
    if (child.name === '(' || child.name === ')' || child.name === ',') continue;
    if (child.name === 'VariableName' && child.nextSibling?.name === 'AssignOp') {
      pendingName = source.slice(child.from, child.to);
      continue;
    }
    if (child.name === 'AssignOp') continue;
    if (pendingName !== undefined) {
      keyword.set(pendingName, child);
      pendingName = undefined;
    } else positional.push(child);
  }
  return { positional, keyword };
}
