import { readFileSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import type { DjangoProject } from '../../core/project';
import { projectlessTemplates, projectVocabulary, templateNameChecker } from '../../core/templates/environment';
import { COMPILED_TEMPLATE_KNOWLEDGE_FILE, type KnownLibrary, loadCompiledTemplateKnowledge } from '../../core/templates/knowledge';
import type { Vocabulary } from '../../core/templates/vocabulary';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';

/** What the template providers need for one document's project. */
export interface TemplateProjectContext {
  readonly project: DjangoProject | undefined;
  readonly vocabulary: Vocabulary;
  readonly templateExists: ((name: string) => boolean) | undefined;
}

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
 * Each project's template vocabulary, from the project model service (which asks the interpreter
 * in a trusted workspace), made on first use and again when the project or a library changes.
 */
export class TemplateProjects implements vscode.Disposable {
  private vocabularies = new WeakMap<DjangoProject, Vocabulary>();
  private projectless: Vocabulary | undefined;
  private knowledge: KnownLibrary[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[];
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly projects: ProjectService,
    private readonly knowledgeFile: string,
    private readonly log: Log,
  ) {
    // The model rebuilds a project when its settings change, not when a library's body does.
    const libraries = vscode.workspace.createFileSystemWatcher('**/templatetags/**/*.py');
    this.disposables = [
      this.changed,
      libraries,
      libraries.onDidChange(() => this.forget()),
      projects.onDidChange(() => this.forget()),
    ];
  }

  private forget(): void {
    this.vocabularies = new WeakMap();
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

  async contextFor(document: vscode.TextDocument): Promise<TemplateProjectContext> {
    const project = await this.projects.projectFor(document.uri);
    if (!project) {
      this.projectless ??= projectVocabulary(projectlessTemplates(''), this.loadKnowledge(), readOpenOrDisk);
      return { project, vocabulary: this.projectless, templateExists: undefined };
    }
    let vocabulary = this.vocabularies.get(project);
    if (!vocabulary) {
      vocabulary = projectVocabulary(project, this.loadKnowledge(), readOpenOrDisk);
      this.vocabularies.set(project, vocabulary);
    }
    return { project, vocabulary, templateExists: templateNameChecker(project) };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** The compiled knowledge beside the extension's bundle. */
export function templateKnowledgeFile(context: vscode.ExtensionContext): string {
  return path.join(context.extensionPath, 'dist', COMPILED_TEMPLATE_KNOWLEDGE_FILE);
}
