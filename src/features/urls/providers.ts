import vscode = require('vscode');
import { l10n } from 'vscode';
import { resolveModuleFile } from '../../core/project';
import { completionDetail, describeUrlName, namespaceOf } from '../../core/urls/describe';
import type { UrlEntry } from '../../core/urls/types';
import { readTextIfReadable } from '../../core/files';
import { viewDefinition } from '../../core/urls/views';
import { rangeOf } from '../../services/ranges';
import { slotAt, usageAt, workspaceUsages } from './documents';
import type { UrlReadings } from './readings';

/** URL names inside the quotes of `{% url '…' %}`, reverse('…'), redirect('…')…, with route and view beside each. */
export class UrlNameCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly readings: UrlReadings) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const slot = slotAt(document, position);
    const found = slot ? await this.readings.namesFor(document.uri) : undefined;
    if (!slot || !found) return undefined;
    const range = rangeOf(document, slot.start, slot.end);
    return found.names.names().map((name) => {
      const { route, view } = completionDetail(found.names.entries(name));
      const item = new vscode.CompletionItem({ label: name, detail: `  ${route}`, description: view }, vscode.CompletionItemKind.Reference);
      item.range = range;
      return item;
    });
  }
}

function location(file: string, line: number): vscode.Location {
  return new vscode.Location(vscode.Uri.file(file), new vscode.Position(Math.max(0, line - 1), 0));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(key(item)) && seen.add(key(item)));
}

/** The path() line of a name, then the view it calls. */
export class UrlNameDefinition implements vscode.DefinitionProvider {
  constructor(private readonly readings: UrlReadings) {}

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const usage = usageAt(document, position);
    const found = usage ? await this.readings.namesFor(document.uri) : undefined;
    if (!usage || !found) return undefined;
    const entries = found.names.entries(usage.name).filter((entry) => entry.file !== '');
    if (entries.length === 0) return undefined;
    const declarations = uniqueBy(entries, (entry) => `${entry.file}:${entry.line}`).map((entry) => location(entry.file, entry.line));
    const views = uniqueBy(entries, (entry) => `${entry.view}.${entry.viewMethod ?? ''}`).flatMap((entry) => {
      const place = entry.source === 'static' ? viewDefinition(entry.view, entry.viewMethod, (dotted) => resolveModuleFile(found.project, dotted), readTextIfReadable) : undefined;
      return place ? [location(place.file, place.line)] : [];
    });
    return uniqueBy([...declarations, ...views], (l) => `${l.uri.toString()}:${l.range.start.line}`);
  }
}

export class UrlNameHover implements vscode.HoverProvider {
  constructor(private readonly readings: UrlReadings) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const usage = usageAt(document, position);
    const found = usage ? await this.readings.namesFor(document.uri) : undefined;
    const entries = usage && found ? found.names.entries(usage.name) : [];
    if (!usage || !found || entries.length === 0) return undefined;
    const markdown = new vscode.MarkdownString(describeUrlName(usage.name, entries, found.project.root));
    markdown.isTrusted = false;
    return new vscode.Hover(markdown, rangeOf(document, usage.start, usage.end));
  }
}

/** Every template and Python use of a name, and its path() declaration. */
export class UrlNameReferences implements vscode.ReferenceProvider {
  constructor(private readonly readings: UrlReadings) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): Promise<vscode.Location[] | undefined> {
    const usage = usageAt(document, position);
    const found = usage ? await this.readings.namesFor(document.uri) : undefined;
    if (!usage || !found) return undefined;
    const uses = await workspaceUsages(new Set([usage.name]), found.project.root);
    const locations = uses.map((use) => new vscode.Location(use.uri, use.range));
    if (!context.includeDeclaration) return locations;
    const declarations = await Promise.all(uniqueBy(found.names.entries(usage.name).filter((e) => e.file !== ''), (e) => `${e.file}:${e.line}`).map((entry) => declarationLocation(entry)));
    return [...declarations, ...locations];
  }
}

async function declarationLocation(entry: UrlEntry): Promise<vscode.Location> {
  if (entry.nameOffset === undefined || !entry.name) return location(entry.file, entry.line);
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(entry.file));
  const short = entry.name.slice(entry.name.lastIndexOf(':') + 1);
  return new vscode.Location(document.uri, rangeOf(document, entry.nameOffset, entry.nameOffset + short.length));
}

function shortName(name: string): string {
  return name.slice(name.lastIndexOf(':') + 1);
}

/**
 * Renames a name written as a literal in path(): its declaration, and every use of each full name
 * that declaration has (a module included under two namespaces has two).
 */
export class UrlNameRename implements vscode.RenameProvider {
  constructor(private readonly readings: UrlReadings) {}

  async prepareRename(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Range> {
    const usage = usageAt(document, position);
    const found = usage ? await this.readings.namesFor(document.uri) : undefined;
    if (!usage || !found) throw new Error(l10n.t('Not a URL name.'));
    const entries = found.names.entries(usage.name);
    if (entries.length === 0) throw new Error(l10n.t('`{0}` is not a known URL name.', usage.name));
    if (entries.some((entry) => entry.nameOffset === undefined)) throw new Error(l10n.t('`{0}` is not written as a literal in {1}, so it cannot be renamed here.', usage.name, 'path()'));
    return rangeOf(document, usage.start, usage.end);
  }

  async provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): Promise<vscode.WorkspaceEdit | undefined> {
    const range = await this.prepareRename(document, position);
    const oldName = document.getText(range);
    const found = (await this.readings.namesFor(document.uri))!;
    const namespace = namespaceOf(oldName);
    if (newName.includes(':') && namespaceOf(newName) !== namespace) throw new Error(l10n.t('Only the last part of a URL name can be renamed; its namespace comes from {0}.', 'include()'));
    const newShort = shortName(newName);
    if (!/^[^\s'"]+$/.test(newShort)) throw new Error(l10n.t('`{0}` cannot be a URL name.', newShort));
    const declarations = found.names.entries(oldName);
    const declared = new Set(declarations.map((entry) => `${entry.file}:${entry.nameOffset}`));
    // Every full name that comes from the same declarations.
    const renamed = new Map<string, string>();
    for (const name of found.names.names()) {
      if (found.names.entries(name).some((entry) => declared.has(`${entry.file}:${entry.nameOffset}`))) {
        renamed.set(name, `${name.slice(0, name.length - shortName(name).length)}${newShort}`);
      }
    }
    const edit = new vscode.WorkspaceEdit();
    for (const entry of uniqueBy(declarations, (e) => `${e.file}:${e.nameOffset}`)) {
      const declaration = await declarationLocation(entry);
      edit.replace(declaration.uri, declaration.range, newShort);
    }
    for (const use of await workspaceUsages(new Set(renamed.keys()), found.project.root)) {
      edit.replace(use.uri, use.range, renamed.get(use.usage.name)!);
    }
    return edit;
  }
}
