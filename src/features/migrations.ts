import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import {
  belongsInTerminal,
  type DjangoProject,
  displayCommand,
  interactiveManageArgs,
  isValidMigrationName,
  makemigrationsArgs,
  type MakemigrationsOptions,
  manageArgs,
  migrateArgs,
  projectOf,
  splitArguments,
} from '../core/manage/command';
import { describeFailure, ManageError, type ManageFailure } from '../core/manage/failure';
import { modelClassLine } from '../core/manage/models';
import { chooseMigrationFile, isInside } from '../core/manage/projects';
import { type ManageOutcome, migrationPlan, runManage } from '../core/manage/run';
import { type AppMigrations, groupByApp, type MigrationState, rollbackTarget, unappliedCount } from '../core/manage/showmigrations';
import {
  parseCheck,
  parseCommandList,
  parseMakemigrations,
  parseMigrate,
  plural,
  summarizeCheck,
  summarizeMakemigrations,
  summarizeMigrate,
} from '../core/manage/summary';
import { projectPython } from './interpreter';
import { guarded, type Log, reportError, SHOW_LOG_COMMAND } from './log';

const VIEW_ID = 'djangoKit.migrations';
const TASK_TYPE = 'django';
const MANAGE_EXCLUDE = '{**/node_modules/**,**/.*/**,**/site-packages/**,**/venv/**,**/env/**}';

/** What a command reports back, so callers such as tests and the status bar need no UI. */
export interface CommandReport {
  readonly ok: boolean;
  readonly summary: string;
  readonly failure?: ManageFailure;
  /** Migration files makemigrations created (or would create, in a dry run). */
  readonly files?: readonly string[];
  readonly applied?: readonly string[];
  readonly unapplied?: readonly string[];
  /** makemigrations --check: some model changes have no migration yet. */
  readonly changesPending?: boolean;
}

/** A migration a command acts on: a tree item, or the same fields given programmatically. */
export interface MigrationRef {
  readonly manageFile: string;
  readonly app: string;
  readonly name: string;
}

/** Programmatic options; any given means "do not ask". `project` is manage.py or its folder. */
interface ProjectOption {
  readonly project?: string;
}
type MakeOptions = ProjectOption & MakemigrationsOptions;
type MigrateOptions = ProjectOption & { readonly app?: string; readonly migration?: string };
type CheckOptions = ProjectOption & { readonly deploy?: boolean };
type RunOptions = ProjectOption & { readonly command?: string; readonly args?: readonly string[] };

/** What the tree shows for one project. */
export interface ProjectMigrations {
  readonly manageFile: string;
  readonly apps: readonly AppMigrations[];
  readonly error?: string;
}

export function registerMigrations(context: vscode.ExtensionContext, log: Log): void {
  const runner = new ManageRunner(log);
  const model = new MigrationsModel(runner, log);
  const tree = new MigrationsTree(model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const status = vscode.window.createStatusBarItem('djangoKit.migrations.unapplied', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Django Kit: Unapplied Migrations';
  const commands = new MigrationCommands(runner, model, log);

  const showState = () => {
    view.message = model.message();
    updateStatusBar(status, model.projects);
  };
  const refreshSoon = debounce(() => void model.refresh(), 400);
  const watcher = vscode.workspace.createFileSystemWatcher('**/migrations/*.py');

  context.subscriptions.push(
    view,
    status,
    tree,
    model,
    watcher,
    model.onDidChange(showState),
    watcher.onDidCreate(refreshSoon),
    watcher.onDidChange(refreshSoon),
    watcher.onDidDelete(refreshSoon),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void model.refresh()),
    vscode.workspace.onDidChangeWorkspaceFolders(refreshSoon),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('djangoKit.environment')) refreshSoon();
    }),
    vscode.tasks.registerTaskProvider(TASK_TYPE, new DjangoTaskProvider()),
    ...commands.register(),
  );
  showState();
  void model.refresh();
}

/** Finds projects and interpreters, runs manage.py with progress and the log, and explains failures. */
class ManageRunner {
  constructor(private readonly log: Log) {}

