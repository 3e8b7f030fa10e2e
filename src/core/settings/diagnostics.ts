import type { SyntaxNode } from '@lezer/common';
import * as l10n from '@vscode/l10n';
import { compareVersions } from './defaults';
import type { KnowledgeBase } from './knowledge';
import { entryFor } from './lookup';
import { type LookupScope, type SettingSite, type SettingsIndex, unquote } from './scanner';
import type { SettingEntry } from './schema';
import type { Slices } from './slices';

export interface TextEdit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

export interface QuickFix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

export type DiagnosticCode = 'unknown-setting' | 'deprecated-setting' | 'removed-setting' | 'insecure-secret-key' | 'debug-in-production';

export interface SettingsDiagnostic {
  readonly from: number;
  readonly to: number;
  readonly severity: 'warning' | 'information';
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly fixes: readonly QuickFix[];
}

export interface DiagnosticOptions {
  readonly unknownNames: boolean;
  readonly deprecated: boolean;
  readonly security: boolean;
  /** The module's name marks it as production settings. */
  readonly production: boolean;
  /** The project's Django version, when an interpreter told us. */
  readonly djangoVersion?: string;
  /**
   * The names the project's code reads as `settings.NAME` (see projectReads.ts): such a module-level
   * name is a custom setting, never a typo. Unknown, every close name is taken for one.
   */
  readonly readNames?: ReadonlySet<string>;
}

const UPPERCASE_NAME = /^[A-Z][A-Z0-9_]*$/;

/** Checks a settings module: misspelt names, outdated settings, insecure production values. */
export function diagnose(index: SettingsIndex, knowledge: KnowledgeBase, options: DiagnosticOptions): SettingsDiagnostic[] {
  return index.sites.flatMap((site) => findingsAt(index, site, knowledge, options));
}

/** `diagnose` in slices (see slices.ts): throws `Cancelled` when the run was cancelled between two. */
export async function diagnoseInSlices(index: SettingsIndex, knowledge: KnowledgeBase, options: DiagnosticOptions, slices: Slices): Promise<SettingsDiagnostic[]> {
  const found: SettingsDiagnostic[] = [];
  for (const site of index.sites) {
    found.push(...findingsAt(index, site, knowledge, options));
    if (slices.due()) await slices.next();
  }
  return found;
}

function findingsAt(index: SettingsIndex, site: SettingSite, knowledge: KnowledgeBase, options: DiagnosticOptions): SettingsDiagnostic[] {
  if (site.kind === 'reference') return [];
  const entry = entryFor(knowledge, site.scope, site.name);
  if (!entry) {
    const readByTheProject = site.scope === 'global' && options.readNames?.has(site.name);
    return options.unknownNames && !readByTheProject ? misspelling(site, knowledge) : [];
  }
  const found: SettingsDiagnostic[] = [];
  if (options.deprecated) found.push(...outdated(index, site, entry, options.djangoVersion));
  if (options.security && options.production && site.kind === 'assignment') found.push(...insecure(index, site));
  return found;
}

/** The known names of each scope, listed once per knowledge base, and the suggestions already worked out. */
class Suggestions {
  private readonly names = new Map<LookupScope, readonly string[]>();
  private readonly remembered = new Map<string, string | undefined>();

  constructor(private readonly knowledge: KnowledgeBase) {}

  for(scope: LookupScope, name: string): string | undefined {
    const key = `${scope}\0${name}`;
    if (this.remembered.has(key)) return this.remembered.get(key);
    const suggestion = closestName(name, this.namesOf(scope));
    this.remembered.set(key, suggestion);
    return suggestion;
  }

  private namesOf(scope: LookupScope): readonly string[] {
    let names = this.names.get(scope);
    if (!names) {
      names = (scope === 'global' ? this.knowledge.globalEntries() : this.knowledge.entries(scope)).map((e) => e.name);
      this.names.set(scope, names);
    }
    return names;
  }
}

// Weakly, so a knowledge base that is dropped takes its suggestions with it.
const suggestionsByKnowledge = new WeakMap<KnowledgeBase, Suggestions>();

function suggestionsOf(knowledge: KnowledgeBase): Suggestions {
  let suggestions = suggestionsByKnowledge.get(knowledge);
  if (!suggestions) {
    suggestions = new Suggestions(knowledge);
    suggestionsByKnowledge.set(knowledge, suggestions);
  }
  return suggestions;
}

function misspelling(site: SettingSite, knowledge: KnowledgeBase): SettingsDiagnostic[] {
  if (!UPPERCASE_NAME.test(site.name)) return [];
  const suggestion = suggestionsOf(knowledge).for(site.scope, site.name);
  if (!suggestion) return [];
  const { from, to } = nameSpan(site);
  return [
    {
      from,
      to,
      severity: 'warning',
      code: 'unknown-setting',
      message: l10n.t('{0} is not a known setting. Did you mean {1}?', site.name, suggestion),
      fixes: [{ title: l10n.t('Change to {0}', suggestion), edits: [{ from, to, text: suggestion }] }],
    },
  ];
}

