import { compareVersions } from '../settings/defaults';
import type { VersionNotes } from '../settings/schema';
import { BUILTINS, type KnownFilter, type KnownLibrary, type KnownTag } from './knowledge';
import type { SourceFilter, SourceLibrary, SourceTag } from './library-source';

// Every tag and filter a template can use, and where each comes from: Django's knowledge (docs,
// block structure) merged with what the libraries' Python files register (names, functions).

/** Where a tag or filter is defined: in Django's knowledge only, or at a line of a Python file. */
export interface Origin {
  readonly module?: string;
  readonly file?: string;
  /** 1-based line of the function. */
  readonly line?: number;
}

export interface TagInfo {
  readonly name: string;
  /** BUILTINS, or the name to `{% load %}`. */
  readonly library: string;
  readonly signature: string;
  readonly end?: string;
  readonly middle?: readonly string[];
  /** False for a compile function whose end and middle tags could not be read. */
  readonly structureKnown: boolean;
  readonly explanation?: string;
  readonly example?: string;
  readonly versions?: VersionNotes;
  readonly docs?: string;
  readonly origin: Origin;
  /** How the tag parses its arguments: only simple tags and Django's own tags compile filters we can check. */
  readonly kind?: SourceTag['kind'];
}

export interface FilterInfo {
  readonly name: string;
  readonly library: string;
  readonly argument: 'none' | 'optional' | 'required';
  readonly argumentName?: string;
  readonly explanation?: string;
  readonly example?: string;
  readonly versions?: VersionNotes;
  readonly docs?: string;
  readonly origin: Origin;
}

export interface LibraryInfo {
  readonly name: string;
  readonly module?: string;
  readonly file?: string;
  readonly tags: ReadonlyMap<string, TagInfo>;
  readonly filters: ReadonlyMap<string, FilterInfo>;
}

/** A library's Python module, read from its file. */
export interface LibraryModule {
  /** BUILTINS for modules added to every template, else the load name. */
  readonly name: string;
  readonly module: string;
  readonly file: string;
  readonly source: SourceLibrary;
}

export interface VocabularyInput {
  readonly knowledge: readonly KnownLibrary[];
  /** The Django version, when an interpreter told it: knowledge entries outside it are left out. */
  readonly djangoVersion?: string;
  /**
   * Modules read from disk: Django's builtins (defaulttags, defaultfilters, loader_tags) and its
   * libraries when the installed Django is known, the apps' libraries, OPTIONS builtins. A
   * library read from disk lists exactly what its file registers; the knowledge only explains it.
   */
  readonly modules: readonly LibraryModule[];
  /**
   * False when some library or builtin cannot be read (an app whose folder is unknown): unknown
   * library names are then not reported, nor tags after loading one.
   */
  readonly complete: boolean;
  /** False when an OPTIONS builtin cannot be read: then no tag or filter can be called unknown. */
  readonly builtinsComplete: boolean;
}

export class Vocabulary {
  constructor(
    readonly builtins: LibraryInfo,
    readonly libraries: ReadonlyMap<string, LibraryInfo>,
    readonly complete: boolean,
    readonly builtinsComplete: boolean,
    readonly djangoVersion: string | undefined,
  ) {}

  /** Libraries that have a tag of this name, in name order. */
  librariesWithTag(name: string): LibraryInfo[] {
    return [...this.libraries.values()].filter((library) => library.tags.has(name)).sort((a, b) => a.name.localeCompare(b.name));
  }

  librariesWithFilter(name: string): LibraryInfo[] {
    return [...this.libraries.values()].filter((library) => library.filters.has(name)).sort((a, b) => a.name.localeCompare(b.name));
  }
}

function inVersion(versions: VersionNotes | undefined, version: string | undefined): boolean {
  if (version === undefined) return true;
  if (versions?.added && compareVersions(version, versions.added) < 0) return false;
  if (versions?.removed && compareVersions(version, versions.removed) >= 0) return false;
  return true;
}

function knownTagInfo(tag: KnownTag, library: KnownLibrary): TagInfo {
  return { ...tag, library: library.name, structureKnown: true, origin: library.module ? { module: library.module } : {} };
}

function knownFilterInfo(filter: KnownFilter, library: KnownLibrary): FilterInfo {
  return {
    name: filter.name,
    library: library.name,
    argument: filter.argument === undefined ? 'none' : filter.optional ? 'optional' : 'required',
    ...(filter.argument ? { argumentName: filter.argument } : {}),
    explanation: filter.explanation,
    example: filter.example,
    ...(filter.versions ? { versions: filter.versions } : {}),
    docs: filter.docs,
    origin: library.module ? { module: library.module } : {},
  };
}

function parameterList(parameters: readonly string[]): string {
  return parameters.join(' ');
}

