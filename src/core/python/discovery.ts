import path from 'node:path';
import { type Platform } from './venv';

/** Where an interpreter offered for a new environment came from. */
export type InterpreterSource = 'setting' | 'python-extension' | 'path' | 'pyenv' | 'py-launcher' | 'browse';

export interface InterpreterCandidate {
  readonly path: string;
  readonly source: InterpreterSource;
}

/** The file system and environment discovery looks at, passed in so tests can describe any machine. */
export interface DiscoveryHost {
  readonly platform: Platform;
  readonly env: NodeJS.ProcessEnv;
  readonly homedir: string;
  readonly listDir: (dir: string) => readonly string[];
  readonly isFile: (file: string) => boolean;
}

const POSIX_NAME = /^python(3(\.\d+)?)?$/;
const WINDOWS_NAME = /^python(3(\.\d+)?)?\.exe$/i;

/** Whether a file name is one of `python`, `python3`, `python3.X` (with `.exe` on Windows). */
export function isInterpreterName(name: string, platform: Platform): boolean {
  return (platform === 'win32' ? WINDOWS_NAME : POSIX_NAME).test(name);
}

function pathFlavour(platform: Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

function searchPath(host: DiscoveryHost): string[] {
  // Windows keeps the variable as "Path"; environment lookups there are case-insensitive.
  const key = Object.keys(host.env).find((k) => k.toUpperCase() === 'PATH');
  const value = key ? host.env[key] : undefined;
  if (!value) return [];
  return value.split(host.platform === 'win32' ? ';' : ':').filter((dir) => dir.length > 0);
}

/** Interpreters on PATH, in PATH order, the newest-looking name first within a folder. */
export function pathCandidates(host: DiscoveryHost): InterpreterCandidate[] {
  const join = pathFlavour(host.platform).join;
  const found: InterpreterCandidate[] = [];
  for (const dir of searchPath(host)) {
    const names = safeList(host, dir).filter((name) => isInterpreterName(name, host.platform));
    for (const name of names.sort(byVersionDescending)) {
      const file = join(dir, name);
      if (host.isFile(file)) found.push({ path: file, source: 'path' });
    }
  }
  return found;
}

/** Interpreters installed by pyenv (`$PYENV_ROOT/versions/<v>/bin/python`), newest first. */
export function pyenvCandidates(host: DiscoveryHost): InterpreterCandidate[] {
  const flavour = pathFlavour(host.platform);
  const root = host.env.PYENV_ROOT || flavour.join(host.homedir, '.pyenv');
  const versionsDir = flavour.join(root, 'versions');
  const found: InterpreterCandidate[] = [];
  for (const version of safeList(host, versionsDir).slice().sort(byVersionDescending)) {
    const file =
      host.platform === 'win32'
        ? flavour.join(versionsDir, version, 'python.exe')
        : flavour.join(versionsDir, version, 'bin', 'python');
    if (host.isFile(file)) found.push({ path: file, source: 'pyenv' });
  }
  return found;
}

/**
 * The interpreters listed by the Windows `py` launcher's `py -0p`. Older launchers print
 * ` -3.9-64    C:\…\python.exe`, newer ones ` -V:3.12 *   C:\…\python.exe`.
 */
export function parsePyLauncherList(output: string): string[] {
  const paths: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = /^\s*-\S+\s+(?:\*\s+)?(.+?\.exe)\s*$/i.exec(line);
    if (match) paths.push(match[1]);
  }
  return paths;
}

/**
 * The Microsoft Store's `python.exe` stub in `…\Microsoft\WindowsApps` opens the Store instead
 * of running Python when no Store Python is installed, so it is never offered as an interpreter.
 */
export function isWindowsStoreAlias(file: string): boolean {
  return /[\\/]Microsoft[\\/]WindowsApps[\\/][^\\/]*$/i.test(file);
}

/** Drops Store aliases and repeats (same path, or same resolved file when `realpath` is given). */
export function uniqueCandidates(
  candidates: readonly InterpreterCandidate[],
  realpath: (file: string) => string = (file) => file,
): InterpreterCandidate[] {
  const seen = new Set<string>();
  const kept: InterpreterCandidate[] = [];
  for (const candidate of candidates) {
    if (isWindowsStoreAlias(candidate.path)) continue;
    const key = realpath(candidate.path);
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(candidate);
  }
  return kept;
}

function safeList(host: DiscoveryHost, dir: string): string[] {
  try {
    return [...host.listDir(dir)];
  } catch {
    return [];
  }
}

/** Orders names such as `python3.12`, `python3.9`, `python3`, `python` from most to least specific. */
function byVersionDescending(a: string, b: string): number {
  const va = versionKey(a);
  const vb = versionKey(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const diff = (vb[i] ?? -1) - (va[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return a.localeCompare(b);
}

function versionKey(name: string): number[] {
  return (name.match(/\d+/g) ?? []).map(Number);
}

/** The first `name` (`name.exe` on Windows) on PATH, e.g. for uv; undefined when there is none. */
export function findOnPath(name: string, host: DiscoveryHost): string | undefined {
  const join = pathFlavour(host.platform).join;
  const file = host.platform === 'win32' ? `${name}.exe` : name;
  for (const dir of searchPath(host)) {
    const candidate = join(dir, file);
    if (host.isFile(candidate)) return candidate;
  }
  return undefined;
}
