import * as l10n from '@vscode/l10n';
import { type Platform } from './venv';

/** A process to start: an executable and its argument array. */
export interface CommandLine {
  readonly command: string;
  readonly args: string[];
}

/** pip inside the new environment, or uv (much faster) when it is allowed and found. */
export type Installer = { readonly kind: 'pip' } | { readonly kind: 'uv'; readonly uv: string };

export interface VenvRequest {
  readonly basePython: string;
  readonly venvDir: string;
  readonly systemSitePackages: boolean;
}

export interface InstallRequest {
  readonly packages: readonly string[];
  readonly requirementFiles: readonly string[];
  /** Passed through to pip or uv before the packages, e.g. `--no-index` or `--index-url URL`. */
  readonly installerArgs?: readonly string[];
}

/** The Django and Django REST Framework preset, optionally with SimpleJWT. */
export function presetPackages(withSimpleJwt: boolean): string[] {
  return withSimpleJwt ? ['django', 'djangorestframework', 'djangorestframework-simplejwt'] : ['django', 'djangorestframework'];
}

/** `<python> -m venv DIR` or `uv venv --python <python> DIR`; DIR is absolute, so a leading `-` is harmless. */
export function venvCommand(request: VenvRequest, installer: Installer): CommandLine {
  const site = request.systemSitePackages ? ['--system-site-packages'] : [];
  if (installer.kind === 'uv') {
    return { command: installer.uv, args: ['venv', '--python', request.basePython, ...site, request.venvDir] };
  }
  return { command: request.basePython, args: ['-m', 'venv', ...site, request.venvDir] };
}

/**
 * pip waits 15 s for each connection and retries five times, so without a network it takes
 * a minute or more to say so. Five seconds and one retry still ride out a slow index, and an
 * offline failure comes back in a few seconds.
 */
const PIP_NETWORK_LIMITS = ['--timeout', '5', '--retries', '1'];

/** `<venv python> -m pip install …` or `uv pip install --python <venv python> …`, or undefined when nothing is asked for. */
export function installCommand(venvPython: string, request: InstallRequest, installer: Installer): CommandLine | undefined {
  if (request.packages.length === 0 && request.requirementFiles.length === 0) return undefined;
  const targets = [...request.packages, ...request.requirementFiles.flatMap((file) => ['-r', file])];
  const extra = request.installerArgs ?? [];
  if (installer.kind === 'uv') {
    return { command: installer.uv, args: ['pip', 'install', '--python', venvPython, ...extra, ...targets] };
  }
  // The version check would reach the index even when the user asked for --no-index. The caller's
  // arguments come after pip's network limits, so a `--timeout` of theirs wins.
  return { command: venvPython, args: ['-m', 'pip', 'install', '--disable-pip-version-check', ...PIP_NETWORK_LIMITS, ...extra, ...targets] };
}

/** `python -m django startproject NAME .`: the project goes into the folder itself, beside the venv. */
export function startProjectCommand(python: string, name: string): CommandLine {
  return { command: python, args: ['-m', 'django', 'startproject', name, '.'] };
}

export function startAppCommand(python: string, name: string): CommandLine {
  return { command: python, args: ['-m', 'django', 'startapp', name] };
}

/**
 * Why a package specification cannot be passed to pip: one that starts with `-` would be read as
 * an option (`--index-url`, `-e`), which is not what a package list means.
 */
export function checkPackageSpec(spec: string): string | undefined {
  if (spec.trim().length === 0) return l10n.t('A package name is empty.');
  if (spec.startsWith('-')) return l10n.t('"{0}" looks like an option, not a package.', spec);
  return undefined;
}

/**
 * Why a name cannot be an environment folder, or undefined when it can. Spaces, quotes, `$()`
 * and non-ASCII are fine because no shell ever sees the name; what is refused is what the
 * file system or venv itself would refuse, or what would silently mean another folder.
 */
export function checkFolderName(name: string, platform: Platform): string | undefined {
  if (name.trim().length === 0) return l10n.t('Enter a folder name.');
  if (name === '.' || name === '..') return l10n.t('"{0}" is not a new folder.', name);
  const separator = platform === 'win32' ? /[/\\]/ : /\//;
  if (separator.test(name)) return l10n.t('Enter a folder name, not a path.');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f]/.test(name)) return l10n.t('The folder name contains a control character.');
  // venv refuses folders whose path holds the PATH separator: activation would split the PATH there.
  const pathSeparator = platform === 'win32' ? ';' : ':';
  if (name.includes(pathSeparator)) return l10n.t('The folder name cannot contain "{0}".', pathSeparator);
  if (platform === 'win32') {
    if (/[<>:"|?*]/.test(name)) return l10n.t('Windows does not allow {0} in folder names.', '< > : " | ? *');
    if (/[ .]$/.test(name)) return l10n.t('Windows does not allow a folder name ending in a space or a dot.');
  }
  return undefined;
}

/** The distribution name at the start of a requirement such as `Django>=4.2` or `drf[extra]; python_version<"3.12"`. */
export function requirementName(spec: string): string | undefined {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(spec);
  return match ? match[1] : undefined;
}

/**
 * Why a project or app name would be refused, for an input box. Django checks the name itself
 * (keywords, clashes with modules); this catches typos before a process starts.
 */
export function identifierProblem(name: string): string | undefined {
  return /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) ? undefined : l10n.t('Use letters, digits and underscores, not starting with a digit.');
}
