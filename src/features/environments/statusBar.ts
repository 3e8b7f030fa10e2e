import vscode = require('vscode');
import { l10n } from 'vscode';
import { type EnvironmentState, environmentStatus } from '../../core/python/environmentStatus';
import { probeInterpreter } from '../../core/python/probe';
import { affectsInterpreter } from '../../services/config';
import { projectPython, pythonExtension } from '../../services/interpreter';
import { type Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { STATUS_MENU_COMMAND } from './commandIds';

/**
 * The status bar item naming the active Django environment. It shows only in a workspace with a
 * manage.py, so it is registered when the project model first finds one (src/features/onDemand.ts),
 * and probes the interpreter (a process) only in a trusted workspace.
 */
export function registerEnvironmentStatus(context: vscode.ExtensionContext, log: Log, projects: ProjectService): { refresh: () => void } {
  const item = vscode.window.createStatusBarItem('djangoKit.environment', vscode.StatusBarAlignment.Left, 50);
  item.name = l10n.t('Django Environment');
  item.command = STATUS_MENU_COMMAND;
  // Each refresh probes a process; only the latest one may write the item.
  let generation = 0;
  const refresh = () => {
    const mine = ++generation;
    void activeEnvironment(projects)
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
  const watcher = vscode.workspace.createFileSystemWatcher('**/pyvenv.cfg', false, true, false);
  context.subscriptions.push(
    item,
    watcher,
    watcher.onDidCreate(refresh),
    watcher.onDidDelete(refresh),
    // Also the first description: the projects come once the model is built, or at once when it already was.
    projects.onDidChange(refresh),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsInterpreter(event)) refresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
  );
  void pythonExtension().then((api) => {
    if (api) context.subscriptions.push(api.environments.onDidChangeActiveEnvironmentPath(refresh));
  });
  return { refresh };
}

/** The environment of the workspace's first project; undefined when there is none. */
async function activeEnvironment(projects: ProjectService): Promise<EnvironmentState | undefined> {
  const [project] = await projects.projects();
  if (!project) return undefined;
  const python = await projectPython(vscode.Uri.file(project.root));
  if (!python) return { kind: 'no-interpreter' };
  if (!vscode.workspace.isTrusted) return { kind: 'restricted', python };
  try {
    return { kind: 'probed', python, info: await probeInterpreter(python, {}) };
  } catch {
    return { kind: 'broken', python };
  }
}
