import * as vscode from 'vscode';
import { decodePythonSource } from '../../core/syntax/pythonFile';
import { settingsFileCandidates } from '../../core/jwt';
import { declaredSettingsModule } from '../../core/settings/detect';

const SKIPPED_FOLDERS = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__}/**';

/** The module manage.py names, else the only (or the chosen) settings.py in the workspace. */
export async function findSettingsModule(): Promise<vscode.Uri | undefined> {
  const found = new Map<string, vscode.Uri>();
  for (const managePy of await vscode.workspace.findFiles('**/manage.py', SKIPPED_FOLDERS, 20)) {
    const module = declaredSettingsModule(decodePythonSource(await vscode.workspace.fs.readFile(managePy)));
    const settings = module ? await firstExisting(vscode.Uri.joinPath(managePy, '..'), settingsFileCandidates(module)) : undefined;
    if (settings) found.set(settings.toString(), settings);
  }
  if (found.size === 0) {
    for (const file of await vscode.workspace.findFiles('**/settings.py', SKIPPED_FOLDERS, 20)) found.set(file.toString(), file);
  }
  const files = [...found.values()];
  if (files.length <= 1) return files[0];
  const choice = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Which settings module holds the JWT key?' },
  );
  return choice?.uri;
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
