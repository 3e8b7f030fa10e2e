import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { buildProject, buildProjectModel, type DjangoProject, probeProjectEnvironment, projectForFile, type ProjectModel } from '../../core/project';
import { projectVocabulary, templateNameChecker } from '../../core/templates/environment';
import { COMPILED_TEMPLATE_KNOWLEDGE_FILE, type KnownLibrary, loadCompiledTemplateKnowledge } from '../../core/templates/knowledge';
import type { Vocabulary } from '../../core/templates/vocabulary';
import { projectPython } from '../interpreter';
import type { Log } from '../log';

/** What the template providers need for one document's project. */
export interface TemplateProjectContext {
  readonly project: DjangoProject | undefined;
  readonly vocabulary: Vocabulary;
  readonly templateExists: ((name: string) => boolean) | undefined;
}

const NO_PROJECT: DjangoProject = {
  root: '',
  manage: '',
  settingsModule: null,
  settingsFile: null,
  settingsFiles: [],
  rootUrlconf: null,
  rootUrlconfFile: null,
  // An app of unknown folder: with no project, libraries we cannot see may exist.
  apps: [{ name: '?', label: '?', path: null, local: false, entry: '?' }],
  templateDirs: [],
  templateLibraries: [],
  templateBuiltins: [],
  staticDirs: [],
  sitePackages: [],
  djangoVersion: null,
  problems: [],
};

function readOpenOrDisk(file: string): string | undefined {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file);
  if (open) return open.getText();
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The projects of the workspace and each one's template vocabulary, built on first use and again
 * when a settings or templatetags file changes. In a trusted workspace the project's interpreter
 * is asked for its site-packages (one short probe), so installed apps' libraries are known too.
 */
export class TemplateProjects implements vscode.Disposable {
  private model: Promise<ProjectModel> | undefined;
  private readonly vocabularies = new Map<string, Vocabulary>();
  private knowledge: KnownLibrary[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly knowledgeFile: string,
    private readonly log: Log,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    this.disposables = [
      watcher,
      this.changed,
      watcher.onDidCreate((uri) => this.pythonChanged(uri)),
      watcher.onDidChange((uri) => this.pythonChanged(uri)),
      watcher.onDidDelete((uri) => this.pythonChanged(uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.forget()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.forget()),
    ];
  }

  private pythonChanged(uri: vscode.Uri): void {
    // Only what shapes the vocabulary: libraries, settings and app configs.
    if (/[\\/](templatetags[\\/]|settings|apps\.py$|manage\.py$)/.test(uri.fsPath)) this.forget();
  }

  private forget(): void {
    this.model = undefined;
    this.vocabularies.clear();
    this.changed.fire();
  }

  private loadKnowledge(): KnownLibrary[] {
    if (!this.knowledge) {
      const { libraries, errors } = loadCompiledTemplateKnowledge(this.knowledgeFile);
      for (const error of errors) this.log.error(`Templates: ${error}`);
      this.knowledge = libraries;
    }
    return this.knowledge;
  }

  private async build(): Promise<ProjectModel> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
    const plain = buildProjectModel(roots, { read: readOpenOrDisk });
    if (!vscode.workspace.isTrusted) return plain;
    const projects = await Promise.all(plain.projects.map((project) => this.withInterpreter(project)));
    return { projects };
  }

  /** The project again, read with its interpreter's site-packages when it has one that answers. */
  private async withInterpreter(project: DjangoProject): Promise<DjangoProject> {
    const python = await projectPython(vscode.Uri.file(project.root));
    if (!python) return project;
    try {
      const environment = await probeProjectEnvironment(python);
      this.log.debug(`Templates: ${project.root} uses Django ${environment.djangoVersion ?? '?'} from ${python}`);
      return buildProject(project.manage, { read: readOpenOrDisk, ...environment });
    } catch (error) {
      this.log.warn(`Templates: ${python} did not say where its packages are; Django's tags come from Django Kit's knowledge: ${String(error)}`);
      return project;
    }
  }

  async contextFor(document: vscode.TextDocument): Promise<TemplateProjectContext> {
    this.model ??= this.build().catch((error: unknown) => {
      this.model = undefined;
      throw error;
    });
    const model = await this.model;
    const project = document.uri.scheme === 'file' ? projectForFile(model, document.uri.fsPath) : undefined;
    const key = project?.root ?? '';
    let vocabulary = this.vocabularies.get(key);
    if (!vocabulary) {
      vocabulary = projectVocabulary(project ?? NO_PROJECT, this.loadKnowledge(), readOpenOrDisk);
      this.vocabularies.set(key, vocabulary);
    }
    return { project, vocabulary, templateExists: project ? templateNameChecker(project) : undefined };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The compiled knowledge beside the extension's bundle. */
export function templateKnowledgeFile(context: vscode.ExtensionContext): string {
  return path.join(context.extensionPath, 'dist', COMPILED_TEMPLATE_KNOWLEDGE_FILE);
}
