import { existsSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { debounce } from '../core/debounce';
import type { BuildOptions, DjangoProject, ProjectEnvironment } from '../core/project';
import { affectsFilesExclude, affectsInterpreter, config } from './config';
import { projectPython } from './interpreter';
import type { Log } from './log';

const CONTEXT_KEY = 'djangoKit.isDjangoProject';

/**
 * The project model's code (finding, reading and probing projects), loaded from its own bundle (see
 * esbuild.mjs) by the first build, which runs after activation.
 */
function projectModel(): typeof import('../core/project') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../core/project') as typeof import('../core/project');
}

/** File changes are gathered this long, so that a save of many files rebuilds each project once. */
const UPDATE_DELAY_MS = 150;
/** Files the model reads: Python, and the files that can declare DJANGO_SETTINGS_MODULE. */
const WATCHED = '**/{*.py,pytest.ini,setup.cfg,pyproject.toml,.env}';
/** Folders whose creation or deletion adds or removes templates, static files or libraries. */
const WATCHED_FOLDERS = '**/{templates,static,templatetags}';

/**
 * The workspace's Django projects, from the one project model in the core, kept current by file
 * watchers: a change rebuilds only the projects that read the changed file. Building starts after
 * activation returns; consumers await `projects()`.
 */
export class ProjectService implements vscode.Disposable {
  private current: readonly DjangoProject[] = [];
  /** The queue of builds and updates, one at a time; awaiting it awaits every change asked for so far. */
  private built: Promise<void> = new Promise((resolve) => setImmediate(resolve));
  private readonly environments = new Map<string, ProjectEnvironment>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<readonly DjangoProject[]>();
  private readonly disposables: vscode.Disposable[] = [];
  private published = false;
  private disposed = false;

  /**
   * Fires with the projects after any of them changed. A listener added once they are known (a
   * feature registered on first use) hears the current projects once, right after it subscribes.
   */
  readonly onDidChange: vscode.Event<readonly DjangoProject[]> = (listener, thisArgs, disposables) => {
    const subscription = this.changed.event(listener, thisArgs, disposables);
    if (!this.published) return subscription;
    let live = true;
    setImmediate(() => live && listener.call(thisArgs, this.current));
    return new vscode.Disposable(() => {
      live = false;
      subscription.dispose();
    });
  };