/** A tag as its Python file defines it, explained by the knowledge when Django's docs describe it. */
function sourceTagInfo(tag: SourceTag, module: LibraryModule, known: KnownTag | undefined): TagInfo {
  const origin = { module: module.module, file: module.file, line: tag.line };
  if (known) return { ...known, library: module.name, structureKnown: true, origin, kind: tag.kind };
  const shown = tag.takesContext ? tag.parameters.slice(1) : tag.parameters;
  const signature = tag.kind === 'tag' ? `{% ${tag.name} … %}` : `{% ${[tag.name, parameterList(shown)].filter(Boolean).join(' ')} [as name] %}`;
  return {
    name: tag.name,
    library: module.name,
    signature: tag.end ? `${signature} … {% ${tag.end} %}` : signature,
    ...(tag.end ? { end: tag.end } : {}),
    ...(tag.middle ? { middle: tag.middle } : {}),
    structureKnown: tag.kind !== 'tag' || tag.end !== undefined,
    ...(tag.docstring ? { explanation: tag.docstring } : {}),
    origin,
    kind: tag.kind,
  };
}

function sourceFilterInfo(filter: SourceFilter, module: LibraryModule, known: KnownFilter | undefined): FilterInfo {
  const origin = { module: module.module, file: module.file, line: filter.line };
  if (known) return { ...knownFilterInfo(known, { name: module.name, tags: [], filters: [] }), argument: filter.argument, origin };
  const argumentName = filter.argument === 'none' ? undefined : filter.parameters[1]?.replace(/^\*+/, '');
  return {
    name: filter.name,
    library: module.name,
    argument: filter.argument,
    ...(argumentName ? { argumentName } : {}),
    ...(filter.docstring ? { explanation: filter.docstring } : {}),
    origin,
  };
}

interface MutableLibrary {
  name: string;
  module?: string;
  file?: string;
  tags: Map<string, TagInfo>;
  filters: Map<string, FilterInfo>;
}

function emptyLibrary(name: string, module?: string, file?: string): MutableLibrary {
  return { name, ...(module ? { module } : {}), ...(file ? { file } : {}), tags: new Map(), filters: new Map() };
}

/** Adds what a Python module registers; later registrations of a name win, as in Django. */
function addModule(target: MutableLibrary, module: LibraryModule, known: KnownLibrary | undefined): void {
  const knownTags = new Map(known?.tags.map((t) => [t.name, t]));
  const knownFilters = new Map(known?.filters.map((f) => [f.name, f]));
  for (const tag of module.source.tags) target.tags.set(tag.name, sourceTagInfo(tag, module, knownTags.get(tag.name)));
  for (const filter of module.source.filters) target.filters.set(filter.name, sourceFilterInfo(filter, module, knownFilters.get(filter.name)));
}

function fromKnowledge(known: KnownLibrary, version: string | undefined): MutableLibrary {
  const library = emptyLibrary(known.name, known.module);
  for (const tag of known.tags) if (inVersion(tag.versions, version)) library.tags.set(tag.name, knownTagInfo(tag, known));
  for (const filter of known.filters) if (inVersion(filter.versions, version)) library.filters.set(filter.name, knownFilterInfo(filter, known));
  return library;
}

/**
 * Builds the vocabulary. Django's own builtins and libraries come from the knowledge unless the
 * installed Django's modules were read (then only the libraries read exist, as in the engine); a
 * library read from disk replaces the knowledge's entry of the same load name.
 */
export function buildVocabulary(input: VocabularyInput): Vocabulary {
  const knowledge = new Map(input.knowledge.map((library) => [library.name, library]));
  const builtinModules = input.modules.filter((m) => m.name === BUILTINS);
  // Read from the installed Django, the engine's own modules say exactly what that version has.
  const djangoRead = builtinModules.some((m) => m.module.startsWith('django.template.'));
  const builtins = djangoRead ? emptyLibrary(BUILTINS) : fromKnowledge(knowledge.get(BUILTINS)!, input.djangoVersion);
  for (const module of builtinModules) addModule(builtins, module, knowledge.get(BUILTINS));
  const libraries = new Map<string, MutableLibrary>();
  for (const known of djangoRead ? [] : input.knowledge) if (known.name !== BUILTINS) libraries.set(known.name, fromKnowledge(known, input.djangoVersion));
  for (const module of input.modules) {
    if (module.name === BUILTINS) continue;
    const known = knowledge.get(module.name);
    const library = emptyLibrary(module.name, module.module, module.file);
    addModule(library, module, known?.module === module.module ? known : undefined);
    libraries.set(module.name, library);
  }
  return new Vocabulary(builtins, libraries, input.complete, input.builtinsComplete, input.djangoVersion);
}