  async projects(): Promise<DjangoProject[]> {
    const files = await vscode.workspace.findFiles('**/manage.py', MANAGE_EXCLUDE);
    return files.map((uri) => projectOf(uri.fsPath)).sort((a, b) => a.manageFile.localeCompare(b.manageFile));
  }

  /** The project named by `option`, the only one, or the one the user picks; undefined if the user cancels. */
  async pickProject(option?: string): Promise<DjangoProject | undefined> {
    if (option) return projectOf(isFolder(option) ? path.join(option, 'manage.py') : option);
    const projects = await this.projects();
    if (projects.length === 0) throw new ManageError({ kind: 'command-error', message: 'There is no manage.py in this workspace.' });
    if (projects.length === 1) return projects[0];
    const picked = await vscode.window.showQuickPick(
      projects.map((project) => ({ label: projectLabel(project), description: project.manageFile, project })),
      { title: 'Which Django project?', placeHolder: 'Several manage.py files were found' },
    );
    return picked?.project;
  }

  async python(project: DjangoProject): Promise<string> {
    const python = await projectPython(vscode.Uri.file(project.dir));
    if (python) return python;
    throw new ManageError({
      kind: 'no-interpreter',
      message: `No Python environment found for ${projectLabel(project)}: select one with "Django: Select Environment" or set djangoKit.environment.projectPython.`,
    });
  }

  /** Runs a command behind a cancellable progress notification, its output going to the log. */
  async run(project: DjangoProject, title: string, command: string, args: readonly string[] = []): Promise<ManageOutcome> {
    const python = await this.python(project);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      (_progress, token) => this.execute(project, python, command, args, token),
    );
  }

  private async execute(project: DjangoProject, python: string, command: string, args: readonly string[], token: vscode.CancellationToken): Promise<ManageOutcome> {
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    this.log.info(`${displayCommand(python, manageArgs(project, command, args))}  (in ${project.dir})`);
    const started = Date.now();
    try {
      const onLine = (line: string, stream: 'stdout' | 'stderr') => (stream === 'stdout' ? this.log.info(line) : this.log.warn(line));
      const outcome = await runManage({ python, project, signal: controller.signal, onLine }, command, args);
      this.log.debug(`${command} ended with ${outcome.cancelled ? 'cancel' : `code ${outcome.code}`} after ${Date.now() - started} ms`);
      return outcome;
    } finally {
      cancel.dispose();
    }
  }

  /** Logs a failure and tells the user, with the actions that help for that kind of failure. */
  showFailure(failure: ManageFailure, project: DjangoProject, rerunInTerminal?: () => void): void {
    const message = describeFailure(failure);
    this.log.error(message);
    const actions = failureActions(failure, project, rerunInTerminal);
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
      else void actions.find((a) => a.title === choice)?.run();
    });
  }

  openTerminal(project: DjangoProject, python: string, command: string, args: readonly string[]): void {
    const terminal = vscode.window.createTerminal({
      name: `Django: ${command}`,
      cwd: project.dir,
      // The interpreter itself is the terminal's process: arguments reach it unquoted, no shell involved.
      shellPath: python,
      shellArgs: interactiveManageArgs(project, command, args),
    });
    terminal.show();
  }
}

interface FailureAction {
  readonly title: string;
  readonly run: () => unknown;
}

function failureActions(failure: ManageFailure, project: DjangoProject, rerunInTerminal?: () => void): FailureAction[] {
  switch (failure.kind) {
    case 'no-interpreter':
    case 'django-missing':
      return [{ title: 'Select Environment', run: () => vscode.commands.executeCommand('djangoKit.env.select') }];
    case 'settings-import':
    case 'python-exception': {
      const location = failure.location;
      return location ? [{ title: 'Open File', run: () => openAt(vscode.Uri.file(location.file), location.line - 1) }] : [];
    }
    case 'conflicting-migrations':
      return [{ title: 'Merge Migrations', run: () => vscode.commands.executeCommand('djangoKit.migrations.make', { project: project.manageFile, merge: true }) }];
    case 'needs-default': {
      const actions: FailureAction[] = [{ title: 'Open Model', run: () => openModel(project, failure.model) }];
      if (rerunInTerminal) actions.push({ title: 'Run in Terminal', run: rerunInTerminal });
      return actions;
    }
    default:
      return [];
  }
}

