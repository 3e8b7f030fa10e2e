// Where a view is defined: the `def` or `class` a URL's dotted view path names, for go to definition.
import { PythonSource, statementsOf } from '../syntax/python';

export interface SourcePlace {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
}

/**
 * The definition of `view` (`shop.views.OrderDetail`), and of its `method` inside a class when
 * given: the longest leading part that is a module names the file.
 */
export function viewDefinition(view: string, method: string | undefined, resolveModule: (dotted: string) => string | null, read: (file: string) => string | undefined): SourcePlace | undefined {
  const parts = view.split('.');
  for (let split = parts.length - 1; split > 0; split--) {
    const file = resolveModule(parts.slice(0, split).join('.'));
    if (file === null) continue;
    const text = read(file);
    if (text === undefined) return undefined;
    const source = new PythonSource(text);
    const names = method ? [...parts.slice(split), method] : parts.slice(split);
    return definitionIn(source, names, file) ?? (method ? definitionIn(source, parts.slice(split), file) : undefined);
  }
  return undefined;
}

/** Follows `Class.method` through nested class bodies; each step is a def or class by that name. */
function definitionIn(source: PythonSource, names: readonly string[], file: string): SourcePlace | undefined {
  let statements = source.topLevelStatements();
  let found: SourcePlace | undefined;
  for (const name of names) {
    const definition = statements.find((node) => (node.name === 'ClassDefinition' || node.name === 'FunctionDefinition') && source.textOf(node.getChild('VariableName') ?? node) === name);
    if (!definition) return undefined;
    found = { file, line: source.lineAt(definition.from) };
    const body = definition.getChild('Body');
    statements = body ? statementsOf(body) : [];
  }
  return found;
}
