import { statSync } from 'node:fs';
import * as vscode from 'vscode';
import { findVenvPython } from '../core/python/venv';

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The interpreter that runs a project's manage.py: the `djangoKit.environment.projectPython`
 * setting, else an environment folder beside manage.py or at the workspace folder's root.
 * (The environments feature extends this with the Python extension's selection.)
 */
export async function projectPython(projectDir: vscode.Uri): Promise<string | undefined> {
  const configured = vscode.workspace.getConfiguration('djangoKit', projectDir).get<string>('environment.projectPython');
  if (configured) return configured;
  const folder = vscode.workspace.getWorkspaceFolder(projectDir);
  const dirs = [projectDir.fsPath];
  if (folder && folder.uri.fsPath !== projectDir.fsPath) dirs.push(folder.uri.fsPath);
  return findVenvPython(dirs, isFile);
}
