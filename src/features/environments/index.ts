import * as vscode from 'vscode';
import { type CreateCommandOptions } from '../../core/python/createRequest';
import type { ProjectService } from '../../services/projects';
import { guarded, type Log, reportError } from '../log';
import { CREATE_COMMAND, SELECT_COMMAND, START_PROJECT_COMMAND, STATUS_MENU_COMMAND } from './commandIds';
import { createCommand } from './create';
import { selectCommand, type SelectCommandOptions } from './select';
import { startDjangoProject, type StartProjectOptions } from './startProject';
import { registerEnvironmentStatus, statusMenu } from './statusBar';

/** Create, Select and Start a Project, and the status bar item naming the environment. */
export function registerEnvironments(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const status = registerEnvironmentStatus(context, log, projects);
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_COMMAND, async (options?: CreateCommandOptions) => {
      const result = await reportingFailures(log, 'Creating the environment', () => createCommand(log, projects, options));
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(SELECT_COMMAND, async (options?: SelectCommandOptions) => {
      const result = await reportingFailures(log, 'Selecting the environment', () => selectCommand(log, options));
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(
      START_PROJECT_COMMAND,
      guarded(log, 'Starting the Django project', async (options?: StartProjectOptions) => {
        await startDjangoProject(log, options);
        status.refresh();
      }),
    ),
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, guarded(log, 'Django environment menu', statusMenu)),
  );
}

/** Like `guarded`, but hands the handler's result back to programmatic callers (tests, other extensions). */
async function reportingFailures<T>(log: Log, what: string, run: () => Promise<T>): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    reportError(log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
    return undefined;
  }
}
