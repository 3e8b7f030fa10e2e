import path from 'node:path';
import vscode = require('vscode');
import { SettingsIndexCache } from '../../core/settings/cache';
import { type InstalledDjango, readInstalledDjango } from '../../core/settings/defaults';
import { type DjangoProject, projectForFile } from '../../core/project';
import { isConventionalSettingsPath } from '../../core/settings/detect';
import { type KnowledgeBase, loadCompiledKnowledge } from '../../core/settings/knowledge';
import { ProjectReadsCache } from '../../core/settings/projectReads';
import { type SettingSites, type SettingsIndex, warmUpParser } from '../../core/settings/scanner';
import type { Slices } from '../../core/settings/slices';
import { config } from '../../services/config';
import { projectPython } from '../../services/interpreter';
import { type Log } from '../../services/log';

/** What one interpreter said about Django, once it has answered. */
interface InstalledAnswer {
  readonly pending: Promise<InstalledDjango | undefined>;
  value?: InstalledDjango;
}

/** Everything the settings providers share: the knowledge, the parse cache and what is known about the project. */
export class SettingsSupport {
  private loadedKnowledge: KnowledgeBase | undefined;
  private readonly scans = new SettingsIndexCache();
  /** Every settings module the project model found: what DJANGO_SETTINGS_MODULE names and what it star-imports. */
  private declared = new Set<string>();
  private projects: readonly DjangoProject[] = [];
  private readonly installed = new Map<string, InstalledAnswer>();
  private warm = false;
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

  /**
   * Readies what the first hover and check on a settings module need, while nobody waits: the
   * parser's first use, where the module's statements start, and the question to the project's interpreter.
   */
  prepare(document: vscode.TextDocument): void {
    if (!this.isSettingsModule(document)) return;
    this.warmUp();
    setImmediate(() => {
      if (!document.isClosed) this.scans.findStatements(document.uri.toString(), document.version, () => document.getText());
    });
    void this.installedDjango(document);
  }

  /**
   * Pays the first-use cost of the parser and the knowledge once, in its own turn of the event loop
   * rather than inside a request.
   */
  warmUp(): void {
    if (this.warm) return;
    this.warm = true;
    setImmediate(() => {
      const started = performance.now();
      warmUpParser();
      void this.knowledge;
      this.log.debug(`Settings: parser and knowledge ready in ${(performance.now() - started).toFixed(1)} ms`);
    });
  }

  /** The whole document's scan, parsed in slices when this version has none yet (see slices.ts). */
  scanInSlices(document: vscode.TextDocument, slices: Slices): Promise<SettingsIndex> {
    return this.scans.getInSlices(document.uri.toString(), document.version, this.isSettingsModule(document), () => document.getText(), slices);
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
    return this.installedAnswer(document)?.pending ?? Promise.resolve(undefined);
  }

  /** What the interpreter said, if it has answered already; else asks it, for a later use. */
  installedDjangoIfKnown(document: vscode.TextDocument): InstalledDjango | undefined {
    return this.installedAnswer(document)?.value;
  }

  private installedAnswer(document: vscode.TextDocument): InstalledAnswer | undefined {
    if (!vscode.workspace.isTrusted || document.uri.scheme !== 'file') return undefined;
    const projectDir = this.projectDirOf(document.uri);
    const key = projectDir.toString();
    let answer = this.installed.get(key);
    if (!answer) {
      const created: InstalledAnswer = { pending: this.askInterpreter(projectDir) };
      void created.pending.then((value) => {
        created.value = value;
      });
      answer = created;
      this.installed.set(key, answer);
    }
    return answer;
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

export function untrustedMarkdown(text: string): vscode.MarkdownString {
  // Not trusted and no HTML: the text is ours, but values shown in it come from the user's file.
  const markdown = new vscode.MarkdownString(text);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
