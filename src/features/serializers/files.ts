import vscode = require('vscode');

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export async function openIfExists(uri: vscode.Uri): Promise<vscode.TextDocument | undefined> {
  return (await exists(uri)) ? vscode.workspace.openTextDocument(uri) : undefined;
}
