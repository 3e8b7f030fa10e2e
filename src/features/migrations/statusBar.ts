import vscode = require('vscode');
import { l10n } from 'vscode';
import { unappliedStatus } from '../../core/manage/migrationsView';
import { type MigrationsModel } from './model';

/** The status bar item counting unapplied migrations; clicking it migrates. */
export function createUnappliedStatusBar(): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem('djangoKit.migrations.unapplied', vscode.StatusBarAlignment.Left, 50);
  item.name = l10n.t('Django Kit: Unapplied Migrations');
  return item;
}

export function updateUnappliedStatusBar(item: vscode.StatusBarItem, model: MigrationsModel): void {
  const status = unappliedStatus(model.projects);
  if (!status || !vscode.workspace.isTrusted) {
    item.hide();
    return;
  }
  item.text = status.text;
  item.tooltip = status.tooltip;
  // With one project to migrate, clicking migrates it straight away; with several, Migrate asks which.
  item.command = { title: l10n.t('Migrate'), command: 'djangoKit.migrations.migrate', arguments: status.project ? [{ project: status.project }] : [] };
  item.show();
}
