import type { SyntaxNode } from '@lezer/common';
import * as l10n from '@vscode/l10n';
import { type ImportBinding, definedName, dottedName, importBindings } from '../models/syntax';
import { PythonSource, children } from '../syntax/python';
import {
  type GeneratedModule,
  type PythonBlock,
  type PythonImport,
  type UrlPattern,
  isClassBlock,
  renderImports,
  renderModule,
  renderUrlpatterns,
} from './python';

/** Text to insert at an offset of the original file; insertions never remove anything. */
export interface Insertion {
  readonly offset: number;
  readonly text: string;
}

export interface Merge {
  /** The file with every insertion applied. */
  readonly text: string;
  /** Offsets refer to the original text; apply them all at once. */
  readonly insertions: readonly Insertion[];
  /** Classes, statements and url entries added. */
  readonly added: readonly string[];
  /** Those the file already had, left as they are. */
  readonly kept: readonly string[];
}

/** The existing file cannot be merged into safely; nothing is changed. */
export class MergeError extends Error {}

/**
 * Adds to an existing file only what it lacks of a generated module: missing import names,
 * classes, router registrations and url entries. The user's code is never rewritten or moved.
 */
export function mergeModule(existing: string, module: GeneratedModule): Merge {
  if (existing.trim() === '') {
    const insertions = [{ offset: 0, text: renderModule(module) }];
    return { text: applyInsertions(existing, insertions), insertions, added: everyKey(module), kept: [] };
  }
  const file = new ExistingFile(existing);
  const errors = file.source.errorLines();
  if (errors.length > 0) {
    throw new MergeError(l10n.t('{0} has a syntax error on line {1}; fix it first, nothing was changed', module.fileName, errors[0]));
  }
  const added: string[] = [];
  const kept: string[] = [];
  const sort = (present: boolean, key: string) => (present ? kept : added).push(key);
  const missingBlocks = module.blocks.filter((block) => {
    const present = block.kind === 'definition' ? file.binds(block.key) : file.mentions(block.key);
    sort(present, block.key);
    return !present;
  });
  const missingPatterns = (module.urlpatterns ?? []).filter((pattern) => {
    const present = file.mentions(pattern.key);
    sort(present, pattern.key);
    return !present;
  });
  const insertions = [
    ...importInsertions(file, module.imports),
    ...blockInsertions(file, missingBlocks),
    ...urlpatternInsertions(file, missingPatterns),
  ].map((insertion) => withLineEndingsOf(existing, insertion));
  return { text: applyInsertions(existing, insertions), insertions, added, kept };
}

/** Windows line endings stay Windows line endings. */
function withLineEndingsOf(existing: string, insertion: Insertion): Insertion {
  return existing.includes('\r\n') ? { ...insertion, text: insertion.text.replace(/\r?\n/g, '\r\n') } : insertion;
}

function everyKey(module: GeneratedModule): string[] {
  return [...module.blocks.map((b) => b.key), ...(module.urlpatterns ?? []).map((p) => p.key)];
}

/** The classes a Python file defines at top level (those the parser can make out, when it has errors). */
export function topLevelClassNames(text: string): Set<string> {
  const source = new PythonSource(text);
  const names = new Set<string>();
  for (const statement of source.topLevelStatements()) {
    const name = statement.name === 'ClassDefinition' ? definedName(source, statement) : undefined;
    if (name) names.add(name);
  }
  return names;
}

export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  // Stable for equal offsets: earlier insertions stay first.
  const ordered = insertions.map((insertion, index) => ({ insertion, index }));
  ordered.sort((a, b) => b.insertion.offset - a.insertion.offset || b.index - a.index);
  let result = text;
  for (const { insertion } of ordered) result = result.slice(0, insertion.offset) + insertion.text + result.slice(insertion.offset);
  return result;
}

interface ImportStatement {
  readonly node: SyntaxNode;
  readonly bindings: readonly ImportBinding[];
}

/** What the merge needs to know about the file already on disk. */
class ExistingFile {
  readonly source: PythonSource;
  readonly imports: ImportStatement[] = [];
  private readonly bound = new Set<string>();
  private readonly starModules = new Set<string>();
  private readonly mentioned = new Set<string>();
  readonly statements: SyntaxNode[];

  constructor(text: string) {
    this.source = new PythonSource(text);
    this.statements = this.source.topLevelStatements();
    for (const statement of this.statements) this.recordBindings(statement);
    this.source.tree.topNode.cursor().iterate((ref) => {
      if (ref.name !== 'VariableName' && ref.name !== 'MemberExpression') return;
      const dotted = dottedName(this.source, ref.node);
      if (dotted) this.mentioned.add(dotted);
      if (dotted && ref.name === 'MemberExpression') this.mentioned.add(dotted.split('.').pop() ?? '');
    });
  }