/** The plan of every project, refreshed on demand and after changes, one refresh at a time. */
class MigrationsModel implements vscode.Disposable {
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
    const project = this.projects.find((p) => p.manageFile === manageFile);
    return project?.apps.flatMap((app) => app.migrations) ?? [];
  }

  /** Why the view is empty or partial, for the view's message; undefined when it shows everything. */
  message(): string | undefined {
    if (!vscode.workspace.isTrusted) return 'Restricted Mode: migrations are listed by running manage.py, which needs a trusted workspace.';
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

function updateStatusBar(status: vscode.StatusBarItem, projects: readonly ProjectMigrations[]): void {
  const pending = projects
    .map((project) => ({ project, count: unappliedCount(project.apps.flatMap((app) => app.migrations)) }))
    .filter((entry) => entry.count > 0);
  const total = pending.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0 || !vscode.workspace.isTrusted) {
    status.hide();
    return;
  }
  status.text = `$(database) ${plural(total, 'unapplied migration')}`;
  status.tooltip = 'Apply them with manage.py migrate';
  // With one project to migrate, clicking migrates it straight away; with several, Migrate asks which.
  const only = pending.length === 1 ? pending[0].project.manageFile : undefined;
  status.command = { title: 'Migrate', command: 'djangoKit.migrations.migrate', arguments: only ? [{ project: only }] : [] };
  status.show();
}

type Node = ProjectNode | AppNode | MigrationNode | ErrorNode;

class ProjectNode {
  readonly kind = 'project';
  constructor(readonly project: ProjectMigrations) {}
}

class AppNode {
  readonly kind = 'app';
  constructor(
    readonly manageFile: string,
    readonly app: AppMigrations,
  ) {}
}

class MigrationNode implements MigrationRef {
  readonly kind = 'migration';
  constructor(
    readonly manageFile: string,
    readonly app: string,
    readonly name: string,
    readonly applied: boolean,
  ) {}
}

class ErrorNode {
  readonly kind = 'error';
  constructor(readonly message: string) {}
}

class MigrationsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: MigrationsModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const projects = this.model.projects;
      return projects.length === 1 ? projectChildren(projects[0]) : projects.map((p) => new ProjectNode(p));
    }
    if (node.kind === 'project') return projectChildren(node.project);
    if (node.kind === 'app') return node.app.migrations.map((m) => new MigrationNode(node.manageFile, m.app, m.name, m.applied));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return projectItem(node);
      case 'app':
        return appItem(node);
      case 'migration':
        return migrationItem(node);
      case 'error':
        return errorItem(node);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function projectChildren(project: ProjectMigrations): Node[] {
  if (project.error) return [new ErrorNode(project.error)];
  return project.apps.map((app) => new AppNode(project.manageFile, app));
}

function projectItem(node: ProjectNode): vscode.TreeItem {
  const item = new vscode.TreeItem(projectLabel(projectOf(node.project.manageFile)), vscode.TreeItemCollapsibleState.Expanded);
  item.iconPath = new vscode.ThemeIcon('folder');
  item.tooltip = node.project.manageFile;
  item.contextValue = 'project';
  return item;
}

