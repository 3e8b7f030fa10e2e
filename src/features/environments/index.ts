import vscode = require('vscode');
import { l10n } from 'vscode';
import { type CreateCommandOptions } from '../../core/python/createRequest';
import { command } from '../../services/commands';
import { type Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { CREATE_COMMAND, SELECT_COMMAND, START_PROJECT_COMMAND, STATUS_MENU_COMMAND } from './commandIds';
import { createCommand } from './create';
import { selectCommand, type SelectCommandOptions } from './select';
import { startDjangoProject, type StartProjectOptions } from './startProject';

/**
 * Create, Select and Start a Project, and the menu of the status bar item naming the environment
 * (./statusBar.ts, registered apart: src/features/onDemand.ts). `status` is that item once it exists.
 */
export function registerEnvironments(context: vscode.ExtensionContext, log: Log, projects: ProjectService, status: { refresh: () => void }): void {
  const create = command(log, l10n.t('Creating the environment'), (options?: CreateCommandOptions) => createCommand(log, projects, options));
  const select = command(log, l10n.t('Selecting the environment'), (options?: SelectCommandOptions) => selectCommand(log, options));
  context.subscriptions.push(
    vscode.commands.registerCommand(CREATE_COMMAND, async (options?: CreateCommandOptions) => {
      const result = await create(options);
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(SELECT_COMMAND, async (options?: SelectCommandOptions) => {
      const result = await select(options);
      status.refresh();
      return result;
    }),
    vscode.commands.registerCommand(
      START_PROJECT_COMMAND,
      command(log, l10n.t('Starting the Django project'), async (options?: StartProjectOptions) => {
        await startDjangoProject(log, options);
        status.refresh();
      }),
    ),
    vscode.commands.registerCommand(STATUS_MENU_COMMAND, command(log, l10n.t('Django environment menu'), statusMenu)),
  );
}

/** The status bar item's menu: Select or Create. */
async function statusMenu(): Promise<void> {
  const items = [
    { label: l10n.t('$(check) Select Environment'), command: SELECT_COMMAND },
    { label: l10n.t('$(add) Create Environment'), command: CREATE_COMMAND },
  ];
  const choice = await vscode.window.showQuickPick(items, { placeHolder: l10n.t('Django environment') });
  if (choice) await vscode.commands.executeCommand(choice.command);
}
