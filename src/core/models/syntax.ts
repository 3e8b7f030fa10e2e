import type { SyntaxNode } from '@lezer/common';
import { type PythonSource, children, stringValue } from '../syntax/python';

/** The name a class or function definition introduces. */
export function definedName(source: PythonSource, definition: SyntaxNode): string | undefined {
  const name = definition.getChild('VariableName');
  return name ? source.textOf(name) : undefined;
}

/** `a.b.c` for a name or a chain of attribute accesses; undefined for anything else. */
export function dottedName(source: PythonSource, node: SyntaxNode): string | undefined {
  if (node.name === 'VariableName') return source.textOf(node);
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = node.getChild('PropertyName');
  if (!object || !property) return undefined;
  const head = dottedName(source, object);
  return head === undefined ? undefined : `${head}.${source.textOf(property)}`;
}

/** One `from M import x as y` or `import a.b as c` binding. */
export interface ImportBinding {
  /** The name the import binds in the module, or `*`. */
  readonly local: string;
  /** What the name stands for, as a dotted path; relative modules keep their leading dots. */
  readonly qualified: string;
  readonly module: string;
}

/** The bindings of one import statement. */
export function importBindings(source: PythonSource, statement: SyntaxNode): ImportBinding[] {
  const parts = children(statement);
  if (parts[0]?.name === 'from') return fromImportBindings(source, parts);
  return plainImportBindings(source, parts.slice(1));
}

function fromImportBindings(source: PythonSource, parts: SyntaxNode[]): ImportBinding[] {
  const importAt = parts.findIndex((part) => part.name === 'import');
  const module = parts.slice(1, importAt).map((part) => source.textOf(part)).join('');
  const bindings: ImportBinding[] = [];
  const join = (name: string) => (module.endsWith('.') ? `${module}${name}` : `${module}.${name}`);
  for (let i = importAt + 1; i < parts.length; i++) {
    const part = parts[i];
    if (part.name === '*') bindings.push({ local: '*', qualified: join('*'), module });
    if (part.name !== 'VariableName') continue;
    const name = source.textOf(part);
    if (parts[i + 1]?.name === 'as' && parts[i + 2]?.name === 'VariableName') {
      bindings.push({ local: source.textOf(parts[i + 2]), qualified: join(name), module });
      i += 2;
    } else {
      bindings.push({ local: name, qualified: join(name), module });
    }
  }
  return bindings;
}

function plainImportBindings(source: PythonSource, parts: SyntaxNode[]): ImportBinding[] {
  const bindings: ImportBinding[] = [];
  let dotted: string[] = [];
  let alias: string | undefined;
  let expectAlias = false;
  const flush = () => {
    if (dotted.length === 0) return;
    const qualified = dotted.join('.');
    // `import a.b` binds `a`; `import a.b as c` binds `c` to `a.b`.
    bindings.push(alias ? { local: alias, qualified, module: qualified } : { local: dotted[0], qualified: dotted[0], module: qualified });
    dotted = [];
    alias = undefined;
  };
  for (const part of parts) {
    if (part.name === ',') flush();
    else if (part.name === 'as') expectAlias = true;
    else if (part.name === 'VariableName') {
      if (expectAlias) alias = source.textOf(part);
      else dotted.push(source.textOf(part));
      expectAlias = false;
    }
  }
  flush();
  return bindings;
}

/** A literal or name in an argument list, reduced to what the readers need. */
export interface Expression {
  readonly kind: 'string' | 'boolean' | 'number' | 'none' | 'name' | 'other';
  readonly text: string;
  /** For str literals: the value; for names: the dotted name. */
  readonly value?: string;
}

export interface CallArguments {
  readonly positional: Expression[];
  readonly keywords: Map<string, Expression>;
  /** True when `*args` or `**kwargs` may hide more arguments. */
  readonly unpacked: boolean;
}

export function callArguments(source: PythonSource, argList: SyntaxNode): CallArguments {
  const positional: Expression[] = [];
  const keywords = new Map<string, Expression>();
  let unpacked = false;
  const parts = children(argList).filter((part) => !['(', ')', ','].includes(part.name) && !part.type.isError);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.name === '*' || part.name === '**') {
      unpacked = true;
      i++;
    } else if (part.name === 'VariableName' && parts[i + 1]?.name === 'AssignOp' && parts[i + 2]) {
      keywords.set(source.textOf(part), expression(source, parts[i + 2]));
      i += 2;
    } else {
      positional.push(expression(source, part));
    }
  }
  return { positional, keywords, unpacked };
}

export function expression(source: PythonSource, node: SyntaxNode): Expression {
  const text = source.textOf(node);
  switch (node.name) {
    case 'String':
      return { kind: 'string', text, value: stringValue(text) };
    case 'Boolean':
      return { kind: 'boolean', text };
    case 'Number':
      return { kind: 'number', text };
    case 'None':
      return { kind: 'none', text };
    case 'VariableName':
    case 'MemberExpression': {
      const dotted = dottedName(source, node);
      return dotted === undefined ? { kind: 'other', text } : { kind: 'name', text, value: dotted };
    }
    default:
      return { kind: 'other', text };
  }
}
