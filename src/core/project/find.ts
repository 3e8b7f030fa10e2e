import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/**
 * Folders no Django project lives in: version control, dependencies, caches and build output.
 * `dist-packages` is Debian's name for site-packages.
 */
const EXCLUDED_FOLDERS = new Set(['.git', 'node_modules', 'site-packages', 'dist-packages', '__pycache__', '.tox', '.nox', 'build', 'dist']);

/**
 * The same folders as a glob, for the editor's file searches. A glob cannot look for `pyvenv.cfg`,
 * so the usual environment names stand in for it; callers may add folders of their own.
 */
export function excludedFoldersGlob(extra: readonly string[] = []): string {
  return `**/{${[...EXCLUDED_FOLDERS, '.venv', 'venv', ...extra].join(',')}}/**`;
}

export const EXCLUDED_FOLDERS_GLOB = excludedFoldersGlob();

export interface FindOptions {
  /** The caller's own exclusions (the editor passes `files.exclude`), given a `/`-separated path relative to its root. */
  readonly exclude?: (relativePath: string) => boolean;
  /** How many folders below a root to look; 5 unless given. */
  readonly maxDepth?: number;
}

/** Whether a folder is skipped whatever the caller says: a known name, or a virtual environment. */
export function isExcludedFolder(folder: string): boolean {
  return EXCLUDED_FOLDERS.has(path.basename(folder)) || existsSync(path.join(folder, 'pyvenv.cfg'));
}

/** Every manage.py below `roots`: root by root, nearest first, then alphabetical. */
export function findManageFiles(roots: readonly string[], options: FindOptions = {}): string[] {
  const maxDepth = options.maxDepth ?? 5;
  return roots.flatMap((root) => {
    const found: { file: string; depth: number }[] = [];
    const walk = (dir: string, relativeDir: string, depth: number) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const entry of entries) {
        const isFile = entry.isFile();
        if (!isFile && !entry.isDirectory()) continue;
        const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
        if (options.exclude?.(relative)) continue;
        const full = path.join(dir, entry.name);
        if (isFile && entry.name === 'manage.py') found.push({ file: full, depth });
        else if (!isFile && depth < maxDepth && !isExcludedFolder(full)) walk(full, relative, depth + 1);
      }
    };
    walk(root, '', 0);
    return found.sort((a, b) => a.depth - b.depth || a.file.localeCompare(b.file)).map((f) => f.file);
  });
}
