import path from 'node:path';
import vscode = require('vscode');
import { SettingsIndexCache } from '../core/settings/cache';
import { completionAt } from '../core/settings/completion';
import { type InstalledDjango, readInstalledDjango } from '../core/settings/defaults';
import { type DjangoProject, projectForFile } from '../core/project';
import { isConventionalSettingsPath, looksLikeProduction } from '../core/settings/detect';
import { type QuickFix, type SettingsDiagnostic, diagnose } from '../core/settings/diagnostics';
import { COMPILED_KNOWLEDGE_FILE, type KnowledgeBase, loadCompiledKnowledge } from '../core/settings/knowledge';
import { hoverAt } from '../core/settings/lookup';
import { ProjectReadsCache } from '../core/settings/projectReads';
import { renderEntry } from '../core/settings/markdown';
import type { SettingSites, SettingsIndex } from '../core/settings/scanner';
import { command } from '../services/commands';
import { affectsInterpreter, affectsSettingsFeature, config } from '../services/config';
import { projectPython } from '../services/interpreter';
import { type Log } from '../services/log';
import type { ProjectService } from '../services/projects';
import { DebouncedByKey } from '../core/debounce';

const PYTHON: vscode.DocumentSelector = { language: 'python' };
const DIAGNOSTIC_SOURCE = 'Django Kit';
const DIAGNOSTIC_DELAY_MS = 300;
const INSTALLED_WAIT_MS = 3000;

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}

/** Everything the settings providers share: the knowledge, the parse cache and what is known about the project. */
class SettingsSupport {
  private loadedKnowledge: KnowledgeBase | undefined;
  private readonly scans = new SettingsIndexCache();
  /** Every settings module the project model found: what DJANGO_SETTINGS_MODULE names and what it star-imports. */
  private declared = new Set<string>();
  private projects: readonly DjangoProject[] = [];
  private readonly installed = new Map<string, Promise<InstalledDjango | undefined>>();
  readonly projectReads = new ProjectReadsCache();

  constructor(
    private readonly knowledgeFile: string,
    private readonly log: Log,
  ) {}

  get knowledge(): KnowledgeBase {
    if (!this.loadedKnowledge) {
      const { knowledge, errors } = loadCompiledKnowledge(this.knowledgeFile);
      for (const error of errors) this.log.warn(`Settings knowledge: ${error}`);
      this.log.info(`Settings knowledge: ${knowledge.entries().length} entries from ${this.knowledgeFile}`);
      this.loadedKnowledge = knowledge;
    }
    return this.loadedKnowledge;
  }

  /** Takes the settings modules and project folders from the project model. */
  useProjects(projects: readonly DjangoProject[]): void {
    this.projects = projects;
    this.declared = new Set(projects.flatMap((project) => [...project.settingsFiles, ...project.alternateSettingsFiles]).map((file) => path.normalize(file)));
    this.log.debug(`Settings modules of the project model: ${[...this.declared].join(', ') || 'none'}`);
  }

  isSettingsModule(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'python') return false;
    const file = document.uri.fsPath;
    if (isConventionalSettingsPath(file) || this.declared.has(path.normalize(file))) return true;
    return config.settingsExtraGlobs(document.uri).some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  scan(document: vscode.TextDocument): SettingsIndex {
    return this.scans.get(document.uri.toString(), document.version, this.isSettingsModule(document), () => document.getText());
  }

  /** The settings near `offset`, without parsing the whole document when it has no scan yet. */
  scanAround(document: vscode.TextDocument, offset: number): SettingSites {
    return this.scans.around(document.uri.toString(), document.version, this.isSettingsModule(document), () => document.getText(), offset);
  }

  /** Lets the next parse of an edited document reuse the parts of its tree the edit left alone. */
  edited(event: vscode.TextDocumentChangeEvent): void {
    const changes = event.contentChanges.map((change) => ({ from: change.rangeOffset, to: change.rangeOffset + change.rangeLength, insertedLength: change.text.length }));
    this.scans.edit(event.document.uri.toString(), changes, event.document.version);
  }

  forget(document: vscode.TextDocument): void {
    this.scans.forget(document.uri.toString());
  }

