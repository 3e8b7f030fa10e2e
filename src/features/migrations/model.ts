import vscode = require('vscode');
import { l10n } from 'vscode';
import { type DjangoProject } from '../../core/manage/command';
import { planOf, type ProjectMigrations } from '../../core/manage/migrationsView';
import { migrationPlan, PLAN_TIMEOUT_SECONDS } from '../../core/manage/run';
import { groupByApp, type MigrationState } from '../../core/manage/showmigrations';
import { type Log } from '../../services/log';
import { type ManageRunner } from './runner';

/** The plan of every project, refreshed on demand and after changes, one refresh at a time. */
export class MigrationsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  projects: ProjectMigrations[] = [];
  private running: Promise<ProjectMigrations[]> | undefined;
  private queued: Promise<ProjectMigrations[]> | undefined;

  constructor(
    private readonly runner: ManageRunner,
    private readonly log: Log,
  ) {}

  /**
   * Reloads every project. Asked during a reload, it queues one more reload after it, shared by
   * every request made meanwhile, so the answer reflects the files as they were when asked.
   */
  refresh(): Promise<ProjectMigrations[]> {
    if (this.queued) return this.queued;
    if (!this.running) return this.reload();
    const next = () => {
      this.queued = undefined;
      return this.reload();
    };
    this.queued = this.running.then(next, next);
    return this.queued;
  }

  private reload(): Promise<ProjectMigrations[]> {
    const running = this.load()
      .then((projects) => {
        this.projects = projects;
        this.changed.fire();
        return projects;
      })
      .finally(() => {
        if (this.running === running) this.running = undefined;
      });
    this.running = running;
    return running;
  }

  planOf(manageFile: string): readonly MigrationState[] {
    return planOf(this.projects.find((p) => p.manageFile === manageFile));
  }

  /** The plan of a project, listing the migrations first when the view has not yet. */
  async loadedPlanOf(manageFile: string): Promise<readonly MigrationState[]> {
    if (this.planOf(manageFile).length === 0) await this.refresh();
    return this.planOf(manageFile);
  }

  /** Why the view is empty or partial, for the view's message; undefined when it shows everything. */
  message(): string | undefined {
    if (!vscode.workspace.isTrusted) return l10n.t('Restricted Mode: migrations are listed by running {0}, which needs a trusted workspace.', 'manage.py');
    if (this.projects.length === 1 && this.projects[0].error) return this.projects[0].error;
    return undefined;
  }

  private async load(): Promise<ProjectMigrations[]> {
    if (!vscode.workspace.isTrusted) return [];
    const projects = await this.runner.projects();
    return Promise.all(projects.map((project) => this.loadProject(project)));
  }

  private async loadProject(project: DjangoProject): Promise<ProjectMigrations> {
    try {
      const python = await this.runner.python(project);
      const plan = await migrationPlan({
        python,
        project,
        timeoutSeconds: PLAN_TIMEOUT_SECONDS,
        onLine: (line, stream) => (stream === 'stderr' ? this.log.debug(line) : this.log.trace(line)),
      });
      return { manageFile: project.manageFile, apps: groupByApp(plan) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.warn(`Migrations of ${project.manageFile} could not be listed: ${message}`);
      return { manageFile: project.manageFile, apps: [], error: message };
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