function appItem(node: AppNode): vscode.TreeItem {
  const pending = unappliedCount(node.app.migrations);
  const item = new vscode.TreeItem(node.app.app, pending > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.description = pending > 0 ? `${pending} unapplied` : undefined;
  item.iconPath = new vscode.ThemeIcon('package');
  item.contextValue = 'app';
  return item;
}

function migrationItem(node: MigrationNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${node.manageFile}:${node.app}.${node.name}`;
  item.description = node.applied ? undefined : 'unapplied';
  item.tooltip = `${node.app}.${node.name}: ${node.applied ? 'applied' : 'not applied'}`;
  item.iconPath = node.applied ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
  item.contextValue = node.applied ? 'migration.applied' : 'migration.unapplied';
  item.command = { title: 'Open Migration File', command: 'djangoKit.migrations.openFile', arguments: [node] };
  return item;
}

function errorItem(node: ErrorNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.tooltip = node.message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = { title: 'Show Log', command: SHOW_LOG_COMMAND };
  return item;
}

/** The palette and view commands. Each returns a CommandReport (or undefined when the user cancels a prompt). */
class MigrationCommands {
  constructor(
    private readonly runner: ManageRunner,
    private readonly model: MigrationsModel,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    const entries: [string, string, (...args: never[]) => Promise<unknown>][] = [
      ['djangoKit.migrations.make', 'Make Migrations', (o?: MakeOptions) => this.make(o)],
      ['djangoKit.migrations.migrate', 'Migrate', (o?: MigrateOptions) => this.migrate(o)],
      ['djangoKit.migrations.migrateTo', 'Migrate to here', (ref: MigrationRef) => this.migrateTo(ref)],
      ['djangoKit.migrations.rollback', 'Roll back', (ref: MigrationRef) => this.rollback(ref)],
      ['djangoKit.migrations.showSql', 'Show SQL', (ref?: MigrationRef) => this.showSql(ref)],
      // `{ reload: false }` answers with what the view shows now, without running manage.py.
      ['djangoKit.migrations.refresh', 'Refresh migrations', async (o?: { reload?: boolean }) => (o?.reload === false ? this.model.projects : this.model.refresh())],
      ['djangoKit.manage.check', 'Check project', (o?: CheckOptions) => this.check(o)],
      ['djangoKit.manage.run', 'Run manage.py Command', (o?: RunOptions) => this.runCommand(o)],
    ];
    return [
      ...entries.map(([id, what, handler]) => vscode.commands.registerCommand(id, this.reporting(what, handler))),
      // Opening a file runs nothing, so it works in Restricted Mode too.
      vscode.commands.registerCommand('djangoKit.migrations.openFile', guarded(this.log, 'Open migration file', (ref: MigrationRef) => this.openFile(ref))),
    ];
  }

  /**
   * Like `guarded`, but hands the command's result back to the caller (tests and the status bar
   * call these through executeCommand), and refuses to start a process in Restricted Mode.
   */
  private reporting<A extends never[], R>(what: string, handler: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R | CommandReport | undefined> => {
      if (!vscode.workspace.isTrusted) {
        const summary = `${what} runs manage.py, which Django Kit does only in a trusted workspace.`;
        void vscode.window.showWarningMessage(summary, 'Manage Workspace Trust').then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
        return { ok: false, summary };
      }
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof ManageError) {
          this.log.error(error.message);
          void vscode.window.showErrorMessage(error.message, 'Show Log').then((c) => c && this.log.show(true));
          return { ok: false, summary: error.message, failure: error.failure };
        }
        reportError(this.log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
        return undefined;
      }
    };
  }

  async make(options?: MakeOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const make = options ?? (await this.askMakeOptions(project));
    if (!make) return undefined;
    const args = makemigrationsArgs(make);
    const outcome = await this.runner.run(project, `makemigrations ${projectLabel(project)}`, 'makemigrations', args);
    return this.afterMake(project, make, args, outcome);
  }

  private async afterMake(project: DjangoProject, make: MakemigrationsOptions, args: string[], outcome: ManageOutcome): Promise<CommandReport> {
    const result = parseMakemigrations(outcome.stdout, project.dir);
    const files = result.created.map((c) => c.file);
    // --check exits 1 without a traceback when a migration is missing: a finding, not a failure.
    if (make.check && outcome.failure?.kind === 'exit' && outcome.code === 1) {
      const summary = `Models have changes without migrations: ${summarizeMakemigrations(result, true)}`;
      void vscode.window.showWarningMessage(summary);
      return { ok: true, summary, files, changesPending: true };
    }
    const failed = this.failed(outcome, project, () => void this.rerunInTerminal(project, 'makemigrations', args));
    if (failed) return failed;
    const summary = make.check ? 'Every model change has a migration' : summarizeMakemigrations(result, make.dryRun);
    if (make.dryRun && result.created.length > 0) await showDocument(outcome.stdout, 'python');
    else offerToOpen(summary, make.dryRun ? [] : files);
    if (!make.dryRun && !make.check) await this.model.refresh();
    return { ok: true, summary, files };
  }

  private async askMakeOptions(project: DjangoProject): Promise<MakemigrationsOptions | undefined> {
    const modes = [
      { label: 'All apps', mode: 'all' },
      { label: 'Pick apps…', mode: 'pick' },
      { label: 'Preview (dry run)', description: '--dry-run, shows the files without writing them', mode: 'dry' },
      { label: 'Check for missing migrations', description: '--check, writes nothing', mode: 'check' },
    ] as const;
    const mode = await vscode.window.showQuickPick(modes, { title: 'Make Migrations' });
    if (!mode) return undefined;
    if (mode.mode === 'dry') return { dryRun: true };
    if (mode.mode === 'check') return { check: true };
    let apps: string[] = [];
    if (mode.mode === 'pick') {
      const known = await this.appsOf(project);
      const picked = await vscode.window.showQuickPick(known, { title: 'Make migrations for', canPickMany: true });
      if (!picked || picked.length === 0) return undefined;
      apps = picked;
    }
    const name = await vscode.window.showInputBox({
      title: 'Migration name (optional)',
      prompt: 'Leave empty for a name Django chooses',
      validateInput: (value) => (value === '' || isValidMigrationName(value) ? undefined : 'Use letters, digits and underscores, not starting with a digit'),
    });
    if (name === undefined) return undefined;
    return { apps, name: name || undefined };
  }

  async migrate(options?: MigrateOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const target = options ?? (await this.askMigrateTarget(project));
    if (!target) return undefined;
    return this.runMigrate(project, target.app, target.migration);
  }

  async migrateTo(ref: MigrationRef): Promise<CommandReport> {
    return this.runMigrate(projectOf(ref.manageFile), ref.app, ref.name);
  }

  async rollback(ref: MigrationRef): Promise<CommandReport> {
    let plan = this.model.planOf(ref.manageFile);
    if (!plan.some((m) => m.app === ref.app && m.name === ref.name)) {
      await this.model.refresh();
      plan = this.model.planOf(ref.manageFile);
    }
    return this.runMigrate(projectOf(ref.manageFile), ref.app, rollbackTarget(plan, ref.app, ref.name));
  }

  private async runMigrate(project: DjangoProject, app?: string, migration?: string): Promise<CommandReport> {
    const args = migrateArgs({ app, migration });
    const outcome = await this.runner.run(project, `migrate ${args.join(' ')}`.trim(), 'migrate', args);
    const failed = this.failed(outcome, project);
    await this.model.refresh();
    if (failed) return failed;
    const result = parseMigrate(outcome.stdout);
    const summary = summarizeMigrate(result);
    void vscode.window.showInformationMessage(summary);
    return { ok: true, summary, applied: result.applied, unapplied: result.unapplied };
  }

  private async askMigrateTarget(project: DjangoProject): Promise<{ app?: string; migration?: string } | undefined> {
    const apps = await this.appsOf(project);
    const scope = await vscode.window.showQuickPick([{ label: 'All apps', app: undefined }, ...apps.map((app) => ({ label: app, app }))], {
      title: 'Migrate',
    });
    if (!scope) return undefined;
    if (!scope.app) return {};
    const migrations = this.model.planOf(project.manageFile).filter((m) => m.app === scope.app);
    const targets = [
      { label: 'Latest', description: 'apply everything', migration: undefined as string | undefined },
      ...migrations.map((m) => ({ label: m.name, description: m.applied ? 'applied' : 'unapplied', migration: m.name })),
      { label: 'zero', description: `unapply every migration of ${scope.app}`, migration: 'zero' },
    ];
    const target = await vscode.window.showQuickPick(targets, { title: `Migrate ${scope.app} to` });
    return target && { app: scope.app, migration: target.migration };
  }

  async showSql(ref?: MigrationRef): Promise<CommandReport | undefined> {
    const chosen = ref ?? (await this.askMigration());
    if (!chosen) return undefined;
    const project = projectOf(chosen.manageFile);
    const outcome = await this.runner.run(project, `sqlmigrate ${chosen.app} ${chosen.name}`, 'sqlmigrate', [chosen.app, chosen.name]);
    const failed = this.failed(outcome, project);
    if (failed) return failed;
    await showDocument(outcome.stdout, 'sql');
    return { ok: true, summary: `SQL of ${chosen.app}.${chosen.name}` };
  }

  private async askMigration(): Promise<MigrationRef | undefined> {
    const project = await this.runner.pickProject();
    if (!project) return undefined;
    if (this.model.planOf(project.manageFile).length === 0) await this.model.refresh();
    const items = this.model.planOf(project.manageFile).map((m) => ({ label: `${m.app}.${m.name}`, description: m.applied ? 'applied' : 'unapplied', m }));
    const picked = await vscode.window.showQuickPick(items, { title: 'Show SQL for migration' });
    return picked && { manageFile: project.manageFile, app: picked.m.app, name: picked.m.name };
  }

  async openFile(ref: MigrationRef): Promise<void> {
    const file = await findMigrationFile(ref);
    if (file) await vscode.window.showTextDocument(file);
    else void vscode.window.showInformationMessage(`${ref.app}.${ref.name} is not in this workspace: it comes with an installed package.`);
  }

  async check(options?: CheckOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const deploy = options ? options.deploy === true : await askDeploy();
    if (deploy === undefined) return undefined;
    const args = deploy ? ['--deploy'] : [];
    const outcome = await this.runner.run(project, `check ${args.join(' ')}`.trim(), 'check', args);
    const check = parseCheck(`${outcome.stdout}\n${outcome.stderr}`);
    // A failing check exits 1 and prints its findings: that is a result to report, not a crash.
    const failed = check ? undefined : this.failed(outcome, project);
    if (failed) return failed;
    const summary = summarizeCheck(check);
    if (check && check.issues > 0) {
      void vscode.window.showWarningMessage(`${summary}: see the log.`, 'Show Log').then((c) => c && this.log.show(true));
    } else void vscode.window.showInformationMessage(summary);
    return { ok: outcome.code === 0, summary };
  }

  async runCommand(options?: RunOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const command = options?.command ?? (await this.askCommand(project));
    if (!command) return undefined;
    const args = options?.args ?? (await askArguments(command));
    if (!args) return undefined;
    if (belongsInTerminal(command)) {
      this.runner.openTerminal(project, await this.runner.python(project), command, args);
      return { ok: true, summary: `manage.py ${command} started in a terminal` };
    }
    const outcome = await this.runner.run(project, `manage.py ${command}`, command, args);
    const failed = this.failed(outcome, project, () => void this.rerunInTerminal(project, command, args));
    // migrate, makemigrations, squashmigrations and third-party variants change what the view shows.
    if (command.includes('migrat')) await this.model.refresh();
    if (failed) return failed;
    const summary = `manage.py ${command} finished`;
    void vscode.window.showInformationMessage(summary, 'Show Log').then((c) => c && this.log.show(true));
    return { ok: true, summary };
  }

  private async askCommand(project: DjangoProject): Promise<string | undefined> {
    const outcome = await this.runner.run(project, 'Listing manage.py commands', 'help', ['--commands']);
    const failed = this.failed(outcome, project);
    if (failed) return undefined;
    return vscode.window.showQuickPick(parseCommandList(outcome.stdout), { title: 'Run manage.py command' });
  }

  private async appsOf(project: DjangoProject): Promise<string[]> {
    if (this.model.planOf(project.manageFile).length === 0) await this.model.refresh();
    return [...new Set(this.model.planOf(project.manageFile).map((m) => m.app))].sort();
  }

  private async rerunInTerminal(project: DjangoProject, command: string, args: readonly string[]): Promise<void> {
    this.runner.openTerminal(project, await this.runner.python(project), command, args);
  }

  /** The report of a cancelled or failed run (after telling the user), or undefined when it succeeded. */
  private failed(outcome: ManageOutcome, project: DjangoProject, rerunInTerminal?: () => void): CommandReport | undefined {
    if (outcome.cancelled) {
      this.log.info('Cancelled');
      return { ok: false, summary: 'Cancelled' };
    }
    if (!outcome.failure) return undefined;
    this.runner.showFailure(outcome.failure, project, rerunInTerminal);
    return { ok: false, summary: describeFailure(outcome.failure), failure: outcome.failure };
  }
}

async function askDeploy(): Promise<boolean | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Check', deploy: false },
      { label: 'Check for deployment', description: '--deploy: also the production security settings', deploy: true },
    ],
    { title: 'Check Project' },
  );
  return choice?.deploy;
}

async function askArguments(command: string): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Arguments for manage.py ${command} (optional)`,
    prompt: 'Quote arguments that contain spaces',
    validateInput: (value) => {
      try {
        splitArguments(value);
        return undefined;
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
    },
  });
  return text === undefined ? undefined : splitArguments(text);
}

