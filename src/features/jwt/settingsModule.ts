import * as vscode from 'vscode';
import { settingsFileCandidates } from '../../core/jwt';
import { declaredSettingsModule } from '../../core/settings/detect';

const SKIPPED_FOLDERS = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__}/**';

/** A settings module and the folder of the manage.py that names it (none when found by its name alone). */
export interface SettingsModule {
  readonly settings: vscode.Uri;
  readonly manageFolder?: vscode.Uri;
}

/** The modules manage.py files name, else every settings.py in the workspace. */
export async function settingsModules(): Promise<SettingsModule[]> {
  const found = new Map<string, SettingsModule>();
  for (const managePy of await vscode.workspace.findFiles('**/manage.py', SKIPPED_FOLDERS, 20)) {
    const manageFolder = vscode.Uri.joinPath(managePy, '..');
    const module = declaredSettingsModule(new TextDecoder().decode(await vscode.workspace.fs.readFile(managePy)));
    const settings = module ? await firstExisting(manageFolder, settingsFileCandidates(module)) : undefined;
    if (settings) found.set(settings.toString(), { settings, manageFolder });
  }
  if (found.size === 0) {
    for (const settings of await vscode.workspace.findFiles('**/settings.py', SKIPPED_FOLDERS, 20)) found.set(settings.toString(), { settings });
  }
  return [...found.values()];
}

/** The only settings module, or the one the user picks when there are several. */
export async function findSettingsModule(): Promise<SettingsModule | undefined> {
  const modules = await settingsModules();
  if (modules.length <= 1) return modules[0];
  const choice = await vscode.window.showQuickPick(
    modules.map((module) => ({ label: vscode.workspace.asRelativePath(module.settings), module })),
    { title: 'Which settings module holds the JWT key?' },
  );
  return choice?.module;
}

async function firstExisting(folder: vscode.Uri, candidates: string[][]): Promise<vscode.Uri | undefined> {
  for (const parts of candidates) {
    const uri = vscode.Uri.joinPath(folder, ...parts);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // Not this layout; try the next.
    }
  }
  return undefined;
}
