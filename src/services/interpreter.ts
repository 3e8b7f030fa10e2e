import path from 'node:path';
import { PVSC_EXTENSION_ID, type PythonExtension } from '@vscode/python-extension';
import vscode = require('vscode');
import { findVenvPython } from '../core/python/venv';
import { resolveWorkspacePath, toWorkspacePath } from '../core/python/workspacePath';
import { config, hasFolderProjectPython, writeProjectPython, writePythonDefaultInterpreterPath } from './config';
import { isFile } from '../core/files';


/** The Python extension's API, or undefined when that extension is not installed (or fails to start). */
export async function pythonExtension(): Promise<PythonExtension | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtension>(PVSC_EXTENSION_ID);
  if (!extension) return undefined;
  try {
    return extension.isActive ? extension.exports : await extension.activate();
  } catch {
    return undefined;
  }
}

/** The interpreter the Python extension has selected for `resource`, as an executable path. */
async function pythonExtensionInterpreter(resource: vscode.Uri): Promise<string | undefined> {
  const api = await pythonExtension();
  if (!api) return undefined;
  const active = api.environments.getActiveEnvironmentPath(resource);
  const resolved = await api.environments.resolveEnvironment(active);
  return resolved?.executable.uri?.fsPath;
}

/**
 * The interpreter that runs a project's manage.py: the `djangoKit.environment.projectPython`
 * setting, else the Python extension's selection when it is installed, else an absolute
 * `python.defaultInterpreterPath`, else an environment folder beside manage.py or at the
 * workspace folder's root.
 */
export async function projectPython(projectDir: vscode.Uri): Promise<string | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(projectDir);
  const configured = config.projectPython(projectDir);
  if (configured) return resolveWorkspacePath(configured, folder?.uri.fsPath);
  const selected = await pythonExtensionInterpreter(projectDir);
  if (selected) return selected;
  const recorded = defaultInterpreterPath(projectDir, folder);
  if (recorded) return recorded;
  const dirs = [projectDir.fsPath];
  if (folder && folder.uri.fsPath !== projectDir.fsPath) dirs.push(folder.uri.fsPath);
  return findVenvPython(dirs, isFile);
}

/**
 * `python.defaultInterpreterPath` as written in settings, even when the Python extension that
 * declares it is absent; only absolute paths count (its default, "python", means "not chosen").
 */
function defaultInterpreterPath(resource: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): string | undefined {
  const value = config.pythonDefaultInterpreterPath(resource);
  if (!value) return undefined;
  const expanded = resolveWorkspacePath(value, folder?.uri.fsPath);
  return path.isAbsolute(expanded) ? expanded : undefined;
}

/** Where a selection was recorded, for the log and for callers that check it. */
export type SelectionTarget = 'python-extension' | 'python.defaultInterpreterPath' | 'djangoKit.environment.projectPython';

/**
 * Makes `python` the workspace folder's interpreter: through the Python extension when it is
 * installed, else its `python.defaultInterpreterPath` setting. Without the Python extension that
 * setting is not registered and cannot be written, so Django Kit's own setting records the choice.
 * Settings get `${workspaceFolder}/…` for an environment inside the folder.
 */
export async function selectProjectPython(python: string, folder: vscode.WorkspaceFolder): Promise<SelectionTarget> {
  const api = await pythonExtension();
  const recorded = toWorkspacePath(python, folder.uri.fsPath);
  if (api) {
    await api.environments.updateActiveEnvironmentPath(python, folder.uri);
    // An older explicit choice of ours would otherwise keep winning over the new selection.
    await clearOwnSetting(folder);
    return 'python-extension';
  }
  try {
    await writePythonDefaultInterpreterPath(folder, recorded);
    await clearOwnSetting(folder);
    return 'python.defaultInterpreterPath';
  } catch {
    await writeProjectPython(folder, recorded);
    return 'djangoKit.environment.projectPython';
  }
}

async function clearOwnSetting(folder: vscode.WorkspaceFolder): Promise<void> {
  if (hasFolderProjectPython(folder)) await writeProjectPython(folder, undefined);
}