class DjangoTaskProvider implements vscode.TaskProvider {
  async provideTasks(): Promise<vscode.Task[]> {
    if (!vscode.workspace.isTrusted) return [];
    const files = await vscode.workspace.findFiles('**/manage.py', MANAGE_EXCLUDE);
    const tasks: vscode.Task[] = [];
    for (const file of files) {
      const folder = vscode.workspace.getWorkspaceFolder(file);
      if (!folder) continue;
      const relative = path.relative(folder.uri.fsPath, path.dirname(file.fsPath));
      for (const command of ['migrate', 'makemigrations', 'check', 'showmigrations']) {
        const task = await djangoTask({ type: TASK_TYPE, command, project: relative || undefined }, folder);
        if (task) tasks.push(task);
      }
    }
    return tasks;
  }

  async resolveTask(task: vscode.Task): Promise<vscode.Task | undefined> {
    if (!vscode.workspace.isTrusted) return undefined;
    const folder = task.scope !== undefined && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    return folder && djangoTask(task.definition as DjangoTaskDefinition, folder);
  }
}

interface DjangoTaskDefinition extends vscode.TaskDefinition {
  readonly command: string;
  readonly args?: string[];
  readonly project?: string;
}

async function djangoTask(definition: DjangoTaskDefinition, folder: vscode.WorkspaceFolder): Promise<vscode.Task | undefined> {
  const project = projectOf(path.join(folder.uri.fsPath, definition.project ?? '', 'manage.py'));
  const python = await projectPython(vscode.Uri.file(project.dir));
  if (!python) return undefined;
  const execution = new vscode.ProcessExecution(python, manageArgs(project, definition.command, definition.args ?? []), { cwd: project.dir });
  const name = [definition.command, ...(definition.args ?? [])].join(' ');
  const task = new vscode.Task(definition, folder, definition.project ? `${name} (${definition.project})` : name, TASK_TYPE, execution, []);
  if (definition.command === 'makemigrations' || definition.command === 'migrate') task.group = vscode.TaskGroup.Build;
  return task;
}

