import type { SyntaxNode } from '@lezer/common';
import { PythonSource, statementsOf } from '../syntax/python';
import { type CallArguments, type Expression, type ImportBinding, callArguments, definedName, dottedName, importBindings } from './syntax';
import type { FieldOptions, ModelField, Relation, RelationKind } from './types';

/** A base class as written, and what it names once imports are taken into account. */
export interface BaseReference {
  readonly text: string;
  /** Dotted path through the file's imports; a name the file does not import stays as it is. */
  readonly qualified: string;
  /** True when the name came in through an import statement. */
  readonly imported: boolean;
}

/** A top-level class of a models file, read without looking at any other class. */
export interface ClassDeclaration {
  readonly name: string;
  readonly file: string;
  readonly line: number;
  readonly bases: readonly BaseReference[];
  readonly fields: readonly ModelField[];
  /** Inherited fields the class removes with `name = None`. */
  readonly removed: readonly string[];
  /** Names the class body binds to a manager (`objects = BookManager()`, `QS.as_manager()`). */
  readonly managers: readonly string[];
  readonly abstract: boolean;
  readonly proxy: boolean;
  readonly errorLines: readonly number[];
}

export interface FileDeclarations {
  readonly file: string;
  readonly classes: readonly ClassDeclaration[];
  /** The names the file's top-level imports bind (what a package `__init__.py` re-exports). */
  readonly imports: readonly ImportBinding[];
  /** Syntax errors outside any class. */
  readonly errorLines: readonly number[];
}

// By suffix, so that third-party relations such as mptt's TreeForeignKey or sortedm2m's
// SortedManyToManyField count too.
const RELATION_SUFFIXES: readonly [string, RelationKind][] = [
  ['ForeignKey', 'foreign-key'],
  ['OneToOneField', 'one-to-one'],
  ['ManyToManyField', 'many-to-many'],
];

function relationKindOf(fieldClass: string): RelationKind | undefined {
  return RELATION_SUFFIXES.find(([suffix]) => fieldClass.endsWith(suffix))?.[1];
}

/** Reads the classes of one Python file, with their field declarations and Meta flags. */
export function readDeclarations(file: string, text: string): FileDeclarations {
  const source = new PythonSource(text);
  const bindings = source
    .topLevelStatements()
    .filter((statement) => statement.name === 'ImportStatement')
    .flatMap((statement) => importBindings(source, statement));
  const imports = new Map(bindings.map((binding) => [binding.local, binding]));
  const classes: ClassDeclaration[] = [];
  const statements = source.topLevelStatements();
  const errors = source.errorOffsets();
  const outside = new Set(errors);
  for (const statement of statements) {
    if (statement.name !== 'ClassDefinition') continue;
    const within = errors.filter((offset) => offset >= statement.from && offset <= statement.to);
    for (const offset of within) outside.delete(offset);
    const declaration = readClass(source, file, statement, imports, within);
    if (declaration) classes.push(declaration);
  }
  return { file, classes, imports: bindings, errorLines: linesOf(source, [...outside]) };
}

function readClass(
  source: PythonSource,
  file: string,
  definition: SyntaxNode,
  imports: ReadonlyMap<string, ImportBinding>,
  errorOffsets: readonly number[],
): ClassDeclaration | undefined {
  const name = definedName(source, definition);
  if (!name) return undefined;
  const body = definition.getChild('Body');
  const fields: ModelField[] = [];
  const removed: string[] = [];
  const managers: string[] = [];
  let meta = { abstract: false, proxy: false };
  for (const statement of body ? statementsOf(body) : []) {
    if (statement.name === 'AssignStatement') {
      const assignment = readAssignment(source, statement, imports);
      if (assignment && 'removed' in assignment) removed.push(assignment.removed);
      else if (assignment && 'manager' in assignment) managers.push(assignment.manager);
      else if (assignment) fields.push(assignment);
    } else if (statement.name === 'ClassDefinition' && definedName(source, statement) === 'Meta') {
      meta = readMeta(source, statement);
    }
  }
  return {
    name,
    file,
    line: source.lineAt(definition.from),
    bases: readBases(source, definition, imports),
    fields,
    removed,
    managers,
    ...meta,
    errorLines: linesOf(source, errorOffsets),
  };
}

function linesOf(source: PythonSource, offsets: readonly number[]): number[] {
  return [...new Set(offsets.map((offset) => source.lineAt(offset)))];
}

function readBases(source: PythonSource, definition: SyntaxNode, imports: ReadonlyMap<string, ImportBinding>): BaseReference[] {
  const argList = definition.getChild('ArgList');
  if (!argList) return [];
  // Keyword arguments such as `metaclass=` are not bases.
  return callArguments(source, argList)
    .positional.filter((base) => base.kind === 'name')
    .map((base) => qualify(base.value ?? base.text, imports));
}

/** Resolves the first segment of a dotted name through the file's imports. */
export function qualify(dotted: string, imports: ReadonlyMap<string, ImportBinding>): BaseReference {
  const [head, ...rest] = dotted.split('.');
  const binding = imports.get(head);
  if (!binding) return { text: dotted, qualified: dotted, imported: false };
  return { text: dotted, qualified: [binding.qualified, ...rest].join('.'), imported: true };
}

