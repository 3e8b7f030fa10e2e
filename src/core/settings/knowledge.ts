import { readFileSync } from 'node:fs';
import { compareVersions } from './defaults';
import type { KnowledgeFile, Scope, SettingEntry } from './schema';

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

/** Whether a release (a full version such as "3.2.25") has the setting, by the entry's version notes. */
export function existsIn(entry: SettingEntry, version: string): boolean {
  const { added, removed } = entry.versions ?? {};
  return (!added || compareVersions(version, added) >= 0) && (!removed || compareVersions(version, removed) < 0);
}

/** The Python source of the entry's default in a release, following its earlier defaults. */
export function defaultIn(entry: SettingEntry, version: string): string {
  return entry.earlier_defaults?.find((earlier) => compareVersions(version, earlier.before) < 0)?.default ?? entry.default;
}

export interface LoadedKnowledge {
  readonly knowledge: KnowledgeBase;
  /** Problems found in the files; the entries concerned are left out. */
  readonly errors: readonly string[];
}

/** The file the build writes beside the bundles: every YAML file of data/settings/, validated, as JSON. */
export const COMPILED_KNOWLEDGE_FILE = 'settings-knowledge.json';

/**
 * Loads the knowledge the build compiled (see esbuild.mjs): a JSON array of validated knowledge
 * files, so no YAML is parsed at run time. A missing or unreadable file is reported, never thrown,
 * so the feature keeps working without explanations.
 */
export function loadCompiledKnowledge(file: string): LoadedKnowledge {
  try {
    const files: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(files)) return { knowledge: new KnowledgeBase([]), errors: [`${file}: not a list of knowledge files`] };
    return { knowledge: new KnowledgeBase(files as KnowledgeFile[]), errors: [] };
  } catch (error) {
    return { knowledge: new KnowledgeBase([]), errors: [`cannot read ${file}: ${(error as Error).message}`] };
  }
}
