import { compareVersions } from './defaults';
/** Which table a knowledge entry belongs to: the global settings, or the keys of one settings dict. */
export const SCOPES = [
  'django',
  'django-contrib',
  'drf',
  'simplejwt',
  'databases',
  'caches',
  'templates',
  'templates-options',
  'storages',
  'logging',
] as const;

export type Scope = (typeof SCOPES)[number];

export interface VersionNotes {
  readonly added?: string;
  readonly deprecated?: string;
  readonly removed?: string;
}

/** A default that held in older releases: up to, not including, `before`. */
export interface EarlierDefault {
  readonly before: string;
  /** Python source of the default value then. */
  readonly default: string;
}

export interface SettingEntry {
  readonly scope: Scope;
  /** The newest release (major.minor) whose defaults the entry's file was checked against. */
  readonly release?: string;
  readonly name: string;
  readonly summary: string;
  readonly explanation: string;
  readonly type: string;
  /**
   * Python source of the default value in the newest release that has the setting. A list ending in
   * `...` is abbreviated: the real list begins with the items shown.
   */
  readonly default: string;
  /** Older defaults, oldest first; the release being looked at takes the first whose `before` is later. */
  readonly earlier_defaults?: readonly EarlierDefault[];
  readonly versions?: VersionNotes;
  /** Names in the same scope, or `SCOPE:NAME` for another scope. */
  readonly related?: readonly string[];
  readonly security?: string;
  readonly docs: string;
}

export interface KnowledgeFile {
  readonly scope: Scope;
  /** The newest release (major.minor) whose defaults the file was checked against. */
  readonly release?: string;
  readonly entries: readonly SettingEntry[];
}

/** The outcome of checking one parsed YAML document: the entries that passed and what was wrong. */
export interface ValidationResult {
  readonly file?: KnowledgeFile;
  readonly errors: readonly string[];
}

const REQUIRED_TEXT = ['name', 'summary', 'explanation', 'type', 'default', 'docs'] as const;
const OPTIONAL_KEYS = ['versions', 'earlier_defaults', 'related', 'security'] as const;
const VERSION_PATTERN = /^\d+(\.\d+)*$/;
const ENTRY_KEYS = new Set<string>([...REQUIRED_TEXT, ...OPTIONAL_KEYS]);
const VERSION_KEYS = new Set(['added', 'deprecated', 'removed']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && (SCOPES as readonly string[]).includes(value);
}

/**
 * Checks one knowledge file against the fixed schema. An entry with any fault is left out and
 * reported, so one bad entry never hides the rest of the file.
 */
export function validateKnowledgeFile(data: unknown, source: string): ValidationResult {
  if (!isRecord(data)) return { errors: [`${source}: the document must be a mapping with scope and entries`] };
  const errors: string[] = [];
  for (const key of Object.keys(data)) {
    if (key !== 'scope' && key !== 'entries' && key !== 'release') errors.push(`${source}: unknown top-level key '${key}'`);
  }
  const release = data.release;
  if (release !== undefined && !(typeof release === 'string' && VERSION_PATTERN.test(release))) {
    errors.push(`${source}: release must be a string like "5.2"`);
    return { errors };
  }
  if (!isScope(data.scope)) {
    errors.push(`${source}: scope must be one of ${SCOPES.join(', ')}`);
    return { errors };
  }
  if (!Array.isArray(data.entries)) {
    errors.push(`${source}: entries must be a list`);
    return { errors };
  }
  const scope = data.scope;
  const entries: SettingEntry[] = [];
  const seen = new Set<string>();
  data.entries.forEach((raw: unknown, index) => {
    const where = `${source}: entry ${index + 1}${isRecord(raw) && typeof raw.name === 'string' ? ` (${raw.name})` : ''}`;
    const faults = entryFaults(raw);
    if (faults.length > 0) {
      errors.push(...faults.map((fault) => `${where}: ${fault}`));
      return;
    }
    const entry = { ...(raw as object), scope, ...(release ? { release } : {}) } as SettingEntry;
    if (seen.has(entry.name)) {
      errors.push(`${where}: duplicate name`);
      return;
    }
    seen.add(entry.name);
    entries.push(entry);
  });
  return { file: { scope, ...(release ? { release } : {}), entries }, errors };
}

function entryFaults(raw: unknown): string[] {
  if (!isRecord(raw)) return ['must be a mapping'];
  const faults: string[] = [];
  for (const key of Object.keys(raw)) {
    if (!ENTRY_KEYS.has(key)) faults.push(`unknown key '${key}'`);
  }
  for (const key of REQUIRED_TEXT) {
    const value = raw[key];
    if (value === undefined) faults.push(`missing '${key}'`);
    else if (typeof value !== 'string' || value.trim() === '') faults.push(`'${key}' must be a non-empty string`);
  }
  if (typeof raw.docs === 'string' && !/^https:\/\//.test(raw.docs)) faults.push(`'docs' must be an https URL`);
  if (raw.security !== undefined && (typeof raw.security !== 'string' || raw.security.trim() === '')) {
    faults.push(`'security' must be a non-empty string`);
  }
  if (raw.related !== undefined && !(Array.isArray(raw.related) && raw.related.every((r) => typeof r === 'string' && r !== ''))) {
    faults.push(`'related' must be a list of names`);
  }
  if (raw.versions !== undefined) faults.push(...versionFaults(raw.versions));
  if (raw.earlier_defaults !== undefined) faults.push(...earlierDefaultFaults(raw.earlier_defaults));
  return faults;
}

function earlierDefaultFaults(earlier: unknown): string[] {
  const wellFormed = (item: unknown) =>
    isRecord(item) &&
    Object.keys(item).every((key) => key === 'before' || key === 'default') &&
    typeof item.before === 'string' &&
    VERSION_PATTERN.test(item.before) &&
    typeof item.default === 'string' &&
    item.default.trim() !== '';
  if (!Array.isArray(earlier) || earlier.length === 0 || !earlier.every(wellFormed)) {
    return [`'earlier_defaults' must be a list of { before: "4.0", default: "<Python source>" }`];
  }
  const befores = earlier.map((item) => (item as EarlierDefault).before);
  const ascending = befores.every((before, i) => i === 0 || compareVersions(befores[i - 1], before) < 0);
  return ascending ? [] : [`'earlier_defaults' must be ordered oldest first`];
}

function versionFaults(versions: unknown): string[] {
  if (!isRecord(versions)) return [`'versions' must be a mapping of added / deprecated / removed`];
  const faults: string[] = [];
  for (const [key, value] of Object.entries(versions)) {
    if (!VERSION_KEYS.has(key)) faults.push(`unknown version key '${key}'`);
    else if (typeof value !== 'string' || !VERSION_PATTERN.test(value)) faults.push(`version '${key}' must be a string like "4.2"`);
  }
  return faults;
}
