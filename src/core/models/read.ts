import * as l10n from '@vscode/l10n';
import { type BaseReference, type ClassDeclaration, type FileDeclarations, readDeclarations } from './declarations';
import type { DeclarationsCache } from './declarationsCache';
import type { DjangoModel, ModelField, ModelsReading, SourceFile } from './types';
import { MODEL_ROOTS, WELL_KNOWN_BASES, implicitPrimaryKey } from './wellKnown';

/** What a base class turned out to be. */
type BaseKind =
  | { kind: 'root' }
  | { kind: 'well-known'; name: string; fields: readonly ModelField[] }
  | { kind: 'local'; declaration: ClassDeclaration }
  | { kind: 'unknown'; reference: BaseReference };

/**
 * Reads the Django models of an app from its `models.py`, or from every file of a `models/`
 * package (pass them in import order). Inheritance is followed through the app's own classes and
 * Django's well-known abstract bases; anything else is reported in `warnings`. With a `cache`, a
 * file read before with the same text is not parsed again.
 */
export function readModels(files: readonly SourceFile[], cache?: DeclarationsCache): ModelsReading {
  const declarations = files.map((file) => cache?.read(file) ?? readDeclarations(file.path, file.text));
  const app = new AppClasses(declarations.flatMap((d) => d.classes), importModules(declarations));
  const warnings: string[] = [];
  for (const file of declarations) {
    for (const line of file.errorLines) warnings.push(l10n.t('{0}:{1}: syntax error; the code around it was skipped', file.file, line));
    for (const declaration of file.classes) {
      if (declaration.errorLines.length > 0) {
        const line = declaration.errorLines[0];
        warnings.push(l10n.t('{0}:{1}: syntax error in class {2}; its fields from line {1} on may be missing', file.file, line, declaration.name));
      }
    }
  }
  const models: DjangoModel[] = [];
  for (const declaration of app.all) {
    const unknown = app.unknownBases(declaration);
    const where = [declaration.file, declaration.line, declaration.name, unknown.map(describeBase).join(', ')];
    if (!app.isModel(declaration)) {
      // Named, so that a model built on another package's model is never dropped without a word.
      if (unknown.some(mayBeModel)) {
        warnings.push(l10n.t('{0}:{1}: {2} derives from {3}, which is not in this app, and declares no fields: it was not taken for a model, so it gets no serializer', ...where));
      }
      continue;
    }
    if (unknown.length > 0) {
      warnings.push(
        l10n.t('{0}:{1}: {2} derives from {3}, which is not in this app: the fields it adds, and its primary key, could not be read; add them to the serializer by hand', ...where),
      );
    }
    models.push(app.model(declaration));
  }
  return { models, warnings };
}

function describeBase(base: BaseReference): string {
  return `${base.text} (${base.qualified})`;
}

// Packages whose classes are no models: Django's own (its models are known, the rest are choices,
// managers, forms…), DRF's, and the standard library's enumerations, typing and abstract bases.
const NO_MODELS = new Set(['django', 'rest_framework', 'enum', 'typing', 'abc', 'collections', 'dataclasses']);

function mayBeModel(base: BaseReference): boolean {
  return !NO_MODELS.has(base.qualified.split('.')[0]);
}

const PATH_PARTS = /[\\/]/;

/**
 * Where generated code imports each class from. In a `models/` package, a class its `__init__.py`
 * does not re-export (by name or with `*`) is imported from the module that defines it.
 */
function importModules(files: readonly FileDeclarations[]): Map<ClassDeclaration, string> {
  const modules = new Map<ClassDeclaration, string>();
  const init = files.find((f) => isPackagePart(f.file) && f.file.split(PATH_PARTS).pop() === '__init__.py');
  for (const file of files) {
    const moduleName = file.file.split(PATH_PARTS).pop()?.replace(/\.py$/, '') ?? '';
    const reexported = (name: string) =>
      file === init ||
      init?.imports.some(
        (b) => (b.local === name && b.qualified.endsWith(`.${moduleName}.${name}`)) || (b.local === '*' && b.module.endsWith(`.${moduleName}`)),
      );
    for (const declaration of file.classes) {
      modules.set(declaration, init && isPackagePart(file.file) && !reexported(declaration.name) ? `.models.${moduleName}` : '.models');
    }
  }
  return modules;
}

function isPackagePart(file: string): boolean {
  return file.split(PATH_PARTS).at(-2) === 'models';
}

class AppClasses {
  private readonly byName = new Map<string, ClassDeclaration>();
  private readonly fieldCache = new Map<ClassDeclaration, readonly ModelField[]>();

  constructor(
    readonly all: readonly ClassDeclaration[],
    private readonly modules: ReadonlyMap<ClassDeclaration, string>,
  ) {
    for (const declaration of all) if (!this.byName.has(declaration.name)) this.byName.set(declaration.name, declaration);
  }

  baseKind(base: BaseReference): BaseKind {
    if (MODEL_ROOTS.has(base.qualified)) return { kind: 'root' };
    const wellKnown = WELL_KNOWN_BASES.get(base.qualified);
    if (wellKnown) return { kind: 'well-known', ...wellKnown };
    const local = this.localClass(base);
    return local ? { kind: 'local', declaration: local } : { kind: 'unknown', reference: base };
  }

  /** A base defined in this file, or brought in from a sibling module with a relative import. */
  private localClass(base: BaseReference): ClassDeclaration | undefined {
    if (!base.imported) return base.text.includes('.') ? undefined : this.byName.get(base.text);
    if (!base.qualified.startsWith('.')) return undefined;
    return this.byName.get(base.qualified.split('.').pop() ?? '');
  }

