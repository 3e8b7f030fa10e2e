/** Choosing among the manage.py files the project model found. */
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
