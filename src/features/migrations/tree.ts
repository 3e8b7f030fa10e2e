import vscode = require('vscode');
import { l10n } from 'vscode';
import { projectOf } from '../../core/manage/command';
import { type AppRow, appRow, childNodes, type MigrationNode, migrationRow, type MigrationsNode, rootNodes } from '../../core/manage/migrationsView';
import { SHOW_LOG_COMMAND } from '../../services/log';
import { type MigrationsModel } from './model';
import { projectLabel } from './runner';

/** The Migrations view: projects, their apps, and each app's migrations in plan order. */
export class MigrationsTree implements vscode.TreeDataProvider<MigrationsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly model: MigrationsModel) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: MigrationsNode): MigrationsNode[] {
    return node ? childNodes(node) : rootNodes(this.model.projects);
  }

  getTreeItem(node: MigrationsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return projectItem(node.project.manageFile);
      case 'app':
        return appItem(node.app.app, appRow(node.app));
      case 'migration':
        return migrationItem(node);
      case 'error':
        return errorItem(node.message);
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function projectItem(manageFile: string): vscode.TreeItem {
  const item = new vscode.TreeItem(projectLabel(projectOf(manageFile)), vscode.TreeItemCollapsibleState.Expanded);
  item.iconPath = new vscode.ThemeIcon('folder');
  item.tooltip = manageFile;
  item.contextValue = 'project';
  return item;
}

function appItem(app: string, row: AppRow): vscode.TreeItem {
  const item = new vscode.TreeItem(app, row.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.description = row.description;
  item.iconPath = new vscode.ThemeIcon('package');
  item.contextValue = 'app';
  return item;
}

function migrationItem(node: MigrationNode): vscode.TreeItem {
  const row = migrationRow(node);
  const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
  item.id = row.id;
  item.description = row.description;
  item.tooltip = row.tooltip;
  item.iconPath = node.applied ? new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')) : new vscode.ThemeIcon('circle-large-outline');
  item.contextValue = row.contextValue;
  item.command = { title: l10n.t('Open Migration File'), command: 'djangoKit.migrations.openFile', arguments: [node] };
  return item;
}

// The full message is the view's own message (one project) or this item's tooltip; a row too narrow
// for it would only repeat it cut off.
function errorItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(l10n.t('Could not list the migrations'), vscode.TreeItemCollapsibleState.None);
  item.description = l10n.t('Show Log');
  item.tooltip = message;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = { title: l10n.t('Show Log'), command: SHOW_LOG_COMMAND };
  return item;
}
