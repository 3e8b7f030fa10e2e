import vscode = require('vscode');
import { debounce } from '../../core/debounce';
import { affectsInterpreter } from '../../services/config';
import { type Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { MigrationCommands } from './commands';
import { MigrationsModel } from './model';
import { ManageRunner } from './runner';
import { createUnappliedStatusBar, updateUnappliedStatusBar } from './statusBar';
import { DjangoTaskProvider } from './tasks';
import { MigrationsTree } from './tree';

const VIEW_ID = 'djangoKit.migrations';

/**
 * The Migrations view, its status bar item, the manage.py commands and the tasks of type `django`
 * (returned, for the provider that exists from activation on). Registered on first use (see
 * ../onDemand.ts): when the project model finds a Django project, or a command or task of theirs is asked for.
 */
export function registerMigrations(context: vscode.ExtensionContext, log: Log, projects: ProjectService): vscode.TaskProvider {
  const runner = new ManageRunner(log, projects);
  const model = new MigrationsModel(runner, log);
  const tree = new MigrationsTree(model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const status = createUnappliedStatusBar();

  const showState = () => {
    view.message = model.message();
    updateUnappliedStatusBar(status, model);
  };
  const refreshSoon = debounce(() => void model.refresh(), 400);
  const watcher = vscode.workspace.createFileSystemWatcher('**/migrations/*.py');
  let knownManageFiles: string | undefined;

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
    // The first projects come once the model is built, or at once when it already was (see ProjectService):
    // they load the view. After that only a project that appears or goes changes it; a settings edit does not.
    projects.onDidChange((current) => {
      const manageFiles = current.map((project) => project.manage).join('\n');
      if (knownManageFiles === undefined) void model.refresh();
      else if (manageFiles !== knownManageFiles) refreshSoon();
      knownManageFiles = manageFiles;
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (affectsInterpreter(e)) refreshSoon();
    }),
    ...new MigrationCommands(runner, model, log).register(),
  );
  showState();
  return new DjangoTaskProvider(projects);
}
