import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type KnowledgeFile, type Scope, type SettingEntry, validateKnowledgeFile } from './schema';

/** The scopes whose names are module-level settings rather than keys of a settings dict. */
export const GLOBAL_SCOPES: readonly Scope[] = ['django', 'django-contrib'];

/** Every entry of the knowledge files, looked up by scope and name. */
export class KnowledgeBase {
  private readonly byScope = new Map<Scope, Map<string, SettingEntry>>();

  constructor(files: readonly KnowledgeFile[]) {
    for (const file of files) {
      const table = this.byScope.get(file.scope) ?? new Map<string, SettingEntry>();
      for (const entry of file.entries) table.set(entry.name, entry);
      this.byScope.set(file.scope, table);
    }
  }

  get(scope: Scope, name: string): SettingEntry | undefined {
    return this.byScope.get(scope)?.get(name);
  }

  /** A module-level setting: Django's own first, then the contrib and deployment ones. */
  global(name: string): SettingEntry | undefined {
    for (const scope of GLOBAL_SCOPES) {
      const entry = this.get(scope, name);
      if (entry) return entry;
    }
    return undefined;
  }

  entries(scope?: Scope): SettingEntry[] {
    if (scope) return [...(this.byScope.get(scope)?.values() ?? [])];
    return [...this.byScope.values()].flatMap((table) => [...table.values()]);
  }

  globalEntries(): SettingEntry[] {
    return GLOBAL_SCOPES.flatMap((scope) => this.entries(scope));
  }

  /** Follows a `related` reference: a bare name stays in the entry's scope, `SCOPE:NAME` leaves it. */
  related(from: SettingEntry, reference: string): SettingEntry | undefined {
    const colon = reference.indexOf(':');
    if (colon > 0) return this.get(reference.slice(0, colon) as Scope, reference.slice(colon + 1));
    if (GLOBAL_SCOPES.includes(from.scope)) return this.global(reference);
    return this.get(from.scope, reference);
  }
}

export interface LoadedKnowledge {
  readonly knowledge: KnowledgeBase;
  /** Problems found in the files; the entries concerned are left out. */
  readonly errors: readonly string[];
}

/** Parses knowledge YAML text (one or more documents, each with its own scope). */
export function parseKnowledgeText(text: string, source: string): { files: KnowledgeFile[]; errors: string[] } {
  const files: KnowledgeFile[] = [];
  const errors: string[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const label = index === 0 ? source : `${source} (document ${index + 1})`;
    if (document.errors.length > 0) {
      // The first fault explains the rest, which are usually its echoes.
      errors.push(`${label}: ${document.errors[0].message}`);
      continue;
    }
    const result = validateKnowledgeFile(document.toJS(), label);
    errors.push(...result.errors);
    if (result.file) files.push(result.file);
  }
  return { files, errors };
}

/**
 * Loads every `*.yaml` in the knowledge folder. A missing or unreadable file is reported, never
 * thrown, so the feature keeps working with whatever data is there.
 */
export function loadKnowledgeBase(dir: string): LoadedKnowledge {
  const files: KnowledgeFile[] = [];
  const errors: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  } catch (error) {
    return { knowledge: new KnowledgeBase([]), errors: [`cannot read ${dir}: ${(error as Error).message}`] };
  }
  for (const name of names) {
    try {
      const parsed = parseKnowledgeText(readFileSync(path.join(dir, name), 'utf8'), name);
      files.push(...parsed.files);
      errors.push(...parsed.errors);
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  return { knowledge: new KnowledgeBase(files), errors };
}
