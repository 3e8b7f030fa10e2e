import path from 'node:path';

export type Platform = 'win32' | 'posix';

export function currentPlatform(): Platform {
  return process.platform === 'win32' ? 'win32' : 'posix';
}

/**
 * Where a venv keeps its interpreter: `Scripts\python.exe` on Windows, `bin/python` elsewhere.
 * Built with the path flavour of the target platform so Windows layouts work from any host.
 */
export function venvPython(venvDir: string, platform: Platform = currentPlatform()): string {
  return platform === 'win32'
    ? path.win32.join(venvDir, 'Scripts', 'python.exe')
    : path.posix.join(venvDir, 'bin', 'python');
}

/** The folder names people give project environments, most common first. */
export const VENV_FOLDER_NAMES = ['venv', '.venv', 'env', '.env'] as const;

/**
 * The interpreter of the first environment folder found in `dirs` (searched in order), or
 * undefined. `isFile` is passed in so this stays a pure function that tests can feed.
 */
export function findVenvPython(
  dirs: readonly string[],
  isFile: (file: string) => boolean,
  platform: Platform = currentPlatform(),
): string | undefined {
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  for (const dir of dirs) {
    for (const name of VENV_FOLDER_NAMES) {
      const candidate = venvPython(join(dir, name), platform);
      if (isFile(candidate)) return candidate;
    }
  }
  return undefined;
}
