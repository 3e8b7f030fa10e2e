import { existsSync } from 'node:fs';
import path from 'node:path';
import { declaredSettingsFiles, isConventionalSettingsPath } from './detect';

/**
 * The knowledge folder `data/settings` of the package this code runs from: dist/ in the shipped
 * extension and CLI, src/core/settings/ when run from source.
 */
export function findKnowledgeDir(start: string): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 5; depth++) {
    const candidate = path.join(dir, 'data', 'settings');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

/**
 * Whether a file is a settings module when no editor is there to say: by its name, or because a
 * manage.py in one of its folders names it in DJANGO_SETTINGS_MODULE.
 */
export function isSettingsModuleOnDisk(file: string): boolean {
  const absolute = path.resolve(file);
  if (isConventionalSettingsPath(absolute)) return true;
  for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'manage.py')) && declaredSettingsFiles(dir).includes(absolute)) return true;
    if (path.dirname(dir) === dir) return false;
  }
}
