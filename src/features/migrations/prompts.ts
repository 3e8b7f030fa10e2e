/** The questions the commands ask when called without options; each answers undefined when the user cancels. */
import vscode = require('vscode');
import { argumentsProblem, type DjangoProject, type MakemigrationsOptions, migrationNameProblem, splitArguments } from '../../core/manage/command';
import { appsOf, migrateTargets } from '../../core/manage/migrationsView';
import { type MigrationRef } from './documents';
import { type MigrationsModel } from './model';
import { type ManageRunner } from './runner';

export async function askMakeOptions(model: MigrationsModel, project: DjangoProject): Promise<MakemigrationsOptions | undefined> {
  const modes = [
    { label: 'All apps', mode: 'all' },
    { label: 'Pick apps…', mode: 'pick' },
    { label: 'Preview (dry run)', description: '--dry-run, shows the files without writing them', mode: 'dry' },
    { label: 'Check for missing migrations', description: '--check, writes nothing', mode: 'check' },
  ] as const;
  const mode = await vscode.window.showQuickPick(modes, { title: 'Make Migrations' });
  if (!mode) return undefined;
  if (mode.mode === 'dry') return { dryRun: true };
  if (mode.mode === 'check') return { check: true };
  let apps: string[] = [];
  if (mode.mode === 'pick') {
    const known = appsOf(await model.loadedPlanOf(project.manageFile));
    const picked = await vscode.window.showQuickPick(known, { title: 'Make migrations for', canPickMany: true });
    if (!picked || picked.length === 0) return undefined;
    apps = picked;
  }
  const name = await vscode.window.showInputBox({
    title: 'Migration name (optional)',
    prompt: 'Leave empty for a name Django chooses',
    validateInput: migrationNameProblem,
  });
  if (name === undefined) return undefined;
  return { apps, name: name || undefined };
}

export async function askMigrateTarget(model: MigrationsModel, project: DjangoProject): Promise<{ app?: string; migration?: string } | undefined> {
  const plan = await model.loadedPlanOf(project.manageFile);
  const scope = await vscode.window.showQuickPick([{ label: 'All apps', app: undefined }, ...appsOf(plan).map((app) => ({ label: app, app }))], {
    title: 'Migrate',
  });
  if (!scope) return undefined;
  if (!scope.app) return {};
  const target = await vscode.window.showQuickPick(migrateTargets(model.planOf(project.manageFile), scope.app), { title: `Migrate ${scope.app} to` });
  return target && { app: scope.app, migration: target.migration };
}

export async function askMigration(runner: ManageRunner, model: MigrationsModel): Promise<MigrationRef | undefined> {
  const project = await runner.pickProject();
  if (!project) return undefined;
  const plan = await model.loadedPlanOf(project.manageFile);
  const items = plan.map((m) => ({ label: `${m.app}.${m.name}`, description: m.applied ? 'applied' : 'unapplied', m }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Show SQL for migration' });
  return picked && { manageFile: project.manageFile, app: picked.m.app, name: picked.m.name };
}

export async function askDeploy(): Promise<boolean | undefined> {
  const choice = await vscode.window.showQuickPick(
    [
      { label: 'Check', deploy: false },
      { label: 'Check for deployment', description: '--deploy: also the production security settings', deploy: true },
    ],
    { title: 'Check Project' },
  );
  return choice?.deploy;
}

export async function askArguments(command: string): Promise<string[] | undefined> {
  const text = await vscode.window.showInputBox({
    title: `Arguments for manage.py ${command} (optional)`,
    prompt: 'Quote arguments that contain spaces',
    validateInput: argumentsProblem,
  });
  return text === undefined ? undefined : splitArguments(text);
}