  constructor(private readonly log: Log) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rebuild()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsFilesExclude(event)) this.rebuild();
        else if (affectsInterpreter(event)) this.resolveEnvironments(this.current);
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.resolveEnvironments(this.current)),
    );
    // Activation does not wait: the first build runs once the extension host is free. It reads the files
    // as they are then, so watching them can start with it.
    this.queue(() => {
      if (this.disposed) return;
      this.watchFiles();
      return this.buildAll();
    });
  }

  /** Gathers changes to the files the model reads, to update the projects that read them. */
  private watchFiles(): void {
    const flush = debounce(() => this.applyPending(), UPDATE_DELAY_MS);
    const touched = (uri: vscode.Uri) => {
      if (uri.scheme !== 'file') return;
      this.pending.add(uri.fsPath);
      flush();
    };
    const files = vscode.workspace.createFileSystemWatcher(WATCHED);
    const folders = vscode.workspace.createFileSystemWatcher(WATCHED_FOLDERS, false, true, false);
    this.disposables.push(
      files,
      folders,
      ...[files, folders].flatMap((watcher) => [watcher.onDidCreate(touched), watcher.onDidDelete(touched)]),
      files.onDidChange(touched),
    );
  }

  /** Every project, once the first build is done. */
  async projects(): Promise<readonly DjangoProject[]> {
    await this.built;
    return this.current;
  }

  /** The project whose root is the nearest ancestor of `uri`. */
  async projectFor(uri: vscode.Uri): Promise<DjangoProject | undefined> {
    if (uri.scheme !== 'file') return undefined;
    return projectModel().projectForFile({ projects: await this.projects() }, uri.fsPath);
  }

  /**
   * The project a command acts on: that of the active editor's file, else the only one, else the
   * one the user picks. Undefined when there is none or the user cancels.
   */
  async activeProject(): Promise<DjangoProject | undefined> {
    const projects = await this.projects();
    const active = vscode.window.activeTextEditor?.document.uri;
    const own = active && (await this.projectFor(active));
    if (own) return own;
    if (projects.length <= 1) return projects[0];
    const picked = await vscode.window.showQuickPick(
      projects.map((project) => ({ label: vscode.workspace.asRelativePath(project.root, true), description: project.settingsModule ?? '', project })),
      { title: l10n.t('Which Django project?'), placeHolder: l10n.t('Several {0} files were found', 'manage.py') },
    );
    return picked?.project;
  }

  private rebuild(): void {
    this.queue(() => this.buildAll());
  }

  private queue(step: () => void | Promise<void>): void {
    this.built = this.built.then(step).catch((error: unknown) => {
      this.log.error('Project model: could not read the projects', error instanceof Error ? error : String(error));
    });
  }

  /** Builds every project, yielding to the extension host between projects so editing stays responsive. */
  private async buildAll(): Promise<void> {
    const roots = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file');
    const started = Date.now();
    const { findManageFiles, globMatcher } = projectModel();
    const manageFiles = roots.flatMap((folder) => findManageFiles([folder.uri.fsPath], { exclude: globMatcher(config.filesExclude(folder.uri)) }));
    const projects: DjangoProject[] = [];
    for (const manage of manageFiles) {
      projects.push(projectModel().buildProject(manage, this.optionsFor(manage)));
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.publish(projects);
    this.log.info(`Project model: ${projects.length} Django project(s) in ${Date.now() - started} ms`);
    for (const project of projects) for (const problem of project.problems) this.log.info(`Project model: ${project.root}: ${problem}`);
    this.resolveEnvironments(projects);
  }

  private optionsFor(manage: string): BuildOptions {
    return this.environments.get(manage) ?? {};
  }

  private applyPending(): void {
    const files = [...this.pending];
    this.pending.clear();
    this.queue(async () => {
      // A manage.py that appears or goes changes which projects exist: search again.
      const known = new Set(this.current.map((project) => project.manage));
      const projectsChange = files.some((file) => path.basename(file) === 'manage.py' && known.has(file) !== existsSync(file));
      if (projectsChange) {
        await this.buildAll();
        return;
      }
      const { model, rebuilt } = projectModel().updateProjectModel({ projects: this.current }, files, (manage) => this.optionsFor(manage));
      if (rebuilt.length === 0) return;
      this.log.debug(`Project model: rebuilt ${rebuilt.map((project) => project.root).join(', ')}`);
      this.publish(model.projects);
    });
  }

  private publish(projects: readonly DjangoProject[]): void {
    this.current = projects;
    this.published = true;
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, projects.length > 0);
    this.changed.fire(projects);
  }

  /**
   * Asks each project's interpreter, once, where its packages are, then rebuilds the project with
   * them so third-party apps and libraries resolve. Only in a trusted workspace: it runs a process.
   */
  private resolveEnvironments(projects: readonly DjangoProject[]): void {
    if (!vscode.workspace.isTrusted) return;
    for (const project of projects) {
      void this.environmentOf(project).then((environment) => {
        if (!environment || sameEnvironment(environment, this.environments.get(project.manage))) return;
        this.environments.set(project.manage, environment);
        this.queue(() => {
          const index = this.current.findIndex((known) => known.manage === project.manage);
          if (index < 0) return;
          const next = [...this.current];
          next[index] = projectModel().buildProject(project.manage, environment);
          this.publish(next);
        });
      });
    }
  }

  private async environmentOf(project: DjangoProject): Promise<ProjectEnvironment | undefined> {
    try {
      const python = await projectPython(vscode.Uri.file(project.root));
      return python ? await projectModel().probeProjectEnvironment(python) : undefined;
    } catch (error) {
      this.log.warn(`Project model: could not ask the interpreter of ${project.root}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function sameEnvironment(a: ProjectEnvironment, b: ProjectEnvironment | undefined): boolean {
  return b !== undefined && a.djangoVersion === b.djangoVersion && a.sitePackages.join('\n') === b.sitePackages.join('\n');
}
