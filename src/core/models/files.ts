import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { readPythonFile } from '../syntax/pythonFile';
import type { SourceFile } from './types';

/** Where an app's models live: a `models.py`, or the files of a `models/` package. */
export interface ModelsLocation {
  /** The app folder, where serializers.py, views.py and urls.py belong. */
  readonly appDir: string;
  readonly files: readonly string[];
}

/**
 * Accepts a `models.py`, a `models/` package or an app folder containing either. Package files
 * come `__init__.py` first, then by name, which is the order Django usually imports them in.
 */
export async function locateModels(target: string): Promise<ModelsLocation> {
  const info = await stat(target).catch(() => {
    throw new Error(`${target} does not exist`);
  });
  if (info.isFile()) return { appDir: path.dirname(target), files: [target] };
  if (path.basename(target) === 'models') return { appDir: path.dirname(target), files: await packageFiles(target) };
  const modelsFile = path.join(target, 'models.py');
  if (await isFile(modelsFile)) return { appDir: target, files: [modelsFile] };
  const packageDir = path.join(target, 'models');
  if (await isFile(path.join(packageDir, '__init__.py'))) return { appDir: target, files: await packageFiles(packageDir) };
  throw new Error(`${target} has neither a models.py nor a models/ package`);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function packageFiles(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => name.endsWith('.py')).sort((a, b) => {
    if (a === '__init__.py') return -1;
    if (b === '__init__.py') return 1;
    return a.localeCompare(b);
  });
  return names.map((name) => path.join(dir, name));
}

export async function readSourceFiles(files: readonly string[]): Promise<SourceFile[]> {
  return Promise.all(files.map(async (file) => ({ path: file, text: await readPythonFile(file) })));
}
