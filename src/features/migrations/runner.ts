import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { type DjangoProject, displayCommand, interactiveManageArgs, manageArgs, projectOf } from '../../core/manage/command';
import { describeFailure, ManageError, type ManageFailure } from '../../core/manage/failure';
import { type FailureAction, failureActions } from '../../core/manage/failureActions';
import { type ManageOutcome, runManage } from '../../core/manage/run';
import { projectPython } from '../../services/interpreter';
import { type Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { openAt, openModel } from './documents';
import { isFolder } from '../../core/files';

/** Takes projects from the project model, runs manage.py with progress and the log, and explains failures. */
export class ManageRunner {
  constructor(
    private readonly log: Log,
    readonly model: ProjectService,
  ) {}

  async projects(): Promise<DjangoProject[]> {
    return (await this.model.projects()).map((project) => projectOf(project.manage)).sort((a, b) => a.manageFile.localeCompare(b.manageFile));
  }

  /** The project named by `option`, else that of the active file, the only one, or the one the user picks; undefined if the user cancels. */
  async pickProject(option?: string): Promise<DjangoProject | undefined> {
    if (option) return projectOf(isFolder(option) ? path.join(option, 'manage.py') : option);
    if ((await this.model.projects()).length === 0) throw new ManageError({ kind: 'command-error', message: l10n.t('There is no {0} in this workspace.', 'manage.py') });
    const project = await this.model.activeProject();
    return project && projectOf(project.manage);
  }

  async python(project: DjangoProject): Promise<string> {
    const python = await projectPython(vscode.Uri.file(project.dir));
    if (python) return python;
    throw new ManageError({
      kind: 'no-interpreter',
      message: l10n.t(
        'No Python environment found for {0}: select one with "Django Kit: Select Environment" or set {1}.',
        projectLabel(project),
        'djangoKit.environment.projectPython',
      ),
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
    const actions = failureActions(failure, rerunInTerminal !== undefined);
    const showLog = l10n.t('Show Log');
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), showLog).then((choice) => {
      if (choice === showLog) this.log.show(true);
      const action = actions.find((a) => a.title === choice);
      if (action) void runFailureAction(action, project, this.model, rerunInTerminal);
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

async function runFailureAction(action: FailureAction, project: DjangoProject, model: ProjectService, rerunInTerminal?: () => void): Promise<unknown> {
  switch (action.kind) {
    case 'select-environment':
      return vscode.commands.executeCommand('djangoKit.env.select');
    case 'open-file':
      return openAt(vscode.Uri.file(action.location.file), action.location.line - 1);
    case 'merge-migrations':
      return vscode.commands.executeCommand('djangoKit.migrations.make', { project: project.manageFile, merge: true });
    case 'open-model':
      return openModel(await model.projectFor(vscode.Uri.file(project.manageFile)), action.model);
    case 'run-in-terminal':
      return rerunInTerminal?.();
  }
}

export function projectLabel(project: DjangoProject): string {
  return vscode.workspace.asRelativePath(project.dir, true) || path.basename(project.dir);
}

