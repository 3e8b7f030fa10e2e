import vscode = require('vscode');
import { l10n } from 'vscode';

export { requireTrust } from '../../services/commands';

// executeCommand from a keybinding or menu passes a Uri or nothing; only a plain object is options.
export function isOptionsObject<T extends object>(value: T | undefined): value is T {
  return typeof value === 'object' && value !== null && !(value instanceof vscode.Uri) && !Array.isArray(value);
}

/** The workspace folder at `fsPath`, or the first one; throws when there is none. */
export function workspaceFolderAt(fsPath: string | undefined): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const folder = fsPath ? folders.find((f) => f.uri.fsPath === fsPath) : folders[0];
  if (!folder) throw new Error(fsPath ? l10n.t('{0} is not a workspace folder', fsPath) : l10n.t('Open a folder first'));
  return folder;
}

/** The only workspace folder, or the one the user picks. */
export async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(l10n.t('Open a folder first: the environment is created inside it.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: l10n.t('Workspace folder for the new environment') });
}
