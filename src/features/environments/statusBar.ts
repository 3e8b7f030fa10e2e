import path from 'node:path';
import * as vscode from 'vscode';
import { type EnvironmentState, environmentStatus } from '../../core/python/environmentStatus';
import { probeInterpreter } from '../../core/python/probe';
import { projectPython, pythonExtension } from '../interpreter';
import { type Log } from '../log';
import { CREATE_COMMAND, SELECT_COMMAND, STATUS_MENU_COMMAND } from './commandIds';

/** The status bar item's menu: Select or Create. */
export async function statusMenu(): Promise<void> {
  const items = [
    { label: '$(check) Select Environment', command: SELECT_COMMAND },
    { label: '$(add) Create Environment', command: CREATE_COMMAND },
  ];
  const choice = await vscode.window.showQuickPick(items, { placeHolder: 'Django environment' });
  if (choice) await vscode.commands.executeCommand(choice.command);
}

/**
 * The status bar item naming the active Django environment. It shows only in a workspace with a
 * manage.py, and probes the interpreter (a process) only in a trusted workspace.
 */
export function registerEnvironmentStatus(context: vscode.ExtensionContext, log: Log): { refresh: () => void } {
  const item = vscode.window.createStatusBarItem('djangoKit.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Django Environment';
  item.command = STATUS_MENU_COMMAND;
  // Each refresh probes a process; only the latest one may write the item.
  let generation = 0;
  const refresh = () => {
    const mine = ++generation;
    void activeEnvironment()
      .then((state) => {
        if (mine !== generation) return;
        if (!state) {
          item.hide();
          return;
        }
        const { text, tooltip } = environmentStatus(state);
        item.text = text;
        item.tooltip = tooltip;
        item.show();
      })
      .catch((error: unknown) => log.warn(`Could not describe the Django environment: ${String(error)}`));
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/{manage.py,pyvenv.cfg}', false, true, false);
  context.subscriptions.push(
    item,
    watcher,
    watcher.onDidCreate(refresh),
    watcher.onDidDelete(refresh),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('djangoKit.environment') || event.affectsConfiguration('python.defaultInterpreterPath')) refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
  );
  void pythonExtension().then((api) => {
    if (api) context.subscriptions.push(api.environments.onDidChangeActiveEnvironmentPath(refresh));
  });
  refresh();
  return { refresh };
}

/** The environment of the workspace's first manage.py; undefined when there is none. */
async function activeEnvironment(): Promise<EnvironmentState | undefined> {
  const [managePy] = await vscode.workspace.findFiles('**/manage.py', '**/{node_modules,venv,.venv}/**', 1);
  if (!managePy) return undefined;
  const python = await projectPython(vscode.Uri.file(path.dirname(managePy.fsPath)));
  if (!python) return { kind: 'no-interpreter' };
  if (!vscode.workspace.isTrusted) return { kind: 'restricted', python };
  try {
    return { kind: 'probed', python, info: await probeInterpreter(python, {}) };
  } catch {
    return { kind: 'broken', python };
  }
}
