import { existsSync } from 'node:fs';
import path from 'node:path';
import { declaredSettingsFiles, isConventionalSettingsPath } from './detect';
import { COMPILED_KNOWLEDGE_FILE } from './knowledge';

/**
 * The compiled knowledge of the package this code runs from: beside the bundle in dist/, or in the
 * package's dist/ when run from source (src/cli/, as the unit tests do). The settings knowledge
 * unless another compiled file is named.
 */
export function findCompiledKnowledge(start: string, fileName = COMPILED_KNOWLEDGE_FILE): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 3; depth++) {
    for (const candidate of [path.join(dir, fileName), path.join(dir, 'dist', fileName)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
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
