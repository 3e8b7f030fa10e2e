import { readFileSync } from 'node:fs';
import type { VersionNotes } from '../settings/schema';

// What Django Kit knows about Django's own template tags and filters: data/templates/*.yaml,
// validated here and compiled to JSON by the build (esbuild.mjs), like the settings knowledge.

/** `builtins` for the engine's built-in tags and filters, otherwise the name given to `{% load %}`. */
export const BUILTINS = 'builtins';

export interface KnownTag {
  readonly name: string;
  readonly signature: string;
  /** The end tag of a block tag (`endfor`). */
  readonly end?: string;
  /** Tags allowed between the tag and its end (`elif`, `else`, `empty`). */
  readonly middle?: readonly string[];
  readonly explanation: string;
  readonly example: string;
  readonly versions?: VersionNotes;
  readonly docs: string;
}

export interface KnownFilter {
  readonly name: string;
  /** The argument's name, for filters that take one (`date:FORMAT`). */
  readonly argument?: string;
  /** True when the argument may be left out. */
  readonly optional?: boolean;
  readonly explanation: string;
  readonly example: string;
  readonly versions?: VersionNotes;
  readonly docs: string;
}

export interface KnownLibrary {
  readonly name: string;
  /** Dotted module; absent for the builtins, which come from several modules. */
  readonly module?: string;
  readonly tags: readonly KnownTag[];
  readonly filters: readonly KnownFilter[];
}

/** The file the build writes beside the bundles: data/templates/*.yaml, validated, as JSON. */
export const COMPILED_TEMPLATE_KNOWLEDGE_FILE = 'template-knowledge.json';

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ANCHORS = ['django', 'name', 'none'] as const;
const FILE_KEYS = new Set(['library', 'module', 'docs', 'anchors', 'tags', 'filters']);
const TAG_KEYS = new Set(['name', 'signature', 'end', 'middle', 'explanation', 'example', 'versions', 'docs']);
const FILTER_KEYS = new Set(['name', 'argument', 'optional', 'explanation', 'example', 'versions', 'docs']);
const VERSION_KEYS = new Set(['added', 'deprecated', 'removed']);

