import * as l10n from '@vscode/l10n';
import type { VersionNotes } from '../settings/schema';
import { BUILTINS } from './knowledge';
import type { FilterInfo, LibraryInfo, TagInfo } from './vocabulary';

// Hover text for tags, filters and libraries, as Markdown.

function versionLine(versions: VersionNotes | undefined): string[] {
  if (!versions) return [];
  const notes = [
    versions.added && l10n.t('New in Django {0}.', versions.added),
    versions.deprecated && l10n.t('Deprecated since Django {0}.', versions.deprecated),
    versions.removed && l10n.t('Removed in Django {0}.', versions.removed),
  ].filter(Boolean);
  return notes.length > 0 ? [`*${notes.join(' ')}*`] : [];
}

/** Whether the entry needs a `{% load %}`, and where it is defined: one whole sentence per case. */
function originLine(library: string, origin: TagInfo['origin']): string {
  const { file, line, module } = origin;
  if (library === BUILTINS) {
    const load = '{% load %}';
    if (file && line) return l10n.t('Built in: no `{0}` needed — defined in `{1}` line {2}', load, file, line);
    if (file) return l10n.t('Built in: no `{0}` needed — defined in `{1}`', load, file);
    if (module) return l10n.t('Built in: no `{0}` needed — `{1}`', load, module);
    return l10n.t('Built in: no `{0}` needed', load);
  }
  const load = `{% load ${library} %}`;
  if (file && line) return l10n.t('Needs `{0}` — defined in `{1}` line {2}', load, file, line);
  if (file) return l10n.t('Needs `{0}` — defined in `{1}`', load, file);
  if (module) return l10n.t('Needs `{0}` — `{1}`', load, module);
  return l10n.t('Needs `{0}`', load);
}

function fence(code: string): string {
  return ['```django-html', code, '```'].join('\n');
}

function isTag(entry: TagInfo | FilterInfo): entry is TagInfo {
  return 'signature' in entry;
}

function filterSignature(filter: FilterInfo): string {
  if (filter.argument === 'none') return `{{ value|${filter.name} }}`;
  const argument = filter.argumentName ?? 'arg';
  return `{{ value|${filter.name}:${filter.argument === 'optional' ? `[${argument}]` : argument} }}`;
}

/** Signature, explanation, example, version notes, where it comes from and the docs link. */
export function describeEntry(entry: TagInfo | FilterInfo): string {
  const parts = [
    isTag(entry) ? l10n.t('**{0}** — tag', entry.name) : l10n.t('**{0}** — filter', entry.name),
    fence(isTag(entry) ? entry.signature : filterSignature(entry)),
    ...(entry.explanation ? [entry.explanation] : []),
    ...(entry.example ? [l10n.t('Example: `{0}`', entry.example)] : []),
    ...versionLine(entry.versions),
    originLine(entry.library, entry.origin),
    ...(entry.docs ? [l10n.t('[Django documentation]({0})', entry.docs)] : []),
  ];
  return parts.join('\n\n');
}

function names(map: ReadonlyMap<string, unknown>): string {
  return [...map.keys()].sort().map((n) => `\`${n}\``).join(', ');
}

export function describeLibrary(library: LibraryInfo): string {
  const tags = names(library.tags);
  const filters = names(library.filters);
  return [
    l10n.t('**{0}** — tag library', `{% load ${library.name} %}`),
    library.file ? `\`${library.module}\` — \`${library.file}\`` : `\`${library.module ?? library.name}\``,
    tags ? l10n.t('Tags: {0}', tags) : l10n.t('Tags: none'),
    filters ? l10n.t('Filters: {0}', filters) : l10n.t('Filters: none'),
  ].join('\n\n');
}
