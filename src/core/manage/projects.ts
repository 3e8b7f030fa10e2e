/** Finding the manage.py files of a folder tree, skipping environments and dependencies. */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SKIPPED = new Set(['node_modules', '__pycache__', 'site-packages', 'dist-packages']);

/** Every manage.py under `root`, nearest first, then alphabetical. Hidden folders and virtual environments are skipped. */
export function findManageFiles(root: string, maxDepth = 4): string[] {
  const found: { file: string; depth: number }[] = [];
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isFile() && entry.name === 'manage.py') found.push({ file: full, depth });
      else if (entry.isDirectory() && depth < maxDepth && isSearchable(full, entry.name)) walk(full, depth + 1);
    }
  };
  walk(root, 0);
  return found.sort((a, b) => a.depth - b.depth || a.file.localeCompare(b.file)).map((f) => f.file);
}

function isSearchable(dir: string, name: string): boolean {
  return !name.startsWith('.') && !SKIPPED.has(name) && !existsSync(path.join(dir, 'pyvenv.cfg'));
}

/**
 * The one manage.py a headless run should use: the one in `dir` itself, else the only one below
 * it. Several or none is an error that says what to do.
 */
export function chooseManageFile(dir: string, found: readonly string[]): string {
  const own = path.join(dir, 'manage.py');
  if (found.includes(own)) return own;
  if (found.length === 1) return found[0];
  if (found.length === 0) throw new Error(`no manage.py found in ${dir} or its subfolders`);
  const list = found.map((file) => `  ${path.relative(dir, file)}`).join('\n');
  throw new Error(`several manage.py files found; pick one with --project:\n${list}`);
}

/** Whether `file` lies below `dir` (not `dir` itself). */
export function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Which of the files named `<name>.py` in a `migrations` folder belongs to `app` of the project:
 * the one under the project whose app folder is named like the label (Django's default label),
 * else the only one under the project.
 */
export function chooseMigrationFile(candidates: readonly string[], projectDir: string, app: string): string | undefined {
  const inProject = candidates.filter((file) => isInside(file, projectDir) && path.basename(path.dirname(file)) === 'migrations');
  const appFolder = (file: string) => path.basename(path.dirname(path.dirname(file)));
  return inProject.find((file) => appFolder(file) === app) ?? (inProject.length === 1 ? inProject[0] : undefined);
}
