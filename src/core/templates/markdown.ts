import type { VersionNotes } from '../settings/schema';
import { BUILTINS } from './knowledge';
import type { FilterInfo, LibraryInfo, TagInfo } from './vocabulary';

// Hover text for tags, filters and libraries, as Markdown.

function versionLine(versions: VersionNotes | undefined): string[] {
  if (!versions) return [];
  const notes = [
    versions.added && `New in Django ${versions.added}.`,
    versions.deprecated && `Deprecated since Django ${versions.deprecated}.`,
    versions.removed && `Removed in Django ${versions.removed}.`,
  ].filter(Boolean);
  return notes.length > 0 ? [`*${notes.join(' ')}*`] : [];
}

function originLine(library: string, origin: TagInfo['origin']): string {
  const where = origin.file ? ` — defined in \`${origin.file}\`${origin.line ? ` line ${origin.line}` : ''}` : origin.module ? ` — \`${origin.module}\`` : '';
  return library === BUILTINS ? `Built in: no \`{% load %}\` needed${where}` : `Needs \`{% load ${library} %}\`${where}`;
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
    `**${entry.name}** — ${isTag(entry) ? 'tag' : 'filter'}`,
    fence(isTag(entry) ? entry.signature : filterSignature(entry)),
    ...(entry.explanation ? [entry.explanation] : []),
    ...(entry.example ? [`Example: \`${entry.example}\``] : []),
    ...versionLine(entry.versions),
    originLine(entry.library, entry.origin),
    ...(entry.docs ? [`[Django documentation](${entry.docs})`] : []),
  ];
  return parts.join('\n\n');
}

export function describeLibrary(library: LibraryInfo): string {
  const names = (map: ReadonlyMap<string, unknown>) => [...map.keys()].sort().map((n) => `\`${n}\``).join(', ') || 'none';
  return [
    `**{% load ${library.name} %}** — tag library`,
    library.file ? `\`${library.module}\` — \`${library.file}\`` : `\`${library.module ?? library.name}\``,
    `Tags: ${names(library.tags)}`,
    `Filters: ${names(library.filters)}`,
  ].join('\n\n');
}