/** A key site spans its quotes; edits and squiggles go on the name inside them. */
function nameSpan(site: SettingSite): { from: number; to: number } {
  if (site.kind !== 'key') return site;
  const width = site.to - site.from;
  const inner = (width - site.name.length) / 2;
  return { from: site.from + Math.floor(inner), to: site.to - Math.ceil(inner) };
}

/**
 * The known name one edit away (two for longer names), counting a swap of neighbours as one edit.
 * Short names get only one edit, or every short custom setting would look like a typo.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = name.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name, candidate, limit);
    if (distance < bestDistance || (distance === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** Optimal-string-alignment distance; gives up early (returns limit + 1) once it must exceed `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, beforePrevious[j - 2] + 1);
      current.push(value);
      rowBest = Math.min(rowBest, value);
    }
    if (rowBest > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length];
}

function outdated(index: SettingsIndex, site: SettingSite, entry: SettingEntry, version: string | undefined): SettingsDiagnostic[] {
  const { deprecated, removed } = entry.versions ?? {};
  if (!deprecated && !removed) return [];
  const removal = removalFix(index, site);
  const summary = entry.summary.trim();
  const severity = version === undefined ? 'information' : 'warning';
  if (removed && (version === undefined || compareVersions(version, removed) >= 0)) {
    const message =
      version === undefined
        ? l10n.t('{0} was removed in Django {1}. {2}', entry.name, removed, summary)
        : l10n.t('{0} was removed in Django {1} and has no effect on the installed {2}. {3}', entry.name, removed, version, summary);
    return [{ ...nameSpan(site), severity, code: 'removed-setting', message, fixes: removal }];
  }
  if (deprecated && (version === undefined || compareVersions(version, deprecated) >= 0)) {
    const message =
      version === undefined
        ? l10n.t('{0} is deprecated since Django {1}. {2}', entry.name, deprecated, summary)
        : l10n.t('{0} is deprecated in the installed Django {1}. {2}', entry.name, version, summary);
    return [{ ...nameSpan(site), severity, code: 'deprecated-setting', message, fixes: removal }];
  }
  return [];
}

/** Deleting a whole module-level statement, with its line break, when the site is its only target. */
function removalFix(index: SettingsIndex, site: SettingSite): QuickFix[] {
  if (site.kind !== 'assignment' || !site.statement) return [];
  const { source } = index;
  const lineStart = source.lastIndexOf('\n', site.statement.from - 1) + 1;
  if (source.slice(lineStart, site.statement.from).trim() !== '') return [];
  let end = site.statement.to;
  while (end < source.length && (source[end] === ' ' || source[end] === '\t')) end++;
  if (source[end] === '\r') end++;
  if (source[end] === '\n') end++;
  return [{ title: l10n.t('Remove {0}', site.name), edits: [{ from: lineStart, to: end, text: '' }] }];
}

function insecure(index: SettingsIndex, site: SettingSite): SettingsDiagnostic[] {
  if (!site.value || site.augmented) return [];
  const valueText = index.source.slice(site.value.from, site.value.to);
  if (site.name === 'DEBUG' && valueText === 'True') {
    return [
      {
        ...site.value,
        severity: 'warning',
        code: 'debug-in-production',
        message: l10n.t('{0} in production settings shows tracebacks, settings and SQL to anyone who triggers an error.', 'DEBUG = True'),
        fixes: [{ title: l10n.t('Set {0}', 'DEBUG = False'), edits: [{ ...site.value, text: 'False' }] }],
      },
    ];
  }
  if (site.name === 'SECRET_KEY' && unquote(valueText)?.startsWith('django-insecure-')) {
    return [
      {
        ...site.value,
        severity: 'warning',
        code: 'insecure-secret-key',
        message: l10n.t('This {0} is the development key {1} wrote ({2}); production must read its own secret from the environment.', 'SECRET_KEY', 'startproject', 'django-insecure-…'),
        fixes: [{ title: l10n.t('Read {0} from the {1} environment variable', 'SECRET_KEY', 'DJANGO_SECRET_KEY'), edits: environmentKeyEdits(index, site.value) }],
      },
    ];
  }
  return [];
}

function environmentKeyEdits(index: SettingsIndex, value: { from: number; to: number }): TextEdit[] {
  const edits: TextEdit[] = [{ ...value, text: 'os.environ["DJANGO_SECRET_KEY"]' }];
  const imports = topLevelImports(index);
  if (!imports.some((node) => bindsOs(index, node))) {
    // Beside the other imports, so a module docstring stays first.
    const at = imports[0] ? imports[0].from : 0;
    edits.unshift({ from: at, to: at, text: 'import os\n' });
  }
  return edits;
}

function topLevelImports(index: SettingsIndex): SyntaxNode[] {
  const imports: SyntaxNode[] = [];
  for (let node = index.tree.topNode.firstChild; node; node = node.nextSibling) {
    if (node.name === 'ImportStatement') imports.push(node);
  }
  return imports;
}

/** `import os` or `import os.path`, which both bind the name `os`. */
function bindsOs(index: SettingsIndex, statement: SyntaxNode): boolean {
  if (statement.firstChild?.name !== 'import') return false;
  const first = statement.firstChild.nextSibling;
  return first?.name === 'VariableName' && index.source.slice(first.from, first.to) === 'os' && first.nextSibling?.name !== 'as';
}