/** The file of a migration, found through the workspace index. */
async function findMigrationFile(ref: MigrationRef): Promise<vscode.Uri | undefined> {
  const candidates = await vscode.workspace.findFiles(`**/migrations/${ref.name}.py`, MANAGE_EXCLUDE);
  const file = chooseMigrationFile(candidates.map((uri) => uri.fsPath), path.dirname(ref.manageFile), ref.app);
  return file === undefined ? undefined : vscode.Uri.file(file);
}

/**
 * Opens the model makemigrations stopped at: the class Django named when it did (4.0+), else the
 * models module changed last, which is almost always the one just edited.
 */
async function openModel(project: DjangoProject, model: string | undefined): Promise<void> {
  const files = (await vscode.workspace.findFiles('**/{models.py,models/*.py}', MANAGE_EXCLUDE)).filter((uri) => isInside(uri.fsPath, project.dir));
  if (model) {
    for (const uri of files) {
      const line = modelClassLine(readFileSync(uri.fsPath, 'utf8'), model);
      if (line !== undefined) return openAt(uri, line);
    }
  }
  const latest = files.sort((a, b) => statSync(b.fsPath).mtimeMs - statSync(a.fsPath).mtimeMs)[0];
  if (latest) await openAt(latest, 0);
}

async function openAt(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

async function showDocument(content: string, language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** A summary with a button per created file (the first three), each opening its file. */
function offerToOpen(summary: string, files: readonly string[]): void {
  const shown = files.slice(0, 3);
  void vscode.window.showInformationMessage(summary, ...shown.map((f) => path.basename(f))).then((choice) => {
    const file = shown.find((f) => path.basename(f) === choice);
    if (file) void vscode.window.showTextDocument(vscode.Uri.file(file));
  });
}

function projectLabel(project: DjangoProject): string {
  return vscode.workspace.asRelativePath(project.dir, true) || path.basename(project.dir);
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function debounce(action: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}
