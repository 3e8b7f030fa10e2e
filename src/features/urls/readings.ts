import * as vscode from 'vscode';
import { buildProject, type DjangoProject, findManageFiles, probeProjectEnvironment, projectForFile } from '../../core/project';
import { UrlNames } from '../../core/urls/names';
import { readProjectUrls, readText } from '../../core/urls/project';
import { UrlconfReader } from '../../core/urls/read';
import { mergeResolverUrls, resolverUrls } from '../../core/urls/resolver';
import type { UrlEntry } from '../../core/urls/types';
import type { Log } from '../log';

/** One project's URL names, read again lazily after a Python file changes. */
class ProjectUrls {
  readonly reader = new UrlconfReader();
  private names: UrlNames | undefined;
  /** What Django's resolver listed at the last refresh; kept until the next one. */
  resolved: readonly UrlEntry[] | undefined;
  private lastProblems = '';

  constructor(
    public project: DjangoProject,
    private readonly log: Log,
  ) {}

  current(): UrlNames {
    if (!this.names) {
      const reading = readProjectUrls(this.project, this.reader, readText);
      this.names = new UrlNames(this.resolved ? mergeResolverUrls(reading, this.resolved) : reading);
      this.logIncomplete();
    }
    return this.names;
  }

  forget(): void {
    this.names = undefined;
  }

  /** Says once (until the problems change) why unknown names go unreported. */
  private logIncomplete(): void {
    const problems = this.names!.reading.problems.join('\n');
    if (problems === this.lastProblems) return;
    this.lastProblems = problems;
    if (problems === '' || this.names!.reading.complete) return;
    this.log.info(`URL names: the URLconf of ${this.project.root} could not be read completely, so unknown names are not reported:\n${problems}`);
  }
}

/**
 * The URL names of every Django project in the workspace. Projects are found without running
 * anything; a change to any .py file makes the names be read again (the parses of unchanged
 * modules are kept).
 */
export class UrlReadings implements vscode.Disposable {
  private projects: ProjectUrls[] | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    const onPython = (uri: vscode.Uri) => {
      if (uri.path.endsWith('/manage.py')) this.projects = undefined;
      else for (const project of this.projects ?? []) project.forget();
      this.changed.fire();
    };
    this.disposables = [
      watcher,
      this.changed,
      watcher.onDidChange(onPython),
      watcher.onDidCreate(onPython),
      watcher.onDidDelete(onPython),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.projects = undefined;
        this.changed.fire();
      }),
    ];
  }

  private all(): ProjectUrls[] {
    if (!this.projects) {
      const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
      this.projects = findManageFiles(roots).map((manage) => new ProjectUrls(buildProject(manage), this.log));
      this.log.debug(`URL names: ${this.projects.length} Django project(s) found`);
    }
    return this.projects;
  }

  /** The project a file belongs to: the one whose folder holds it, else the only one there is. */
  projectFor(uri: vscode.Uri): ProjectUrls | undefined {
    const projects = this.all();
    const model = { projects: projects.map((p) => p.project) };
    const project = uri.scheme === 'file' ? projectForFile(model, uri.fsPath) : undefined;
    return project ? projects.find((p) => p.project === project) : projects.length === 1 ? projects[0] : undefined;
  }

  namesFor(uri: vscode.Uri): { names: UrlNames; project: DjangoProject } | undefined {
    const urls = this.projectFor(uri);
    return urls ? { names: urls.current(), project: urls.project } : undefined;
  }

  /**
   * Asks Django's resolver (and the interpreter's site-packages) for one project, and keeps the
   * answer. Runs the project's code: the caller checks that the workspace is trusted.
   */
  async refresh(urls: ProjectUrls, python: string, signal: AbortSignal): Promise<UrlNames> {
    const environment = await probeProjectEnvironment(python);
    urls.project = buildProject(urls.project.manage, environment);
    const settingsModule = urls.project.settingsModule;
    if (!settingsModule) throw new Error('the project does not name DJANGO_SETTINGS_MODULE, so Django cannot be loaded');
    urls.resolved = await resolverUrls({ python, root: urls.project.root, settingsModule, signal });
    urls.forget();
    this.changed.fire();
    return urls.current();
  }

  /** Every project, for the refresh command's choice. */
  list(): readonly ProjectUrls[] {
    return this.all();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

export type { ProjectUrls };
