import type { KnowledgeBase } from './knowledge';
import type { Scope, SettingEntry } from './schema';

const SCOPE_LABELS: Record<Scope, string> = {
  django: 'Django setting',
  'django-contrib': 'Django setting (contrib apps and deployment)',
  drf: 'Django REST Framework: key of `REST_FRAMEWORK`',
  simplejwt: 'Simple JWT: key of `SIMPLE_JWT`',
  databases: 'Key of a `DATABASES` entry',
  caches: 'Key of a `CACHES` entry',
  templates: 'Key of a `TEMPLATES` entry',
  'templates-options': 'Key of a `TEMPLATES` entry\'s `OPTIONS`',
  storages: 'Key of a `STORAGES` entry',
  logging: 'Key of `LOGGING`',
};

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
  const parts = [`**${entry.name}** · ${SCOPE_LABELS[entry.scope]}`, entry.summary.trim(), entry.explanation.trim()];
  const facts = [`**Type:** ${codeSpan(entry.type)}`, ...defaultLines(entry)];
  if (context.installed) facts.push(`**Default in the installed Django ${context.installed.version}:** ${codeSpan(context.installed.default)}`);
  parts.push(facts.join('  \n'));
  if (context.value !== undefined) {
    const label = context.augmented ? '**This file adds:**' : '**In this file:**';
    parts.push(`${label}\n\n${codeBlock(shorten(context.value))}`);
  }
  const versions = versionLine(entry);
  if (versions) parts.push(versions);
  if (entry.security) parts.push(`**Security:** ${entry.security.trim()}`);
  const related = (entry.related ?? []).map((reference) => relatedLabel(entry, reference, knowledge));
  if (related.length > 0) parts.push(`**Related:** ${related.join(', ')}`);
  parts.push(`[Reference documentation](${entry.docs})`);
  return `${parts.join('\n\n')}\n`;
}

/**
 * The default, saying which release it is for when the entry's product is known: the release it changed
 * or appeared in, the last release before its removal, or else the release the knowledge was checked against.
 */
function defaultLines(entry: SettingEntry): string[] {
  const product = SCOPE_PRODUCTS[entry.scope];
  if (!product) return [`**Default:** ${codeSpan(entry.default)}`];
  const earlier = entry.earlier_defaults ?? [];
  const since = earlier.at(-1)?.before ?? entry.versions?.added;
  const removed = entry.versions?.removed;
  let label = '';
  if (removed) label = ` (before ${product} ${removed})`;
  else if (since) label = ` (${product} ${since} and later)`;
  else if (entry.release) label = ` (${product} ${entry.release})`;
  const lines = [`**Default${label}:** ${codeSpan(entry.default)}`];
  for (const { before, default: value } of [...earlier].reverse()) lines.push(`**Before ${product} ${before}:** ${codeSpan(value)}`);
  return lines;
}

function versionLine(entry: SettingEntry): string | undefined {
  const notes: string[] = [];
  if (entry.versions?.added) notes.push(`added in ${entry.versions.added}`);
  if (entry.versions?.deprecated) notes.push(`deprecated in ${entry.versions.deprecated}`);
  if (entry.versions?.removed) notes.push(`removed in ${entry.versions.removed}`);
  return notes.length > 0 ? `**Versions:** ${notes.join(' · ')}` : undefined;
}

function relatedLabel(from: SettingEntry, reference: string, knowledge: KnowledgeBase): string {
  const target = knowledge.related(from, reference);
  const name = reference.includes(':') ? reference.slice(reference.indexOf(':') + 1) : reference;
  return target ? `[${codeSpan(name)}](${target.docs})` : codeSpan(name);
}
