// What the editor shows about a URL name: the hover's Markdown and the completion's details.
import path from 'node:path';
import { codeSpan } from '../settings/markdown';
import type { UrlEntry } from './types';

/** The namespace part of a full name (`shop:reviews` of `shop:reviews:detail`), or null. */
export function namespaceOf(name: string): string | null {
  const at = name.lastIndexOf(':');
  return at < 0 ? null : name.slice(0, at);
}

function paramText(entry: UrlEntry): string {
  return entry.params.map((param) => (param.converter ? `${param.name}: ${param.converter}` : `${param.name} (regex group)`)).join(', ');
}

function viewText(entry: UrlEntry): string {
  return entry.viewMethod ? `${entry.view}.${entry.viewMethod}` : entry.view;
}

/** The hover of a URL name: each route it has, with what the route captures, its view and where it is declared. */
export function describeUrlName(name: string, entries: readonly UrlEntry[], root: string): string {
  const lines = [`**URL ${codeSpan(name)}**`, ''];
  const namespace = namespaceOf(name);
  if (namespace) lines.push(`Namespace: ${codeSpan(namespace)}`, '');
  for (const entry of entries) {
    lines.push(`- Route: ${codeSpan(entry.route === '' ? '(empty)' : entry.route)}`);
    if (entry.params.length > 0) lines.push(`  - Captures: ${codeSpan(paramText(entry))}`);
    if (entry.view) lines.push(`  - View: ${codeSpan(viewText(entry))}`);
    if (entry.file) lines.push(`  - Declared in ${codeSpan(`${displayFile(entry.file, root)}:${entry.line}`)}${entry.source === 'resolver' ? " (from Django's resolver)" : ''}`);
  }
  return lines.join('\n');
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
