import path from 'node:path';
import type { SyntaxNode } from '@lezer/common';
import { children, PythonSource } from '../syntax/python';
import { evaluate, itemsOf, type Scope, UNKNOWN, type Value } from './values';

// Reads a settings module the way Python would run its top level, statically: assignments, `+=`,
// list appends and star-imports (split settings). Each module has its own names and is read once,
// as Python imports it once; a star-import copies the public names. Anything that cannot be
// evaluated becomes unknown instead of stopping the reading.

export interface SettingsReading {
  readonly names: ReadonlyMap<string, Value>;
  /** Every file read, in reading order: the module, then what it star-imports where it does. */
  readonly files: readonly string[];
  readonly problems: readonly string[];
}

export interface SettingsReader {
  readonly read: (file: string) => string | undefined;
  /** The file of an absolute dotted module, or null. */
  readonly moduleFile: (dotted: string) => string | null;
  /** How a file is named in a problem (relative to the project root). */
  readonly display: (file: string) => string;
}

export function readSettings(file: string, reader: SettingsReader): SettingsReading {
  const run = new SettingsRun(reader);
  const names = run.module(file);
  return { names, files: [...run.modules.keys()], problems: run.problems };
}

interface ModuleScope extends Scope {
  readonly names: Map<string, Value>;
}

class SettingsRun {
  /** The names of each module read, by file, in reading order. */
  readonly modules = new Map<string, Map<string, Value>>();
  readonly problems: string[] = [];

  constructor(private readonly reader: SettingsReader) {}

  module(file: string): Map<string, Value> {
    const known = this.modules.get(file);
    if (known) return known;
    const names = new Map<string, Value>();
    this.modules.set(file, names);
    const text = this.reader.read(file);
    if (text === undefined) {
      this.problems.push(`cannot read ${this.reader.display(file)}`);
      return names;
    }
    const source = new PythonSource(text);
    const errors = source.errorLines();
    if (errors.length > 0) {
      this.problems.push(`${this.reader.display(file)} has a syntax error at line ${errors[0]}; what parses was read`);
    }
    this.block(source.tree.topNode, { names, file, text: (node) => source.textOf(node) });
    return names;
  }

  private block(block: SyntaxNode, scope: ModuleScope): void {
    for (const statement of children(block)) this.statement(statement, scope);
  }

  private statement(node: SyntaxNode, scope: ModuleScope): void {
    switch (node.name) {
      case 'AssignStatement':
        return this.assign(node, scope);
      case 'UpdateStatement':
        return this.update(node, scope);
      case 'ExpressionStatement':
        return this.listMethod(node, scope);
      case 'ImportStatement':
        return this.starImport(node, scope);
      case 'TryStatement': {
        const body = node.getChild('Body');
        if (body) this.block(body, scope);
        return;
      }
      case 'IfStatement':
        return this.ifStatement(node, scope);
    }
  }

  /** `A = B = value`; targets that are not plain names (subscripts, tuples) are left alone. */
  private assign(node: SyntaxNode, scope: ModuleScope): void {
    const parts = children(node);
    const lastOp = parts.map((part) => part.name).lastIndexOf('AssignOp');
    if (lastOp < 0) return;
    const value = evaluate(parts[lastOp + 1], scope);
    for (const target of parts.slice(0, lastOp)) {
      if (target.name === 'VariableName') scope.names.set(scope.text(target), value);
    }
  }

  /** `NAME += value` extends a list in place, as Python does, so star-importers see the change. */
  private update(node: SyntaxNode, scope: ModuleScope): void {
    const [target, operator, valueNode] = children(node);
    if (target?.name !== 'VariableName' || !operator) return;
    const name = scope.text(target);
    const before = itemsOf(scope.names.get(name));
    const added = itemsOf(evaluate(valueNode, scope));
    if (scope.text(operator) === '+=' && before && added) before.push(...added);
    else scope.names.set(name, UNKNOWN);
  }

  /** `NAME.append(x)`, `NAME.extend([...])`, `NAME.insert(i, x)` on a known list. */
  private listMethod(node: SyntaxNode, scope: ModuleScope): void {
    const callNode = node.firstChild;
    if (callNode?.name !== 'CallExpression') return;
    const [callee, argList] = children(callNode);
    const [object, , property] = callee?.name === 'MemberExpression' ? children(callee) : [];
    if (object?.name !== 'VariableName' || property?.name !== 'PropertyName' || !argList) return;
    const name = scope.text(object);
    const items = itemsOf(scope.names.get(name));
    if (!items) return;
    const args = children(argList).filter((child) => !['(', ')', ','].includes(child.name));
    const method = scope.text(property);
    if (method === 'append' && args.length === 1) items.push(evaluate(args[0], scope));
    else if (method === 'extend' && args.length === 1) {
      const added = itemsOf(evaluate(args[0], scope));
      if (added) items.push(...added);
      else scope.names.set(name, UNKNOWN);
    } else if (method === 'insert' && args.length === 2) {
      const index = Number(scope.text(args[0]));
      if (Number.isInteger(index)) items.splice(index < 0 ? Math.max(0, items.length + index) : index, 0, evaluate(args[1], scope));
      else scope.names.set(name, UNKNOWN);
    }
  }

  /** `from .base import *` or `from project.settings.base import *`: read that module into the same names. */
  private starImport(node: SyntaxNode, scope: ModuleScope): void {
    const parts = children(node);
    if (parts[0]?.name !== 'from' || parts.at(-1)?.name !== '*') return;
    const importAt = parts.findIndex((part) => part.name === 'import');
    const written = parts.slice(1, importAt).map((part) => scope.text(part)).join('');
    const target = this.moduleOf(written, scope.file);
    if (target) {
      for (const [name, value] of this.module(target)) if (!name.startsWith('_')) scope.names.set(name, value);
    } else this.problems.push(`${this.reader.display(scope.file)} star-imports ${written}, which was not found`);
  }

  private moduleOf(written: string, importer: string): string | null {
    const dots = written.length - written.replace(/^\.+/, '').length;
    if (dots === 0) return this.reader.moduleFile(written);
    let folder = path.dirname(importer);
    for (let level = 1; level < dots; level++) folder = path.dirname(folder);
    const rest = written.slice(dots).split('.').filter((part) => part !== '');
    const base = path.join(folder, ...rest);
    const candidates = rest.length === 0 ? [path.join(base, '__init__.py')] : [`${base}.py`, path.join(base, '__init__.py')];
    return candidates.find((candidate) => this.reader.read(candidate) !== undefined) ?? null;
  }

  /** Follows the branch whose condition reads as True; stops at a condition it cannot evaluate. */
  private ifStatement(node: SyntaxNode, scope: ModuleScope): void {
    const parts = children(node);
    for (let i = 0; i < parts.length; i++) {
      const keyword = parts[i].name;
      if (keyword === 'else') {
        const body = parts[i + 1];
        if (body?.name === 'Body') this.block(body, scope);
        return;
      }
      if (keyword !== 'if' && keyword !== 'elif') continue;
      const condition = evaluate(parts[i + 1], scope);
      if (condition.kind !== 'bool') return;
      if (condition.value) {
        const body = parts[i + 2];
        if (body?.name === 'Body') this.block(body, scope);
        return;
      }
    }
  }
}
