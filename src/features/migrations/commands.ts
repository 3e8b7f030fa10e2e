import vscode = require('vscode');
import { l10n } from 'vscode';
import { belongsInTerminal, type DjangoProject, makemigrationsArgs, type MakemigrationsOptions, migrateArgs, projectOf } from '../../core/manage/command';
import { describeFailure, ManageError, type ManageFailure } from '../../core/manage/failure';
import { type ManageOutcome } from '../../core/manage/run';
import { rollbackTarget } from '../../core/manage/showmigrations';
import {
  parseCheck,
  parseCommandList,
  parseMakemigrations,
  parseMigrate,
  summarizeCheck,
  summarizeMakemigrations,
  summarizeMigrate,
} from '../../core/manage/summary';
import { command } from '../../services/commands';
import { type Log } from '../../services/log';
import { findMigrationFile, type MigrationRef, offerToOpen, showDocument } from './documents';
import { type MigrationsModel } from './model';
import { askArguments, askDeploy, askMakeOptions, askMigrateTarget, askMigration } from './prompts';
import { type ManageRunner, projectLabel } from './runner';

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

/** Programmatic options; any given means "do not ask". `project` is manage.py or its folder. */
interface ProjectOption {
  readonly project?: string;
}
type MakeOptions = ProjectOption & MakemigrationsOptions;
type MigrateOptions = ProjectOption & { readonly app?: string; readonly migration?: string };
type CheckOptions = ProjectOption & { readonly deploy?: boolean };
type RunOptions = ProjectOption & { readonly command?: string; readonly args?: readonly string[] };

/** The palette and view commands. Each returns a CommandReport (or undefined when the user cancels a prompt). */
export class MigrationCommands {
  constructor(
    private readonly runner: ManageRunner,
    private readonly model: MigrationsModel,
    private readonly log: Log,
  ) {}

  register(): vscode.Disposable[] {
    const entries: [string, string, (...args: never[]) => Promise<unknown>][] = [
      ['djangoKit.migrations.make', l10n.t('Make Migrations'), (o?: MakeOptions) => this.make(o)],
      ['djangoKit.migrations.migrate', l10n.t('Migrate'), (o?: MigrateOptions) => this.migrate(o)],
      ['djangoKit.migrations.migrateTo', l10n.t('Migrate to here'), (ref: MigrationRef) => this.migrateTo(ref)],
      ['djangoKit.migrations.rollback', l10n.t('Roll back'), (ref: MigrationRef) => this.rollback(ref)],
      ['djangoKit.migrations.showSql', l10n.t('Show SQL'), (ref?: MigrationRef) => this.showSql(ref)],
      // `{ reload: false }` answers with what the view shows now, without running manage.py.
      [
        'djangoKit.migrations.refresh',
        l10n.t('Refresh migrations'),
        async (o?: { reload?: boolean }) => (o?.reload === false ? this.model.projects : this.model.refresh()),
      ],
      ['djangoKit.manage.check', l10n.t('Check project'), (o?: CheckOptions) => this.check(o)],
      ['djangoKit.manage.run', l10n.t('Run {0} Command', 'manage.py'), (o?: RunOptions) => this.runCommand(o)],
    ];
    return [
      ...entries.map(([id, what, handler]) => vscode.commands.registerCommand(id, this.reporting(what, handler))),
      // Opening a file runs nothing, so it works in Restricted Mode too.
      vscode.commands.registerCommand('djangoKit.migrations.openFile', command(this.log, l10n.t('Open migration file'), (ref: MigrationRef) => this.openFile(ref))),
    ];
  }

  /** Commands that run manage.py: refused in Restricted Mode, and a ManageError is a report, not a crash. */
  private reporting<A extends never[], R>(what: string, handler: (...args: A) => Promise<R>) {
    return command<A, R | CommandReport>(this.log, what, handler, {
      trust: what,
      untrusted: (summary) => ({ ok: false, summary }),
      expected: (error) => (error instanceof ManageError ? { message: error.message, result: { ok: false, summary: error.message, failure: error.failure } } : undefined),
    });
  }