  isModel(declaration: ClassDeclaration, seen = new Set<ClassDeclaration>()): boolean {
    if (seen.has(declaration)) return false;
    seen.add(declaration);
    const kinds = declaration.bases.map((base) => this.baseKind(base));
    if (kinds.some((k) => k.kind === 'root' || k.kind === 'well-known')) return true;
    if (kinds.some((k) => k.kind === 'local' && this.isModel(k.declaration, seen))) return true;
    // A class built on a model base from elsewhere (a third-party package, another app) still
    // declares fields; without them it is more likely a manager, form or enumeration.
    return kinds.some((k) => k.kind === 'unknown') && declaration.fields.length > 0;
  }

  unknownBases(declaration: ClassDeclaration): BaseReference[] {
    return declaration.bases
      .map((base) => this.baseKind(base))
      .flatMap((k) => (k.kind === 'unknown' && k.reference.imported ? [k.reference] : []));
  }

  /** The concrete model a multi-table child or a proxy builds on, if any. */
  concreteParent(declaration: ClassDeclaration): ClassDeclaration | undefined {
    for (const base of declaration.bases) {
      const kind = this.baseKind(base);
      if (kind.kind === 'local' && !kind.declaration.abstract && this.isModel(kind.declaration)) return kind.declaration;
    }
    return undefined;
  }

  model(declaration: ClassDeclaration): DjangoModel {
    const fields = this.fields(declaration);
    const parent = this.concreteParent(declaration);
    const unread = this.unreadBases(declaration);
    return {
      name: declaration.name,
      file: declaration.file,
      line: declaration.line,
      abstract: declaration.abstract,
      proxy: declaration.proxy,
      ...(parent && !declaration.proxy ? { parent: parent.name } : {}),
      fields,
      pk: fields.find((f) => f.options.primaryKey)?.name,
      manager: this.manager(declaration, unread.length > 0),
      module: this.modules.get(declaration) ?? '.models',
      ...(unread.length > 0 ? { unreadBases: unread } : {}),
    };
  }

  /** Bases from outside the app anywhere up the model's local inheritance chain. */
  private unreadBases(declaration: ClassDeclaration, seen = new Set<ClassDeclaration>()): string[] {
    if (seen.has(declaration)) return [];
    seen.add(declaration);
    return declaration.bases.flatMap((base) => {
      const kind = this.baseKind(base);
      if (kind.kind === 'unknown') return [base.text];
      return kind.kind === 'local' ? this.unreadBases(kind.declaration, seen) : [];
    });
  }

  /**
   * `objects` when the model surely has it: declared, or added by Django because no class up the
   * chain declares a manager. Otherwise Django's `_default_manager`, which every model has.
   */
  private manager(declaration: ClassDeclaration, unreadBases: boolean): string {
    const declared = this.declaredManagers(declaration, new Set());
    if (declared.includes('objects')) return 'objects';
    return declared.length === 0 && !unreadBases ? 'objects' : '_default_manager';
  }

  private declaredManagers(declaration: ClassDeclaration, seen: Set<ClassDeclaration>): string[] {
    if (seen.has(declaration)) return [];
    seen.add(declaration);
    const inherited = declaration.bases.flatMap((base) => {
      const kind = this.baseKind(base);
      return kind.kind === 'local' ? this.declaredManagers(kind.declaration, seen) : [];
    });
    return [...declaration.managers, ...inherited];
  }

  /** Every field in model order: inherited ones first, base by base, then the class's own. */
  fields(declaration: ClassDeclaration, seen = new Set<ClassDeclaration>()): readonly ModelField[] {
    const cached = this.fieldCache.get(declaration);
    if (cached) return cached;
    if (seen.has(declaration)) return [];
    seen.add(declaration);
    let fields: ModelField[] = [];
    for (const base of declaration.bases) fields.push(...this.inheritedFields(base, seen));
    const dropped = new Set([...declaration.removed, ...declaration.fields.map((f) => f.name)]);
    fields = withoutDuplicates(fields).filter((f) => !dropped.has(f.name));
    // An explicit parent link is the child's key into its parent, like the implicit `<parent>_ptr`.
    fields.push(...declaration.fields.filter((f) => !f.parentLink));
    // A base that could not be read may declare the primary key itself: no `id` is invented then.
    const unreadBase = this.unreadBases(declaration).length > 0;
    if (!declaration.abstract && !unreadBase && !fields.some((f) => f.options.primaryKey)) fields.unshift(implicitPrimaryKey());
    this.fieldCache.set(declaration, fields);
    return fields;
  }

  private inheritedFields(base: BaseReference, seen: Set<ClassDeclaration>): ModelField[] {
    const kind = this.baseKind(base);
    if (kind.kind === 'well-known') return kind.fields.map((f) => ({ ...f, inheritedFrom: f.inheritedFrom ?? kind.name }));
    if (kind.kind !== 'local' || !this.isModel(kind.declaration)) return [];
    const from = kind.declaration.name;
    return this.fields(kind.declaration, seen).map((f) => ({ ...f, inheritedFrom: f.inheritedFrom ?? from }));
  }
}

/** Two bases may share a base of their own; Python's method resolution keeps the field once. */
function withoutDuplicates(fields: readonly ModelField[]): ModelField[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.name) && Boolean(seen.add(f.name)));
}