function text(raw: Raw, key: string, faults: string[], required = true): string | undefined {
  const value = raw[key];
  if (value === undefined) {
    if (required) faults.push(`missing '${key}'`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '') {
    faults.push(`'${key}' must be a non-empty string`);
    return undefined;
  }
  return value;
}

function unknownKeys(raw: Raw, allowed: Set<string>): string[] {
  return Object.keys(raw).filter((key) => !allowed.has(key)).map((key) => `unknown key '${key}'`);
}

function versionFaults(versions: unknown): string[] {
  if (versions === undefined) return [];
  if (!isRecord(versions)) return [`'versions' must be a mapping of added / deprecated / removed`];
  return Object.entries(versions).flatMap(([key, value]) => {
    if (!VERSION_KEYS.has(key)) return [`unknown version key '${key}'`];
    return typeof value === 'string' && /^\d+(\.\d+)*$/.test(value) ? [] : [`version '${key}' must be a string like "4.2"`];
  });
}

/** The docs link of one entry: its own, or the file's page with the anchor Django's docs give it. */
function docsLink(page: string, anchors: string, kind: 'tag' | 'filter', name: string, own: string | undefined): string {
  if (own !== undefined) return own;
  if (anchors === 'django') return `${page}#std-template${kind}-${name}`;
  if (anchors === 'name') return `${page}#${name}`;
  return page;
}

interface EntryContext {
  readonly page: string;
  readonly anchors: string;
  readonly where: string;
}

function readTag(raw: unknown, context: EntryContext, errors: string[]): KnownTag | undefined {
  if (!isRecord(raw)) return void errors.push(`${context.where}: a tag must be a mapping`);
  const faults = unknownKeys(raw, TAG_KEYS);
  const name = text(raw, 'name', faults);
  const signature = text(raw, 'signature', faults);
  const end = text(raw, 'end', faults, false);
  const explanation = text(raw, 'explanation', faults);
  const example = text(raw, 'example', faults);
  const docs = text(raw, 'docs', faults, false);
  const middle = raw.middle;
  if (middle !== undefined && !(Array.isArray(middle) && middle.every((m) => typeof m === 'string' && m !== ''))) faults.push(`'middle' must be a list of tag names`);
  if (middle !== undefined && end === undefined) faults.push(`'middle' needs an 'end'`);
  faults.push(...versionFaults(raw.versions));
  if (faults.length > 0 || !name || !signature || !explanation || !example) {
    errors.push(...faults.map((fault) => `${context.where} tag ${String(raw.name)}: ${fault}`));
    return undefined;
  }
  return {
    name,
    signature,
    ...(end ? { end } : {}),
    ...(middle ? { middle: middle as string[] } : {}),
    explanation,
    example,
    ...(raw.versions ? { versions: raw.versions as VersionNotes } : {}),
    docs: docsLink(context.page, context.anchors, 'tag', name, docs),
  };
}

function readFilter(raw: unknown, context: EntryContext, errors: string[]): KnownFilter | undefined {
  if (!isRecord(raw)) return void errors.push(`${context.where}: a filter must be a mapping`);
  const faults = unknownKeys(raw, FILTER_KEYS);
  const name = text(raw, 'name', faults);
  const argument = text(raw, 'argument', faults, false);
  const explanation = text(raw, 'explanation', faults);
  const example = text(raw, 'example', faults);
  const docs = text(raw, 'docs', faults, false);
  if (raw.optional !== undefined && (typeof raw.optional !== 'boolean' || argument === undefined)) faults.push(`'optional' must be true or false, with an 'argument'`);
  faults.push(...versionFaults(raw.versions));
  if (faults.length > 0 || !name || !explanation || !example) {
    errors.push(...faults.map((fault) => `${context.where} filter ${String(raw.name)}: ${fault}`));
    return undefined;
  }
  return {
    name,
    ...(argument ? { argument } : {}),
    ...(raw.optional === true ? { optional: true } : {}),
    explanation,
    example,
    ...(raw.versions ? { versions: raw.versions as VersionNotes } : {}),
    docs: docsLink(context.page, context.anchors, 'filter', name, docs),
  };
}

function listOf(raw: Raw, key: string, errors: string[], where: string): unknown[] {
  const value = raw[key];
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  errors.push(`${where}: '${key}' must be a list`);
  return [];
}

function withoutDuplicates<T extends { name: string }>(entries: (T | undefined)[], errors: string[], where: string): T[] {
  const seen = new Set<string>();
  return entries.filter((entry): entry is T => {
    if (!entry) return false;
    if (seen.has(entry.name)) {
      errors.push(`${where}: duplicate name ${entry.name}`);
      return false;
    }
    seen.add(entry.name);
    return true;
  });
}

/**
 * Checks one YAML document describing a library. Entries with a fault are left out and reported, so
 * one bad entry never hides the rest.
 */
export function validateLibraryDocument(data: unknown, source: string): { library?: KnownLibrary; errors: string[] } {
  if (!isRecord(data)) return { errors: [`${source}: the document must be a mapping with library, docs and tags or filters`] };
  const errors = unknownKeys(data, FILE_KEYS).map((fault) => `${source}: ${fault}`);
  const faults: string[] = [];
  const name = text(data, 'library', faults);
  const page = text(data, 'docs', faults);
  const module = text(data, 'module', faults, false);
  if (page !== undefined && !page.startsWith('https://')) faults.push(`'docs' must be an https URL`);
  const anchors = typeof data.anchors === 'string' && (ANCHORS as readonly string[]).includes(data.anchors) ? data.anchors : undefined;
  if (anchors === undefined) faults.push(`'anchors' must be one of ${ANCHORS.join(', ')}`);
  if (faults.length > 0 || !name || !page || !anchors) return { errors: [...errors, ...faults.map((fault) => `${source}: ${fault}`)] };
  const context = { page, anchors, where: source };
  const tags = withoutDuplicates(listOf(data, 'tags', errors, source).map((raw) => readTag(raw, context, errors)), errors, source);
  const filters = withoutDuplicates(listOf(data, 'filters', errors, source).map((raw) => readFilter(raw, context, errors)), errors, source);
  return { library: { name, ...(module ? { module } : {}), tags, filters }, errors };
}

/** Loads the compiled knowledge; a missing file is reported, never thrown, and leaves the list empty. */
export function loadCompiledTemplateKnowledge(file: string): { libraries: KnownLibrary[]; errors: string[] } {
  try {
    const libraries: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(libraries)) return { libraries: [], errors: [`${file}: not a list of libraries`] };
    return { libraries: libraries as KnownLibrary[], errors: [] };
  } catch (error) {
    return { libraries: [], errors: [`cannot read ${file}: ${(error as Error).message}`] };
  }
}
