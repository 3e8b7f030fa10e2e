import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { blockRanges } from '../../core/templates/folding';
import { djangoHtmlReason } from '../../core/templates/language';
import { findTemplateReferences } from '../../core/templates/references';
import { EXCLUDED_FOLDERS_GLOB } from '../../core/project';
import { TemplateIndex } from '../../core/templates/resolve';
import { affectsTemplatesExtraGlobs, config } from '../../services/config';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { rangeOf } from '../../services/ranges';
import { TemplateAssist } from './assist';
import { TemplateChecks, TEMPLATE_LANGUAGES } from './diagnostics';
import { TemplateProjects, templateKnowledgeFile } from './language';

const DJANGO_HTML = 'django-html';
const TEMPLATE_SELECTOR: vscode.DocumentSelector = TEMPLATE_LANGUAGES.map((language) => ({ language }));
// Enough for any real project; a runaway search over a huge monorepo stops here.
const MAX_TEMPLATE_FILES = 50_000;

export function registerTemplates(context: vscode.ExtensionContext, log: Log, projectService: ProjectService): void {
  const templates = new ProjectTemplates(log);
  const projects = new TemplateProjects(projectService, templateKnowledgeFile(context), log);
  const assist = new TemplateAssist(projects, templates);
  const checks = new TemplateChecks(projects, log);
  context.subscriptions.push(
    templates,
    projects,
    checks,
    // `{` opens tags and variables, `|` filters, a space the tag's arguments, quotes template and static names.
    vscode.languages.registerCompletionItemProvider(TEMPLATE_SELECTOR, assist, '%', '|', ' ', '"', "'", '/'),
    vscode.languages.registerHoverProvider(TEMPLATE_SELECTOR, assist),
    vscode.languages.registerDefinitionProvider(TEMPLATE_SELECTOR, assist),
    vscode.languages.registerCodeActionsProvider(TEMPLATE_SELECTOR, checks, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.languages.registerDocumentLinkProvider(TEMPLATE_SELECTOR, new TemplateLinks(templates, log)),
    vscode.languages.registerFoldingRangeProvider(TEMPLATE_SELECTOR, new BlockTagFolding()),
    new TemplateLanguageSelection(log),
  );
}

interface TemplateFiles {
  readonly index: TemplateIndex;
  /** Files by `Uri.path`, the form the index works with. */
  readonly uris: ReadonlyMap<string, vscode.Uri>;
}

/** The workspace's files under `templates` folders, listed once and again after files come or go. */
class ProjectTemplates implements vscode.Disposable {
  private files: Promise<TemplateFiles> | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/templates/**', false, true, false);
    this.disposables = [
      watcher,
      watcher.onDidCreate(() => this.forget()),
      watcher.onDidDelete(() => this.forget()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forget()),
    ];
  }

  list(): Promise<TemplateFiles> {
    this.files ??= this.find().catch((error: unknown) => {
      this.files = undefined;
      throw error;
    });
    return this.files;
  }

  private async find(): Promise<TemplateFiles> {
    const found = await vscode.workspace.findFiles('**/templates/**', EXCLUDED_FOLDERS_GLOB, MAX_TEMPLATE_FILES);
    this.log.debug(`Templates: ${found.length} files under templates folders`);
    const uris = new Map(found.map((uri) => [uri.path, uri]));
    return { index: new TemplateIndex(uris.keys()), uris };
  }

  private forget(): void {
    this.files = undefined;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Ctrl+click on the name in `{% extends "…" %}` and `{% include "…" %}` opens that template. */
class TemplateLinks implements vscode.DocumentLinkProvider {
  constructor(
    private readonly templates: ProjectTemplates,
    private readonly log: Log,
  ) {}

  async provideDocumentLinks(document: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const references = findTemplateReferences(document.getText());
    if (references.length === 0) return [];
    try {
      const { index, uris } = await this.templates.list();
      return references.flatMap((reference) => {
        const target = index.resolve(reference.name, document.uri.path);
        const uri = target === undefined ? undefined : uris.get(target);
        if (!uri) {
          this.log.debug(`Templates: no file for "${reference.name}" in ${document.uri.path}`);
          return [];
        }
        const range = rangeOf(document, reference.start, reference.end);
        const link = new vscode.DocumentLink(range, uri);
        link.tooltip = l10n.t({ message: 'Open {0}', args: [vscode.workspace.asRelativePath(uri)], comment: 'Tooltip of a template name link; {0} is the file it opens.' });
        return [link];
      });
    } catch (error) {
      // VS Code drops a link provider's errors silently; the log is the only trace.
      this.log.error('Templates: listing template files failed', error instanceof Error ? error : String(error));
      return [];
    }
  }
}

/**
 * Folds from a block tag to the line before its end tag. The HTML language server also folds
 * django-html (it is an HTML participant), and VS Code then ignores the configuration's markers.
 */
class BlockTagFolding implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return blockRanges(document.getText())
      .map((range) => new vscode.FoldingRange(document.positionAt(range.start).line, document.positionAt(range.end).line - 1))
      .filter((range) => range.end > range.start);
  }
}

/**
 * Gives django-html to HTML files matching `djangoKit.templates.extraGlobs` or starting with
 * `{% extends %}`/`{% load %}` (the manifest already covers `**\/templates/**\/*.html`). Each
 * document is judged once, on the language it first opened with, so a user who switches a file
 * back to HTML is not overruled.
 */
class TemplateLanguageSelection implements vscode.Disposable {
  private readonly judged = new Set<string>();
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: Log) {
    this.disposables = [
      vscode.workspace.onDidOpenTextDocument((document) => this.judgeOnce(document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.forgetIfClosed(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsTemplatesExtraGlobs(event)) this.rejudgeOpenHtml();
      }),
    ];
    for (const document of vscode.workspace.textDocuments) this.judgeOnce(document);
  }

  private judgeOnce(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.judged.has(key)) return;
    this.judged.add(key);
    this.judge(document);
  }

  private judge(document: vscode.TextDocument): void {
    if (document.languageId !== 'html') return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const relativePath = folder ? path.posix.relative(folder.uri.path, document.uri.path) : undefined;
    const extraGlobs = config.templatesExtraGlobs(document.uri);
    const firstLine = document.lineCount > 0 ? document.lineAt(0).text : '';
    const reason = djangoHtmlReason({ relativePath, firstLine }, extraGlobs);
    if (reason === undefined) return;
    this.log.info(`Templates: opening ${relativePath ?? document.uri.toString()} as Django HTML because ${reason}`);
    vscode.languages.setTextDocumentLanguage(document, DJANGO_HTML).then(undefined, (error: unknown) => {
      this.log.warn(`Templates: could not switch ${document.uri.toString()} to Django HTML: ${String(error)}`);
    });
  }

  /**
   * A language change also arrives as a close followed by an open; only a document that is really
   * gone (no longer among the open documents) may be judged afresh next time.
   */
  private forgetIfClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    setTimeout(() => {
      if (!vscode.workspace.textDocuments.some((d) => d.uri.toString() === key)) this.judged.delete(key);
    }, 0);
  }

  private rejudgeOpenHtml(): void {
    for (const document of vscode.workspace.textDocuments) this.judge(document);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