function assignmentTarget(source: PythonSource, statement: SyntaxNode): string | undefined {
  const target = statement.firstChild;
  if (target?.name !== 'VariableName') return undefined;
  // Only `name = value` and `name: T = value`; chained or unpacking assignments are not fields.
  let assignOps = 0;
  for (let part = target.nextSibling; part; part = part.nextSibling) if (part.name === 'AssignOp') assignOps++;
  return assignOps === 1 ? source.textOf(target) : undefined;
}

function readAssignment(
  source: PythonSource,
  statement: SyntaxNode,
  imports: ReadonlyMap<string, ImportBinding>,
): ModelField | { removed: string } | { manager: string } | undefined {
  const name = assignmentTarget(source, statement);
  const value = statement.lastChild;
  if (!name || !value) return undefined;
  // `name = None` takes away a field an abstract base declared.
  if (value.name === 'None') return { removed: name };
  if (value.name !== 'CallExpression') return undefined;
  if (isManagerCall(source, value)) return { manager: name };
  const callee = value.firstChild ? dottedName(source, value.firstChild) : undefined;
  const argList = value.getChild('ArgList');
  if (!callee || !argList) return undefined;
  // Through the imports, so that `Text(...)` after `import CharField as Text` is a CharField.
  const qualifiedClass = qualify(callee, imports).qualified;
  const fieldClass = qualifiedClass.split('.').pop() ?? qualifiedClass;
  if (!isFieldClassName(fieldClass)) return undefined;
  const args = callArguments(source, argList);
  const relationKind = GENERIC_FIELDS.has(fieldClass) ? undefined : relationKindOf(fieldClass);
  const relation = relationKind ? readRelation(relationKind, args) : undefined;
  // A field may be given another name than its attribute: Django, and DRF, know it by that one.
  const declaredName = args.keywords.get('name');
  return {
    name: declaredName?.kind === 'string' && declaredName.value ? declaredName.value : name,
    fieldClass,
    qualifiedClass,
    relation,
    options: readOptions(args, fieldClass),
    line: source.lineAt(statement.from),
    ...(GENERIC_FIELDS.has(fieldClass) ? { generic: true } : {}),
    ...(relation?.kind === 'one-to-one' && isTrue(args.keywords.get('parent_link')) ? { parentLink: true } : {}),
  };
}

// contenttypes' virtual fields: no column, nothing ModelSerializer can map.
const GENERIC_FIELDS = new Set(['GenericForeignKey', 'GenericRelation']);

/** Django field classes (and third-party ones) end in `Field`, apart from the `ForeignKey`s. */
function isFieldClassName(name: string): boolean {
  return name.endsWith('ForeignKey') || (name.endsWith('Field') && name !== 'Field') || GENERIC_FIELDS.has(name);
}

/** `Manager()`, `BookManager()`, `Manager.from_queryset(QS)()`, `QS.as_manager()`. */
function isManagerCall(source: PythonSource, call: SyntaxNode): boolean {
  const callee = call.firstChild;
  if (!callee) return false;
  if (callee.name === 'CallExpression') return isManagerCall(source, callee);
  const dotted = dottedName(source, callee);
  const last = dotted?.split('.').pop() ?? '';
  return last.endsWith('Manager') || last === 'as_manager' || last === 'from_queryset';
}

function isTrue(value: Expression | undefined): boolean {
  return value?.kind === 'boolean' && value.text === 'True';
}

function readRelation(kind: RelationKind, args: CallArguments): Relation {
  const to = args.keywords.get('to') ?? args.positional[0];
  const through = args.keywords.get('through');
  return {
    kind,
    target: to ? referenceText(to) : '',
    ...(through ? { through: referenceText(through) } : {}),
  };
}

function referenceText(value: Expression): string {
  return value.value ?? value.text;
}

// Fields Django makes non-editable unless told otherwise.
const NOT_EDITABLE_BY_DEFAULT = new Set(['BinaryField']);

function readOptions(args: CallArguments, fieldClass: string): FieldOptions {
  const flag = (key: string, fallback = false) => {
    const value = args.keywords.get(key);
    if (!value) return fallback;
    // Only a literal settles it; anything computed is taken as the common case.
    return value.kind === 'boolean' ? value.text === 'True' : fallback;
  };
  const maxLength = args.keywords.get('max_length');
  const relatedName = args.keywords.get('related_name');
  const defaultValue = args.keywords.get('default');
  const choices = args.keywords.get('choices');
  return {
    null: flag('null'),
    blank: flag('blank'),
    editable: flag('editable', !NOT_EDITABLE_BY_DEFAULT.has(fieldClass)),
    primaryKey: flag('primary_key'),
    unique: flag('unique'),
    autoNow: flag('auto_now'),
    autoNowAdd: flag('auto_now_add'),
    ...(defaultValue ? { default: defaultValue.text } : {}),
    ...(choices ? { choices: choices.text } : {}),
    ...(maxLength?.kind === 'number' ? { maxLength: Number(maxLength.text) } : {}),
    ...(relatedName?.kind === 'string' ? { relatedName: relatedName.value } : {}),
  };
}

function readMeta(source: PythonSource, meta: SyntaxNode): { abstract: boolean; proxy: boolean } {
  const flags = { abstract: false, proxy: false };
  const body = meta.getChild('Body');
  for (const statement of body ? statementsOf(body) : []) {
    if (statement.name !== 'AssignStatement') continue;
    const name = assignmentTarget(source, statement);
    const value = statement.lastChild;
    if ((name === 'abstract' || name === 'proxy') && value?.name === 'Boolean') {
      flags[name] = source.textOf(value) === 'True';
    }
  }
  return flags;
}
