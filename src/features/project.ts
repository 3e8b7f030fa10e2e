import * as vscode from 'vscode';

/** Sets `djangoKit.isDjangoProject` so views and menus appear only where a manage.py is. */
export function registerProjectContext(context: vscode.ExtensionContext): void {
  const update = async () => {
    const found = await vscode.workspace.findFiles('**/manage.py', '**/node_modules/**', 1);
    await vscode.commands.executeCommand('setContext', 'djangoKit.isDjangoProject', found.length > 0);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/manage.py', false, true, false);
  context.subscriptions.push(
    watcher,
    watcher.onDidCreate(() => void update()),
    watcher.onDidDelete(() => void update()),
    vscode.workspace.onDidChangeWorkspaceFolders(() => void update()),
  );
  void update();
}
