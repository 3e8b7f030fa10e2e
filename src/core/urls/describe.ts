// What the editor shows about a URL name: the hover's Markdown and the completion's details.
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { codeSpan } from '../settings/markdown';
import type { UrlEntry } from './types';

/** The namespace part of a full name (`shop:reviews` of `shop:reviews:detail`), or null. */
export function namespaceOf(name: string): string | null {
  const at = name.lastIndexOf(':');
  return at < 0 ? null : name.slice(0, at);
}

function paramText(entry: UrlEntry): string {
  return entry.params.map((param) => (param.converter ? `${param.name}: ${param.converter}` : l10n.t('{0} (regex group)', param.name))).join(', ');
}

function viewText(entry: UrlEntry): string {
  return entry.viewMethod ? `${entry.view}.${entry.viewMethod}` : entry.view;
}

/** The hover of a URL name: each route it has, with what the route captures, its view and where it is declared. */
export function describeUrlName(name: string, entries: readonly UrlEntry[], root: string): string {
  const lines = [l10n.t('**URL {0}**', codeSpan(name)), ''];
  const namespace = namespaceOf(name);
  if (namespace) lines.push(l10n.t('Namespace: {0}', codeSpan(namespace)), '');
  // The list markers stay out of the messages: a translation cannot break the Markdown nesting.
  for (const entry of entries) {
    lines.push(`- ${l10n.t('Route: {0}', codeSpan(entry.route === '' ? l10n.t({ message: '(empty)', comment: 'Shown as the route of a URL pattern whose route is the empty string.' }) : entry.route))}`);
    if (entry.params.length > 0) lines.push(`  - ${l10n.t('Captures: {0}', codeSpan(paramText(entry)))}`);
    if (entry.view) lines.push(`  - ${l10n.t('View: {0}', codeSpan(viewText(entry)))}`);
    if (entry.file) lines.push(`  - ${declaredIn(entry, root)}`);
  }
  return lines.join('\n');
}

function declaredIn(entry: UrlEntry, root: string): string {
  const place = codeSpan(`${displayFile(entry.file, root)}:${entry.line}`);
  return entry.source === 'resolver' ? l10n.t("Declared in {0} (from Django's resolver)", place) : l10n.t('Declared in {0}', place);
}

/** A completion item's detail: the route, then the view. */
export function completionDetail(entries: readonly UrlEntry[]): { route: string; view: string } {
  const first = entries[0];
  return { route: first?.route ?? '', view: first ? viewText(first) : '' };
}

function displayFile(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}
