/** Choosing among the manage.py files the project model found, and placing files within a project. */
import path from 'node:path';

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
