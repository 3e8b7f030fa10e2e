import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import vscode = require('vscode');
import { completionsAt, type CompletionEntry, definedBlocks, extendedName, lookupSymbol, symbolAt } from '../../core/templates/assist';
import { loadInsertion } from '../../core/templates/check';
import { describeEntry, describeLibrary } from '../../core/templates/markdown';
import type { TemplateIndex } from '../../core/templates/resolve';
import type { FilterInfo, LibraryInfo, TagInfo } from '../../core/templates/vocabulary';
import { rangeOf } from '../../services/ranges';
import type { TemplateProjects } from './language';

/** The workspace's template files as the links provider lists them. */
export interface TemplateFileList {
  list(): Promise<{ readonly index: TemplateIndex; readonly uris: ReadonlyMap<string, vscode.Uri> }>;
}

const COMPLETION_KINDS: Record<CompletionEntry['kind'], vscode.CompletionItemKind> = {
  tag: vscode.CompletionItemKind.Keyword,
  filter: vscode.CompletionItemKind.Function,
  library: vscode.CompletionItemKind.Module,
  block: vscode.CompletionItemKind.Field,
  template: vscode.CompletionItemKind.File,
  static: vscode.CompletionItemKind.File,
};

// Parents of parents are followed this far; a cycle of extends stops here too.
const MAX_PARENTS = 10;
const MAX_STATIC_FILES = 5_000;

/** Reads a template by its name, as the workspace's index resolves it (open documents first). */
async function templateText(files: TemplateFileList, name: string, from: string): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  const { index, uris } = await files.list();
  const target = index.resolve(name, from);
  const uri = target === undefined ? undefined : uris.get(target);
  if (!uri) return undefined;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return { uri, text: open.getText() };
  return { uri, text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
}

/** The parent templates of a document, nearest first. */
async function parents(files: TemplateFileList, document: vscode.TextDocument): Promise<{ uri: vscode.Uri; text: string }[]> {
  const chain: { uri: vscode.Uri; text: string }[] = [];
  let text = document.getText();
  let from = document.uri.path;
  for (let depth = 0; depth < MAX_PARENTS; depth++) {
    const name = extendedName(text);
    const parent = name === undefined ? undefined : await templateText(files, name, from);
    if (!parent || chain.some((c) => c.uri.toString() === parent.uri.toString())) break;
    chain.push(parent);
    text = parent.text;
    from = parent.uri.path;
  }
  return chain;
}

async function staticPaths(dirs: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  async function walk(dir: string, prefix: string): Promise<void> {
    if (found.size >= MAX_STATIC_FILES) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.isFile()) found.add(`${prefix}${entry.name}`);
    }
  }
  for (const dir of dirs) await walk(dir, '');
  return [...found].sort();
}

async function templateNames(files: TemplateFileList): Promise<string[]> {
  const { index, uris } = await files.list();
  const names = new Set<string>();
  for (const file of uris.keys()) {
    const name = index.nameOf(file);
    if (name) names.add(name);
  }
  return [...names].sort();
}

function loadEdit(document: vscode.TextDocument, library: string): vscode.TextEdit {
  const fix = loadInsertion(document.getText(), library);
  return vscode.TextEdit.insert(document.positionAt(fix.offset), fix.text);
}

/** Completion, hover and go to definition in django-html and django-txt. */
export class TemplateAssist implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.DefinitionProvider {
  constructor(
    private readonly projects: TemplateProjects,
    private readonly files: TemplateFileList,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const text = document.getText();
    const offset = document.offsetAt(position);
    const { vocabulary, project } = await this.projects.contextFor(document);
    const context = text.slice(Math.max(0, offset - 200), offset);
    const wantsParents = /\{%\s*(?:block\b|\w*$)/.test(context);
    const wantsTemplates = /\{%\s*(?:extends|include)\s+["'][^"']*$/.test(context);
    const wantsStatic = /\{%\s*static\s+["'][^"']*$/.test(context);
    const parentBlocks = wantsParents ? (await parents(this.files, document)).flatMap((p) => definedBlocks(p.text).map((b) => b.name)) : [];
    const entries = completionsAt(text, offset, {
      vocabulary,
      parentBlocks: [...new Set(parentBlocks)],
      templateNames: wantsTemplates ? await templateNames(this.files) : [],
      staticPaths: wantsStatic ? await staticPaths(project?.staticDirs ?? []) : [],
    });
    return entries.map((entry) => this.completionItem(document, entry));
  }

  private completionItem(document: vscode.TextDocument, entry: CompletionEntry): vscode.CompletionItem {
    const item = new vscode.CompletionItem(entry.label, COMPLETION_KINDS[entry.kind]);
    item.insertText = new vscode.SnippetString(entry.insert);
    item.range = rangeOf(document, entry.start, entry.end);
    item.filterText = entry.label;
    if (entry.detail) item.detail = entry.load ? `${entry.detail}  ({% load ${entry.load} %})` : entry.detail;
    if (entry.documentation) item.documentation = new vscode.MarkdownString(entry.documentation);
    if (entry.load) item.additionalTextEdits = [loadEdit(document, entry.load)];
    // Loaded and built-in names first; the rest stay reachable by typing.
    item.sortText = `${entry.load ? '1' : '0'}${entry.label}`;
    return item;
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const symbol = symbolAt(document.getText(), document.offsetAt(position));
    if (!symbol || symbol.kind === 'block' || symbol.kind === 'static') return undefined;
    const { vocabulary } = await this.projects.contextFor(document);
    const found = lookupSymbol(vocabulary, symbol);
    if (!found) return undefined;
    const markdown = symbol.kind === 'library' ? describeLibrary(found as LibraryInfo) : describeEntry(found as TagInfo | FilterInfo);
    return new vscode.Hover(new vscode.MarkdownString(markdown), rangeOf(document, symbol.start, symbol.end));
  }

  async provideDefinition(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location | undefined> {
    const symbol = symbolAt(document.getText(), document.offsetAt(position));
    if (!symbol) return undefined;
    if (symbol.kind === 'block') return this.parentBlock(document, symbol.name);
    const { vocabulary, project } = await this.projects.contextFor(document);
    if (symbol.kind === 'static') {
      for (const dir of project?.staticDirs ?? []) {
        const file = path.join(dir, ...symbol.name.split('/'));
        if (await readFile(file).then(() => true, () => false)) return new vscode.Location(vscode.Uri.file(file), new vscode.Position(0, 0));
      }
      return undefined;
    }
    const found = lookupSymbol(vocabulary, symbol);
    if (!found) return undefined;
    const file = 'origin' in found ? found.origin.file : found.file;
    const line = 'origin' in found ? (found.origin.line ?? 1) : 1;
    return file ? new vscode.Location(vscode.Uri.file(file), new vscode.Position(line - 1, 0)) : undefined;
  }

  private async parentBlock(document: vscode.TextDocument, name: string): Promise<vscode.Location | undefined> {
    for (const parent of await parents(this.files, document)) {
      const block = definedBlocks(parent.text).find((b) => b.name === name);
      if (!block) continue;
      const lines = parent.text.slice(0, block.start).split('\n');
      return new vscode.Location(parent.uri, new vscode.Position(lines.length - 1, lines.at(-1)!.length));
    }
    return undefined;
  }
}
