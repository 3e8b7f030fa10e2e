/**
 * The setting names a project's own code reads, as `settings.NAME` or `getattr(settings, "NAME")`:
 * a custom setting that is read somewhere is no typo, however close it is to a known name.
 */
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { isExcludedFolder } from '../project/find';
import { readPythonFile } from '../syntax/pythonFile';
import { scanSettings } from './scanner';

// Bounds that keep a huge workspace from costing more than the check is worth.
const MAX_FILES = 20000;
const MAX_FILE_BYTES = 1024 * 1024;

/** The names one module reads through Django's settings object. */
export function settingsReadIn(source: string): string[] {
  return scanSettings(source, false)
    .sites.filter((site) => site.kind === 'reference')
    .map((site) => site.name);
}

/** The folder of the nearest manage.py at or above `file`, else the file's own folder. */
export function projectRootOf(file: string): string {
  const start = path.dirname(path.resolve(file));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'manage.py'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

/** What each Python file under `root` reads, virtual environments and hidden folders left out. */
export async function projectSettingReads(root: string): Promise<Map<string, readonly string[]>> {
  const reads = new Map<string, readonly string[]>();
  for (const file of await pythonFiles(root)) {
    const text = await readPythonFile(file).catch(() => '');
    // Only a module that imports django.conf can read settings this way; the rest need no parse.
    if (text.includes('django.conf')) reads.set(file, settingsReadIn(text));
  }
  return reads;
}

async function pythonFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const folders = [root];
  while (folders.length > 0 && found.length < MAX_FILES) {
    const dir = folders.pop() as string;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      // The project model's own exclusions: environments, dependencies, caches, build output.
      if (entry.isDirectory() && !entry.name.startsWith('.') && !isExcludedFolder(full)) folders.push(full);
      else if (entry.isFile() && entry.name.endsWith('.py') && (await isSmall(full))) found.push(full);
    }
  }
  return found;
}

async function isSmall(file: string): Promise<boolean> {
  const info = await stat(file).catch(() => undefined);
  return info !== undefined && info.size <= MAX_FILE_BYTES;
}

/** The reads of each project, scanned once, then kept up to date one saved file at a time. */
export class ProjectReadsCache {
  private readonly byRoot = new Map<string, Promise<Map<string, readonly string[]>>>();

  /** Every name the Python files under `root` read. */
  async names(root: string): Promise<Set<string>> {
    let reads = this.byRoot.get(root);
    if (!reads) {
      reads = projectSettingReads(root);
      this.byRoot.set(root, reads);
    }
    return new Set([...(await reads).values()].flat());
  }

  /** Takes the new text of a saved file into the projects already scanned that hold it. */
  async update(file: string, text: string): Promise<void> {
    for (const [root, reads] of this.byRoot) {
      if (path.relative(root, file).startsWith('..')) continue;
      (await reads).set(file, text.includes('django.conf') ? settingsReadIn(text) : []);
    }
  }
}
