/** The questions the commands ask when called without options; each answers undefined when the user cancels. */
import vscode = require('vscode');
import { l10n } from 'vscode';
import { argumentsProblem, type DjangoProject, type MakemigrationsOptions, migrationNameProblem, splitArguments } from '../../core/manage/command';
import { appsOf, migrateTargets } from '../../core/manage/migrationsView';
import { type MigrationRef } from './documents';
import { type MigrationsModel } from './model';
import { type ManageRunner } from './runner';

export async function askMakeOptions(model: MigrationsModel, project: DjangoProject): Promise<MakemigrationsOptions | undefined> {
  const modes = [
    { label: l10n.t('All apps'), mode: 'all' },
    { label: l10n.t('Pick apps…'), mode: 'pick' },
    { label: l10n.t('Preview (dry run)'), description: l10n.t('{0}, shows the files without writing them', '--dry-run'), mode: 'dry' },
    { label: l10n.t('Check for missing migrations'), description: l10n.t('{0}, writes nothing', '--check'), mode: 'check' },
  ] as const;
  const mode = await vscode.window.showQuickPick(modes, { title: l10n.t('Make Migrations') });
  if (!mode) return undefined;
  if (mode.mode === 'dry') return { dryRun: true };
  if (mode.mode === 'check') return { check: true };
  let apps: string[] = [];
  if (mode.mode === 'pick') {
    const known = appsOf(await model.loadedPlanOf(project.manageFile));
    const picked = await vscode.window.showQuickPick(known, { title: l10n.t('Make migrations for'), canPickMany: true });
    if (!picked || picked.length === 0) return undefined;
    apps = picked;
  }
  const name = await vscode.window.showInputBox({
    title: l10n.t('Migration name (optional)'),
    prompt: l10n.t('Leave empty for a name Django chooses'),
    validateInput: migrationNameProblem,
  });
  if (name === undefined) return undefined;
  return { apps, name: name || undefined };
}

export async function askMigrateTarget(model: MigrationsModel, project: DjangoProject): Promise<{ app?: string; migration?: string } | undefined> {
  const plan = await model.loadedPlanOf(project.manageFile);
  const scope = await vscode.window.showQuickPick([{ label: l10n.t('All apps'), app: undefined }, ...appsOf(plan).map((app) => ({ label: app, app }))], {
    title: l10n.t('Migrate'),
  });
  if (!scope) return undefined;
  if (!scope.app) return {};
  const target = await vscode.window.showQuickPick(migrateTargets(model.planOf(project.manageFile), scope.app), { title: l10n.t('Migrate {0} to', scope.app) });
  return target && { app: scope.app, migration: target.migration };
}

export async function askMigration(runner: ManageRunner, model: MigrationsModel): Promise<MigrationRef | undefined> {
  const project = await runner.pickProject();
  if (!project) return undefined;
  const plan = await model.loadedPlanOf(project.manageFile);
  const items = plan.map((m) => ({ label: `${m.app}.${m.name}`, description: m.applied ? l10n.t('applied') : l10n.t('unapplied'), m }));
  const picked = await vscode.window.showQuickPick(items, { title: l10n.t('Show SQL for migration') });
  return picked && { manageFile: project.manageFile, app: picked.m.app, name: picked.m.name };
}

export async function askDeploy(): Promise<boolean | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: l10n.t('Check'), deploy: false },
      { label: l10n.t('Check for deployment'), description: l10n.t('{0}: also the production security settings', '--deploy'), deploy: true },
    ],
    { title: l10n.t('Check Project') },
  );
  return choice?.deploy;
}

export async function askArguments(command: string): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: l10n.t('Arguments for {0} (optional)', `manage.py ${command}`),
    prompt: l10n.t('Quote arguments that contain spaces'),
    validateInput: argumentsProblem,
  });
  return text === undefined ? undefined : splitArguments(text);
}