  private recordBindings(statement: SyntaxNode): void {
    if (statement.name === 'ImportStatement') {
      const bindings = importBindings(this.source, statement);
      this.imports.push({ node: statement, bindings });
      for (const binding of bindings) {
        if (binding.local === '*') this.starModules.add(binding.module);
        else this.bound.add(binding.local);
      }
    } else if (statement.name === 'ClassDefinition' || statement.name === 'FunctionDefinition') {
      const name = definedName(this.source, statement);
      if (name) this.bound.add(name);
    } else if (statement.name === 'AssignStatement' && statement.firstChild?.name === 'VariableName') {
      this.bound.add(this.source.textOf(statement.firstChild));
    }
  }

  binds(name: string, module?: string): boolean {
    return this.bound.has(name) || (module !== undefined && this.starModules.has(module));
  }

  mentions(name: string): boolean {
    return this.mentioned.has(name);
  }

  /** The `urlpatterns = ...` statement, if the file has one. */
  urlpatterns(): SyntaxNode | undefined {
    return this.statements.find(
      (s) => s.name === 'AssignStatement' && s.firstChild?.name === 'VariableName' && this.source.textOf(s.firstChild) === 'urlpatterns',
    );
  }

  /** Where new import lines go: after the last top-level import, else after the module docstring. */
  importAnchor(): { offset: number; afterImport: boolean } {
    const last = this.imports[this.imports.length - 1];
    if (last) return { offset: last.node.to, afterImport: true };
    const first = this.statements[0];
    const docstring = first?.name === 'ExpressionStatement' && first.firstChild?.name === 'String';
    return { offset: docstring ? first.to : 0, afterImport: docstring };
  }
}

function importInsertions(file: ExistingFile, imports: readonly PythonImport[]): Insertion[] {
  const insertions: Insertion[] = [];
  const newLines: PythonImport[] = [];
  for (const entry of imports) {
    const missing = entry.names.filter((name) => !file.binds(name, entry.module));
    if (missing.length === 0) continue;
    const statement = file.imports.find((i) => i.bindings.length > 0 && i.bindings.every((b) => b.module === entry.module && b.local !== '*'));
    const lastName = statement && lastImportedName(statement.node);
    if (statement && lastName && isFromImport(statement.node)) {
      insertions.push({ offset: lastName.to, text: `, ${missing.join(', ')}` });
    } else {
      newLines.push({ module: entry.module, names: missing });
    }
  }
  if (newLines.length > 0) {
    const anchor = file.importAnchor();
    const block = renderImports(newLines);
    insertions.push({ offset: anchor.offset, text: anchor.afterImport ? `\n${block}` : `${block}\n\n` });
  }
  return insertions;
}

function isFromImport(statement: SyntaxNode): boolean {
  return statement.firstChild?.name === 'from';
}

function lastImportedName(statement: SyntaxNode): SyntaxNode | undefined {
  return children(statement)
    .filter((part) => part.name === 'VariableName')
    .pop();
}

function blockInsertions(file: ExistingFile, blocks: readonly PythonBlock[]): Insertion[] {
  const end = file.source.text.length;
  const separator = file.source.text.endsWith('\n') ? '' : '\n';
  const classes = blocks.filter(isClassBlock);
  const statements = blocks.filter((b) => !isClassBlock(b));
  const insertions: Insertion[] = [];
  if (classes.length > 0) insertions.push({ offset: end, text: `${separator}${classes.map((b) => `\n\n${b.code}\n`).join('')}` });
  if (statements.length > 0) {
    // Registrations must run before `urlpatterns` reads `router.urls`.
    const urlpatterns = file.urlpatterns();
    const code = statements.map((b) => `${b.code}\n`).join('');
    insertions.push(urlpatterns ? { offset: urlpatterns.from, text: `${code}\n` } : { offset: end, text: `${separator}\n${code}` });
  }
  return insertions;
}

function urlpatternInsertions(file: ExistingFile, patterns: readonly UrlPattern[]): Insertion[] {
  if (patterns.length === 0) return [];
  const end = file.source.text.length;
  const separator = file.source.text.endsWith('\n') ? '' : '\n';
  const statement = file.urlpatterns();
  if (!statement) return [{ offset: end, text: `${separator}\n${renderUrlpatterns(patterns)}\n` }];
  const list = statement.lastChild;
  if (list?.name !== 'ArrayExpression') {
    return [{ offset: end, text: `${separator}\n${renderUrlpatterns(patterns, 'urlpatterns +=')}\n` }];
  }
  return [listInsertion(file.source, list, patterns.map((p) => p.code))];
}

/** New items at the end of a list literal, one a line, keeping its trailing-comma style. */
function listInsertion(source: PythonSource, list: SyntaxNode, items: readonly string[]): Insertion {
  const elements = children(list).filter((part) => !['[', ']', ','].includes(part.name));
  const last = elements[elements.length - 1];
  const lines = items.map((item) => `\n    ${item},`).join('');
  if (!last) return { offset: list.from + 1, text: `${lines}\n` };
  const closing = list.lastChild;
  const between = source.text.slice(last.to, closing?.from ?? list.to);
  const comma = between.indexOf(',');
  return comma >= 0 ? { offset: last.to + comma + 1, text: lines } : { offset: last.to, text: `,${lines}` };
}
