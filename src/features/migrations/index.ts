import * as vscode from 'vscode';
import { debounce } from '../../core/debounce';
import { type Log } from '../log';
import { MigrationCommands } from './commands';
import { MigrationsModel } from './model';
import { ManageRunner } from './runner';
import { createUnappliedStatusBar, updateUnappliedStatusBar } from './statusBar';
import { DjangoTaskProvider, TASK_TYPE } from './tasks';
import { MigrationsTree } from './tree';

const VIEW_ID = 'djangoKit.migrations';

/** The Migrations view, its status bar item, the manage.py commands and the `django` task type. */
export function registerMigrations(context: vscode.ExtensionContext, log: Log): void {
  const runner = new ManageRunner(log);
  const model = new MigrationsModel(runner, log);
  const tree = new MigrationsTree(model);
  const view = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const status = createUnappliedStatusBar();
  const commands = new MigrationCommands(runner, model, log);

  const showState = () => {
    view.message = model.message();
    updateUnappliedStatusBar(status, model);
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
