import type { SyntaxNode } from '@lezer/common';
import { children, PythonSource } from '../syntax/python';
import { evaluate, type Scope, textOf, type Value } from './values';

// Reads AppConfig classes from an apps.py without importing it.

export interface AppConfigClass {
  readonly className: string;
  readonly name?: string;
  readonly label?: string;
  /** The class's `default` attribute when it is written as True or False. */
  readonly default?: boolean;
}

interface ClassInfo {
  readonly bases: readonly string[];
  readonly attributes: ReadonlyMap<string, Value>;
}

/** The AppConfig subclasses a module defines, with the attributes they set or inherit from the module's own classes. */
export function readAppConfigs(text: string, file: string): AppConfigClass[] {
  const source = new PythonSource(text);
  const classes = new Map<string, ClassInfo>();
  for (const statement of source.topLevelStatements()) {
    if (statement.name !== 'ClassDefinition') continue;
    const name = statement.getChild('VariableName');
    if (name) classes.set(source.textOf(name), classInfo(statement, source, file));
  }
  const isAppConfig = (className: string, seen = new Set<string>()): boolean => {
    const info = classes.get(className);
    if (!info || seen.has(className)) return false;
    seen.add(className);
    return info.bases.some((base) => base === 'AppConfig' || base.endsWith('.AppConfig') || isAppConfig(base, seen));
  };
  const attribute = (className: string, key: string, seen = new Set<string>()): Value | undefined => {
    const info = classes.get(className);
    if (!info || seen.has(className)) return undefined;
    seen.add(className);
    return info.attributes.get(key) ?? info.bases.map((base) => attribute(base, key, seen)).find((value) => value !== undefined);
  };
  return [...classes.keys()].filter((className) => isAppConfig(className)).map((className) => {
    const isDefault = attribute(className, 'default');
    return {
      className,
      name: textOf(attribute(className, 'name')),
      label: textOf(attribute(className, 'label')),
      default: isDefault?.kind === 'bool' ? isDefault.value : undefined,
    };
  });
}

function classInfo(definition: SyntaxNode, source: PythonSource, file: string): ClassInfo {
  const argList = definition.getChild('ArgList');
  const bases = argList ? children(argList).filter((arg) => arg.name === 'VariableName' || arg.name === 'MemberExpression').map((arg) => source.textOf(arg)) : [];
  const attributes = new Map<string, Value>();
  const scope: Scope = { names: attributes, file, text: (node) => source.textOf(node) };
  const body = definition.getChild('Body');
  for (const statement of body ? children(body) : []) {
    if (statement.name !== 'AssignStatement') continue;
    const [target, op, value] = children(statement);
    if (target?.name === 'VariableName' && op?.name === 'AssignOp') attributes.set(source.textOf(target), evaluate(value, scope));
  }
  return { bases, attributes };
}

/**
 * The AppConfig Django picks on its own for an app given by module name (Django 3.2 and later):
 * the only subclass that does not say `default = False`, else the one that says `default = True`.
 */
export function automaticAppConfig(configs: readonly AppConfigClass[]): AppConfigClass | undefined {
  const candidates = configs.filter((config) => config.default !== false);
  if (candidates.length === 1) return candidates[0];
  const defaults = configs.filter((config) => config.default === true);
  return defaults.length === 1 ? defaults[0] : undefined;
}
