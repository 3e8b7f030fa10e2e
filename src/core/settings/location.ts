import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildProject } from '../project';
import { isConventionalSettingsPath } from './detect';
import { COMPILED_KNOWLEDGE_FILE } from './knowledge';

/**
 * The compiled knowledge of the package this code runs from: beside the bundle in dist/, or in the
 * package's dist/ when run from source (src/cli/, as the unit tests do).
 */
export function findCompiledKnowledge(start: string): string | undefined {
  let dir = start;
  for (let depth = 0; depth < 3; depth++) {
    for (const candidate of [path.join(dir, COMPILED_KNOWLEDGE_FILE), path.join(dir, 'dist', COMPILED_KNOWLEDGE_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  return undefined;
}

/**
 * Whether a file is a settings module when no editor is there to say: by its name, or because a
 * project in one of its folders reads it as settings (the project model's settings files).
 */
export function isSettingsModuleOnDisk(file: string): boolean {
  const absolute = path.resolve(file);
  if (isConventionalSettingsPath(absolute)) return true;
  for (let dir = path.dirname(absolute); ; dir = path.dirname(dir)) {
    const manage = path.join(dir, 'manage.py');
    if (existsSync(manage)) {
      const project = buildProject(manage);
      if (project.settingsFiles.includes(absolute) || project.alternateSettingsFiles.includes(absolute)) return true;
    }
    if (path.dirname(dir) === dir) return false;
  }
}