  async make(options?: MakeOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const make = options ?? (await askMakeOptions(this.model, project));
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
      const summary = l10n.t('Models have changes without migrations: {0}', summarizeMakemigrations(result, true));
      void vscode.window.showWarningMessage(summary);
      return { ok: true, summary, files, changesPending: true };
    }
    const failed = this.failed(outcome, project, () => void this.rerunInTerminal(project, 'makemigrations', args));
    if (failed) return failed;
    const summary = make.check ? l10n.t('Every model change has a migration') : summarizeMakemigrations(result, make.dryRun);
    if (make.dryRun && result.created.length > 0) await showDocument(outcome.stdout, 'python');
    else offerToOpen(summary, make.dryRun ? [] : files);
    if (!make.dryRun && !make.check) await this.model.refresh();
    return { ok: true, summary, files };
  }

  async migrate(options?: MigrateOptions): Promise<CommandReport | undefined> {
    const project = await this.runner.pickProject(options?.project);
    if (!project) return undefined;
    const target = options ?? (await askMigrateTarget(this.model, project));
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

  async showSql(ref?: MigrationRef): Promise<CommandReport | undefined> {
    const chosen = ref ?? (await askMigration(this.runner, this.model));
    if (!chosen) return undefined;
    const project = projectOf(chosen.manageFile);
    const outcome = await this.runner.run(project, `sqlmigrate ${chosen.app} ${chosen.name}`, 'sqlmigrate', [chosen.app, chosen.name]);
    const failed = this.failed(outcome, project);
    if (failed) return failed;
    await showDocument(outcome.stdout, 'sql');
    return { ok: true, summary: l10n.t('SQL of {0}.{1}', chosen.app, chosen.name) };
  }

  async openFile(ref: MigrationRef): Promise<void> {
    const file = findMigrationFile(ref, await this.runner.model.projectFor(vscode.Uri.file(ref.manageFile)));
    if (file) await vscode.window.showTextDocument(file);
    else void vscode.window.showInformationMessage(l10n.t('{0}.{1} is not in this workspace: it comes with an installed package.', ref.app, ref.name));
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
      const showLog = l10n.t('Show Log');
      void vscode.window.showWarningMessage(l10n.t('{0}: see the log.', summary), showLog).then((choice) => {
        if (choice === showLog) this.log.show(true);
      });
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
      return { ok: true, summary: l10n.t('{0} started in a terminal', `manage.py ${command}`) };
    }
    const outcome = await this.runner.run(project, `manage.py ${command}`, command, args);
    const failed = this.failed(outcome, project, () => void this.rerunInTerminal(project, command, args));
    // migrate, makemigrations, squashmigrations and third-party variants change what the view shows.
    if (command.includes('migrat')) await this.model.refresh();
    if (failed) return failed;
    const summary = l10n.t('{0} finished', `manage.py ${command}`);
    const showLog = l10n.t('Show Log');
    void vscode.window.showInformationMessage(summary, showLog).then((choice) => {
      if (choice === showLog) this.log.show(true);
    });
    return { ok: true, summary };
  }

  private async askCommand(project: DjangoProject): Promise<string | undefined> {
    const outcome = await this.runner.run(project, l10n.t('Listing {0} commands', 'manage.py'), 'help', ['--commands']);
    const failed = this.failed(outcome, project);
    if (failed) return undefined;
    return vscode.window.showQuickPick(parseCommandList(outcome.stdout), { title: l10n.t('Run {0} command', 'manage.py') });
  }

  private async rerunInTerminal(project: DjangoProject, command: string, args: readonly string[]): Promise<void> {
    this.runner.openTerminal(project, await this.runner.python(project), command, args);
  }

  /** The report of a cancelled or failed run (after telling the user), or undefined when it succeeded. */
  private failed(outcome: ManageOutcome, project: DjangoProject, rerunInTerminal?: () => void): CommandReport | undefined {
    if (outcome.cancelled) {
      this.log.info('Cancelled');
      return { ok: false, summary: l10n.t('Cancelled') };
    }
    if (!outcome.failure) return undefined;
    this.runner.showFailure(outcome.failure, project, rerunInTerminal);
    return { ok: false, summary: describeFailure(outcome.failure), failure: outcome.failure };
  }
}
