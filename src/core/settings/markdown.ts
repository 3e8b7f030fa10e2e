import * as l10n from '@vscode/l10n';
import type { KnowledgeBase } from './knowledge';
import type { Scope, SettingEntry } from './schema';

/** What kind of name an entry of `scope` is, as the hover's heading says it. */
function scopeLabel(scope: Scope): string {
  switch (scope) {
    case 'django':
      return l10n.t('Django setting');
    case 'django-contrib':
      return l10n.t('Django setting (contrib apps and deployment)');
    case 'drf':
      return l10n.t('Django REST Framework: key of {0}', '`REST_FRAMEWORK`');
    case 'simplejwt':
      return l10n.t('Simple JWT: key of {0}', '`SIMPLE_JWT`');
    case 'databases':
      return l10n.t('Key of a {0} entry', '`DATABASES`');
    case 'caches':
      return l10n.t('Key of a {0} entry', '`CACHES`');
    case 'templates':
      return l10n.t('Key of a {0} entry', '`TEMPLATES`');
    case 'templates-options':
      return l10n.t("Key of a {0} entry's {1}", '`TEMPLATES`', '`OPTIONS`');
    case 'storages':
      return l10n.t('Key of a {0} entry', '`STORAGES`');
    case 'logging':
      return l10n.t('Key of {0}', '`LOGGING`');
  }
}

/** The product whose releases an entry's versions count, where the scope belongs to one. */
const SCOPE_PRODUCTS: Partial<Record<Scope, string>> = {
  django: 'Django',
  'django-contrib': 'Django',
  drf: 'DRF',
  simplejwt: 'SimpleJWT',
};

/** Longest value shown inline before it is cut, so a huge dict does not swamp the hover. */
const MAX_VALUE_LINES = 12;
const MAX_VALUE_CHARS = 800;

/** Inline code that survives backticks inside the text. */
export function codeSpan(text: string): string {
  const single = text.replace(/\s*\n\s*/g, ' ');
  const longestRun = Math.max(0, ...(single.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = single.startsWith('`') || single.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${single}${pad}${fence}`;
}

/** A fenced Python block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}python\n${text}\n${fence}`;
}

export function shorten(text: string): string {
  const lines = text.split(/\r?\n/);
  let result = lines.length > MAX_VALUE_LINES ? [...lines.slice(0, MAX_VALUE_LINES), '…'].join('\n') : lines.join('\n');
  if (result.length > MAX_VALUE_CHARS) result = `${result.slice(0, MAX_VALUE_CHARS)}…`;
  return result;
}

/** Extra facts the hover knows besides the knowledge entry. */
export interface HoverContext {
  /** The value's source text in this file. */
  readonly value?: string;
  /** The value extends an earlier one (`+=`). */
  readonly augmented?: boolean;
  /** The default of the project's installed Django, as Python repr. */
  readonly installed?: { readonly version: string; readonly default: string };
}

/**
 * The Markdown shown for a setting: heading, summary, our explanation, type and defaults, the value in
 * this file, version notes, security note, related settings, and the link to the reference. It holds
 * no HTML and no command links, so it renders safely as untrusted Markdown.
 */
export function renderEntry(entry: SettingEntry, knowledge: KnowledgeBase, context: HoverContext = {}): string {
  const parts = [`**${entry.name}** · ${scopeLabel(entry.scope)}`, entry.summary.trim(), entry.explanation.trim()];
  const facts = [l10n.t('**Type:** {0}', codeSpan(entry.type)), ...defaultLines(entry)];
  if (context.installed) facts.push(l10n.t('**Default in the installed Django {0}:** {1}', context.installed.version, codeSpan(context.installed.default)));
  parts.push(facts.join('  \n'));
  if (context.value !== undefined) {
    const label = context.augmented ? l10n.t('**This file adds:**') : l10n.t('**In this file:**');
    parts.push(`${label}\n\n${codeBlock(shorten(context.value))}`);
  }
  const versions = versionLine(entry);
  if (versions) parts.push(versions);
  if (entry.security) parts.push(l10n.t('**Security:** {0}', entry.security.trim()));
  const related = (entry.related ?? []).map((reference) => relatedLabel(entry, reference, knowledge));
  if (related.length > 0) parts.push(l10n.t('**Related:** {0}', related.join(', ')));
  parts.push(l10n.t('[Reference documentation]({0})', entry.docs));
  return `${parts.join('\n\n')}\n`;
}

/**
 * The default, saying which release it is for when the entry's product is known: the release it changed
 * or appeared in, the last release before its removal, or else the release the knowledge was checked against.
 */
function defaultLines(entry: SettingEntry): string[] {
  const product = SCOPE_PRODUCTS[entry.scope];
  const value = codeSpan(entry.default);
  if (!product) return [l10n.t('**Default:** {0}', value)];
  const earlier = entry.earlier_defaults ?? [];
  const since = earlier.at(-1)?.before ?? entry.versions?.added;
  const removed = entry.versions?.removed;
  let line = l10n.t('**Default:** {0}', value);
  if (removed) line = l10n.t('**Default (before {0} {1}):** {2}', product, removed, value);
  else if (since) line = l10n.t('**Default ({0} {1} and later):** {2}', product, since, value);
  else if (entry.release) line = l10n.t('**Default ({0} {1}):** {2}', product, entry.release, value);
  const lines = [line];
  for (const { before, default: earlierValue } of [...earlier].reverse()) lines.push(l10n.t('**Before {0} {1}:** {2}', product, before, codeSpan(earlierValue)));
  return lines;
}

function versionLine(entry: SettingEntry): string | undefined {
  const notes: string[] = [];
  if (entry.versions?.added) notes.push(l10n.t('added in {0}', entry.versions.added));
  if (entry.versions?.deprecated) notes.push(l10n.t('deprecated in {0}', entry.versions.deprecated));
  if (entry.versions?.removed) notes.push(l10n.t('removed in {0}', entry.versions.removed));
  return notes.length > 0 ? l10n.t('**Versions:** {0}', notes.join(' · ')) : undefined;
}

function relatedLabel(from: SettingEntry, reference: string, knowledge: KnowledgeBase): string {
  const target = knowledge.related(from, reference);
  const name = reference.includes(':') ? reference.slice(reference.indexOf(':') + 1) : reference;
  return target ? `[${codeSpan(name)}](${target.docs})` : codeSpan(name);
}
