import { existsSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { type CommandLine, identifierProblem, startAppCommand, startProjectCommand } from '../../core/python/commands';
import { lastLines } from '../../core/python/failures';
import { runProcess } from '../../core/process';
import { projectPython } from '../../services/interpreter';
import { type Log, SHOW_LOG_COMMAND } from '../../services/log';
import { CREATE_COMMAND } from './commandIds';
import { isOptionsObject, pickWorkspaceFolder, requireTrust, workspaceFolderAt } from './workspace';

export interface StartProjectOptions {
  readonly name?: string;
  readonly app?: string;
  readonly folder?: string;
}

/** Start a Django Project Here: startproject into the folder, then optionally startapp. */
export async function startDjangoProject(log: Log, options?: StartProjectOptions): Promise<void> {
  if (!requireTrust(l10n.t('Starting a Django project'))) return;
  const given = isOptionsObject(options) ? options : {};
  const folder = given.folder ? workspaceFolderAt(given.folder) : await pickWorkspaceFolder();
  if (!folder) return;
  if (existsSync(path.join(folder.uri.fsPath, 'manage.py'))) {
    void vscode.window.showInformationMessage(l10n.t('{0} already has a {1}.', folder.name, 'manage.py'));
    return;
  }
  const python = await projectPython(folder.uri);
  if (!python) {
    const create = l10n.t('Create Environment');
    void vscode.window.showWarningMessage(l10n.t('No environment with Django yet: create one first.'), create).then((choice) => {
      if (choice === create) void vscode.commands.executeCommand(CREATE_COMMAND);
    });
    return;
  }
  const name = given.name ?? (await askIdentifier(l10n.t('Project name'), 'mysite'));
  if (!name) return;
  if (!(await runDjangoAdmin(startProjectCommand(python, name), folder, log))) return;
  const app = given.name ? given.app : await askIdentifier(l10n.t('App name (Escape to skip)'), 'core');
  if (app && !(await runDjangoAdmin(startAppCommand(python, app), folder, log))) return;
  void vscode.window.showInformationMessage(app ? l10n.t('Created the project {0} with the app {1}.', name, app) : l10n.t('Created the project {0}.', name));
}

function askIdentifier(prompt: string, placeHolder: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({ prompt, placeHolder, validateInput: identifierProblem });
}

/** Runs `python -m django …` in the workspace folder; on failure shows Django's own last line. */
async function runDjangoAdmin(line: CommandLine, folder: vscode.WorkspaceFolder, log: Log): Promise<boolean> {
  log.info(`$ ${[line.command, ...line.args].join(' ')}`);
  const result = await runProcess({ ...line, cwd: folder.uri.fsPath, onLine: (text) => log.info(`  ${text}`) });
  if (result.code === 0) return true;
  const lastLine = lastLines(result.stderr || result.stdout, 1);
  log.error(lastLine || `exit code ${result.code}`);
  const reason = lastLine || l10n.t('exit code {0}', String(result.code));
  const showLog = l10n.t('Show Log');
  void vscode.window.showErrorMessage(l10n.t('{0} failed: {1}', `django-admin ${line.args[2]}`, reason), showLog).then((choice) => {
    if (choice === showLog) void vscode.commands.executeCommand(SHOW_LOG_COMMAND);
  });
  return false;
}
