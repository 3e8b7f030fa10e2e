import vscode = require('vscode');
import { l10n } from 'vscode';
import type { DjangoProject } from '../../core/project';
import { UrlNames } from '../../core/urls/names';
import { readProjectUrls } from '../../core/urls/project';
import { UrlconfReader } from '../../core/urls/read';
import { mergeResolverUrls, resolverUrls } from '../../core/urls/resolver';
import type { UrlEntry } from '../../core/urls/types';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';

/** One project's URL names, read again lazily after a Python file changes. */
class ProjectUrls {
  readonly reader = new UrlconfReader();
  private names: UrlNames | undefined;
  /** What Django's resolver listed at the last refresh; kept until the next one. */
  resolved: readonly UrlEntry[] | undefined;
  private lastProblems = '';

  constructor(
    private current: DjangoProject,
    private readonly log: Log,
  ) {}

  get project(): DjangoProject {
    return this.current;
  }

  /** The model rebuilt the project (settings changed, site-packages became known). */
  set project(project: DjangoProject) {
    this.current = project;
    this.names = undefined;
  }

  read(): UrlNames {
    if (!this.names) {
      const reading = readProjectUrls(this.current, this.reader);
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
    const reading = this.names!.reading;
    const problems = reading.complete ? '' : reading.problems.join('\n');
    if (problems === this.lastProblems) return;
    this.lastProblems = problems;
    if (problems !== '') this.log.info(`URL names: the URLconf of ${this.current.root} could not be read completely, so unknown names are not reported:\n${problems}`);
  }
}

/**
 * The URL names of every Django project of the project model. URLconfs are not files the model
 * reads, so a change to any .py file makes the names be read again (the parses of unchanged
 * modules are kept).
 */
export class UrlReadings implements vscode.Disposable {
  private readonly byManage = new Map<string, ProjectUrls>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly projects: ProjectService,
    private readonly log: Log,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.py');
    const onPython = () => {
      for (const urls of this.byManage.values()) urls.forget();
      this.changed.fire();
    };
    this.disposables = [
      watcher,
      this.changed,
      watcher.onDidChange(onPython),
      watcher.onDidCreate(onPython),
      watcher.onDidDelete(onPython),
      projects.onDidChange((list) => this.follow(list)),
    ];
  }

  private follow(projects: readonly DjangoProject[]): void {
    const live = new Set(projects.map((project) => project.manage));
    for (const manage of this.byManage.keys()) if (!live.has(manage)) this.byManage.delete(manage);
    for (const project of projects) {
      const urls = this.byManage.get(project.manage);
      if (urls && urls.project !== project) urls.project = project;
    }
    this.changed.fire();
  }

  private urlsOf(project: DjangoProject): ProjectUrls {
    let urls = this.byManage.get(project.manage);
    if (!urls) {
      urls = new ProjectUrls(project, this.log);
      this.byManage.set(project.manage, urls);
    }
    return urls;
  }

  /** The names of the project a file belongs to: the one whose folder holds it, else the only one there is. */
  async namesFor(uri: vscode.Uri): Promise<{ names: UrlNames; project: DjangoProject } | undefined> {
    const all = await this.projects.projects();
    const project = (await this.projects.projectFor(uri)) ?? (all.length === 1 ? all[0] : undefined);
    if (!project) return undefined;
    const urls = this.urlsOf(project);
    return { names: urls.read(), project: urls.project };
  }

  /**
   * Asks Django's resolver for one project and keeps the answer. Runs the project's code: the
   * command that calls it is trust-gated.
   */
  async refresh(project: DjangoProject, python: string, signal: AbortSignal): Promise<UrlNames> {
    if (!project.settingsModule) throw new Error(l10n.t('the project does not name {0}, so Django cannot be loaded', 'DJANGO_SETTINGS_MODULE'));
    const urls = this.urlsOf(project);
    urls.resolved = await resolverUrls({ python, root: project.root, settingsModule: project.settingsModule, signal });
    urls.forget();
    this.changed.fire();
    return urls.read();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
