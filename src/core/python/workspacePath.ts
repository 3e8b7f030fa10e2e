/**
 * Interpreter paths as settings files keep them: one inside the workspace folder is written as
 * `${workspaceFolder}/venv/bin/python`, so a committed `.vscode/settings.json` works on every
 * clone, and resolved against the folder when read.
 */
import path from 'node:path';
import { currentPlatform, type Platform } from './venv';

const WORKSPACE_FOLDER = '${workspaceFolder}';

function flavourOf(platform: Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** The path relative to `${workspaceFolder}` when it lies inside `folder`; otherwise the path unchanged. */
export function toWorkspacePath(file: string, folder: string, platform: Platform = currentPlatform()): string {
  const flavour = flavourOf(platform);
  const relative = flavour.relative(folder, file);
  const outside = relative === '' || relative === '..' || relative.startsWith(`..${flavour.sep}`) || flavour.isAbsolute(relative);
  if (outside) return file;
  // Forward slashes: VS Code and Windows both take them, and the file reads the same on every system.
  return `${WORKSPACE_FOLDER}/${relative.split(flavour.sep).join('/')}`;
}

/** A path that starts with `${workspaceFolder}` made absolute against `folder`; any other value unchanged. */
export function resolveWorkspacePath(value: string, folder: string | undefined, platform: Platform = currentPlatform()): string {
  if (folder === undefined || !value.startsWith(WORKSPACE_FOLDER)) return value;
  return flavourOf(platform).join(folder, value.slice(WORKSPACE_FOLDER.length));
}
