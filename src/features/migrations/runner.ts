import { statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { type DjangoProject, displayCommand, interactiveManageArgs, manageArgs, projectOf } from '../../core/manage/command';
import { describeFailure, ManageError, type ManageFailure } from '../../core/manage/failure';
import { type FailureAction, failureActions } from '../../core/manage/failureActions';
import { type ManageOutcome, runManage } from '../../core/manage/run';
import { projectPython } from '../interpreter';
import { type Log } from '../log';
import { openAt, openModel } from './documents';

/** Folders whose manage.py files are not the user's projects. */
export const MANAGE_EXCLUDE = '{**/node_modules/**,**/.*/**,**/site-packages/**,**/venv/**,**/env/**}';

/** Finds projects and interpreters, runs manage.py with progress and the log, and explains failures. */
export class ManageRunner {
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
      message: `No Python environment found for ${projectLabel(project)}: select one with "Django Kit: Select Environment" or set djangoKit.environment.projectPython.`,
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
    void vscode.window.showErrorMessage(message, ...actions.map((a) => a.title), 'Show Log').then((choice) => {
      if (choice === 'Show Log') this.log.show(true);
      const action = actions.find((a) => a.title === choice);
      if (action) void runFailureAction(action, project, rerunInTerminal);
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

async function runFailureAction(action: FailureAction, project: DjangoProject, rerunInTerminal?: () => void): Promise<unknown> {
  switch (action.kind) {
    case 'select-environment':
      return vscode.commands.executeCommand('djangoKit.env.select');
    case 'open-file':
      return openAt(vscode.Uri.file(action.location.file), action.location.line - 1);
    case 'merge-migrations':
      return vscode.commands.executeCommand('djangoKit.migrations.make', { project: project.manageFile, merge: true });
    case 'open-model':
      return openModel(project, action.model, MANAGE_EXCLUDE);
    case 'run-in-terminal':
      return rerunInTerminal?.();
  }
}

export function projectLabel(project: DjangoProject): string {
  return vscode.workspace.asRelativePath(project.dir, true) || path.basename(project.dir);
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