  /**
   * The project's Django version and defaults, asked once per interpreter. Only in a trusted
   * workspace: running the project's interpreter executes code from the workspace.
   */
  installedDjango(document: vscode.TextDocument): Promise<InstalledDjango | undefined> {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return Promise.resolve(undefined);
    const projectDir = this.projectDirOf(document.uri);
    const key = projectDir.toString();
    let pending = this.installed.get(key);
    if (!pending) {
      pending = this.askInterpreter(projectDir);
      this.installed.set(key, pending);
    }
    return pending;
  }

  /** After the interpreter setting changes, the next use asks again. */
  forgetInstalledDjango(): void {
    this.installed.clear();
  }

  private async askInterpreter(projectDir: vscode.Uri): Promise<InstalledDjango | undefined> {
    try {
      const python = await projectPython(projectDir);
      if (!python) {
        this.log.info(`Settings: no project interpreter for ${projectDir.fsPath}; installed Django defaults are not shown`);
        return undefined;
      }
      const installed = await readInstalledDjango(python, projectDir.fsPath);
      if (installed) this.log.info(`Settings: ${python} has Django ${installed.version}`);
      else this.log.info(`Settings: Django is not importable with ${python}`);
      return installed;
    } catch (error) {
      this.log.warn(`Settings: could not ask the project interpreter about Django: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /** The root of the file's project, else its workspace folder, else its own folder. */
  projectDirOf(uri: vscode.Uri): vscode.Uri {
    const project = projectForFile({ projects: this.projects }, uri.fsPath);
    if (project) return vscode.Uri.file(project.root);
    return vscode.workspace.getWorkspaceFolder(uri)?.uri ?? vscode.Uri.file(path.dirname(uri.fsPath));
  }
}

function toRange(document: vscode.TextDocument, from: number, to: number): vscode.Range {
  return new vscode.Range(document.positionAt(from), document.positionAt(to));
}

function untrustedMarkdown(text: string): vscode.MarkdownString {
  // Not trusted and no HTML: the text is ours, but values shown in it come from the user's file.
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

function hoverProvider(support: SettingsSupport): vscode.HoverProvider {
  return {
    async provideHover(document, position) {
      const offset = document.offsetAt(position);
      const index = support.scanAround(document, offset);
      if (!hoverAt(index, offset, support.knowledge)) return undefined;
      // Only a hover that exists waits for the interpreter, which answers once and is cached; a slow
      // interpreter never holds the hover back for long.
      const installed = await Promise.race([support.installedDjango(document), delay(INSTALLED_WAIT_MS)]);
      const hover = hoverAt(index, offset, support.knowledge, installed);
      return hover && new vscode.Hover(untrustedMarkdown(hover.markdown), toRange(document, hover.from, hover.to));
    },
  };
}

function completionProvider(support: SettingsSupport): vscode.CompletionItemProvider {
  return {
    provideCompletionItems(document, position) {
      if (!support.isSettingsModule(document)) return undefined;
      const completion = completionAt(support.scan(document), document.offsetAt(position), support.knowledge);
      if (!completion) return undefined;
      const range = toRange(document, completion.from, completion.to);
      return completion.items.map((item) => {
        const result = new vscode.CompletionItem(item.label, vscode.CompletionItemKind.Property);
        result.insertText = item.insertText;
        result.filterText = item.filterText;
        result.detail = item.detail;
        result.documentation = untrustedMarkdown(item.documentation);
        result.range = range;
        return result;
      });
    },
  };
}

const SEVERITIES: Record<SettingsDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** Runs the checks on open settings modules and remembers each diagnostic's quick fixes. */
class SettingsChecks implements vscode.CodeActionProvider {
  readonly collection = vscode.languages.createDiagnosticCollection('django-kit-settings');
  private readonly fixes = new WeakMap<vscode.Diagnostic, readonly QuickFix[]>();
  private readonly pending = new DebouncedByKey(DIAGNOSTIC_DELAY_MS);

  constructor(
    private readonly support: SettingsSupport,
    private readonly log: Log,
  ) {}

  schedule(document: vscode.TextDocument): void {
    this.pending.schedule(document.uri.toString(), () => void this.check(document));
  }

  async check(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !this.support.isSettingsModule(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const checks = config.settingsDiagnostics(document.uri);
    const installed = await this.support.installedDjango(document);
    const readNames = document.uri.scheme === 'file' ? await this.support.projectReads.names(this.support.projectDirOf(document.uri).fsPath) : undefined;
    if (document.isClosed) return;
    const found = diagnose(this.support.scan(document), this.support.knowledge, {
      ...checks,
      production: looksLikeProduction(document.uri.fsPath),
      djangoVersion: installed?.version,
      readNames,
    });
    this.collection.set(document.uri, found.map((item) => this.toDiagnostic(document, item)));
    this.log.trace(`Settings: ${found.length} finding(s) in ${document.uri.fsPath}`);
  }

  private toDiagnostic(document: vscode.TextDocument, item: SettingsDiagnostic): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(document, item.from, item.to), item.message, SEVERITIES[item.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = item.code;
    this.fixes.set(diagnostic, item.fixes);
    return diagnostic;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) =>
      (this.fixes.get(diagnostic) ?? []).map((fix) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix === this.fixes.get(diagnostic)?.[0];
        const edit = new vscode.WorkspaceEdit();
        for (const change of fix.edits) edit.replace(document.uri, toRange(document, change.from, change.to), change.text);
        action.edit = edit;
        return action;
      }),
    );
  }

  dispose(): void {
    this.pending.dispose();
    this.collection.dispose();
  }
}

const EXPLANATION_SCHEME = 'django-kit-setting';

/** Read-only documents `django-kit-setting:/SCOPE/NAME.md` holding one setting's explanation. */
function explanationProvider(support: SettingsSupport): vscode.TextDocumentContentProvider {
  return {
    provideTextDocumentContent(uri) {
      const [scope, file] = uri.path.split('/').filter(Boolean);
      const entry = support.knowledge.entries().find((e) => e.scope === scope && `${e.name}.md` === file);
      return entry ? renderEntry(entry, support.knowledge) : `No explanation for ${uri.path}\n`;
    },
  };
}

/** Asks for a setting by name and opens its explanation beside the editor. */
async function explainSetting(support: SettingsSupport): Promise<void> {
  const picks = support.knowledge.entries().map((entry) => ({ label: entry.name, description: entry.scope, detail: entry.summary, entry }));
  const choice = await vscode.window.showQuickPick(picks, { placeHolder: 'Setting to explain', matchOnDescription: true, matchOnDetail: true });
  if (!choice) return;
  const uri = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${choice.entry.scope}/${choice.entry.name}.md` });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}

export function registerSettings(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const support = new SettingsSupport(path.join(context.extensionPath, 'dist', COMPILED_KNOWLEDGE_FILE), log);
  const checks = new SettingsChecks(support, log);
  const recheckAll = () => {
    for (const document of vscode.workspace.textDocuments) checks.schedule(document);
  };
  context.subscriptions.push(
    checks,
    projects.onDidChange((current) => {
      support.useProjects(current);
      recheckAll();
    }),
    vscode.languages.registerHoverProvider(PYTHON, hoverProvider(support)),
    vscode.languages.registerCompletionItemProvider(PYTHON, completionProvider(support), '"', "'"),
    vscode.languages.registerCodeActionsProvider(PYTHON, checks, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.workspace.onDidOpenTextDocument((document) => checks.schedule(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0) return;
      support.edited(event);
      checks.schedule(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'python' && document.uri.scheme === 'file') void support.projectReads.update(document.uri.fsPath, document.getText()).then(recheckAll);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      support.forget(document);
      checks.collection.delete(document.uri);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const interpreterChanged = affectsInterpreter(event);
      if (interpreterChanged) support.forgetInstalledDjango();
      if (interpreterChanged || affectsSettingsFeature(event)) recheckAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(recheckAll),
    vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, explanationProvider(support)),
    vscode.commands.registerCommand('djangoKit.settings.explain', command(log, 'Explain Setting', () => explainSetting(support))),
  );
  recheckAll();
}
