/**
 * What Create Environment will do, worked out from the options a caller passed or from the
 * choices a user made; the adapter adds only the workspace folder and the installer.
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { checkFolderName, presetPackages } from './commands';
import { type CreateSummary, type ExistingFolder } from './create';
import { type Failure } from './failures';
import { type Platform } from './venv';

/**
 * What `djangoKit.env.create` accepts when called through executeCommand. Given an object, the
 * command asks nothing: whatever is left out takes its default.
 */
export interface CreateCommandOptions {
  readonly python?: string;
  /** Workspace folder to create the environment in (its path); default: the first one. */
  readonly folder?: string;
  /** Environment folder name; default `venv`. */
  readonly name?: string;
  /** Packages; default the Django + DRF preset (with SimpleJWT when `simpleJwt`). */
  readonly packages?: readonly string[];
  readonly simpleJwt?: boolean;
  /** Requirement files, relative to the workspace folder. */
  readonly requirements?: readonly string[];
  readonly pyproject?: boolean;
  readonly systemSitePackages?: boolean;
  readonly installerArgs?: readonly string[];
  readonly existing?: ExistingFolder;
  readonly useUv?: boolean;
}

/** What goes into the environment. */
export interface Contents {
  readonly packages: readonly string[];
  readonly requirementFiles: readonly string[];
  readonly pyproject: boolean;
  readonly systemSitePackages: boolean;
}

export interface CreatePlan extends Contents {
  readonly python: string;
  readonly venvDir: string;
  readonly installerArgs: readonly string[];
  readonly existing: ExistingFolder;
}

/** Where the options are applied: the workspace folder's path, the basePython setting, the platform. */
export interface CreateContext {
  readonly root: string;
  readonly configuredPython?: string;
  readonly platform: Platform;
}

export function planFromOptions(options: CreateCommandOptions, context: CreateContext): CreatePlan | { readonly failure: Failure } {
  // The core checks only the last part of the path; a name given here must not reach elsewhere.
  const problem = options.name === undefined ? undefined : checkFolderName(options.name, context.platform);
  if (problem) return { failure: { kind: 'bad-folder-name', message: problem, nextStep: l10n.t('Choose another folder name.') } };
  return {
    python: options.python ?? context.configuredPython ?? (context.platform === 'win32' ? 'python' : 'python3'),
    venvDir: path.join(context.root, options.name ?? 'venv'),
    packages: options.packages ?? presetPackages(options.simpleJwt === true),
    requirementFiles: (options.requirements ?? []).map((file) => path.resolve(context.root, file)),
    pyproject: options.pyproject === true,
    systemSitePackages: options.systemSitePackages === true,
    installerArgs: options.installerArgs ?? [],
    existing: options.existing ?? 'fail',
  };
}

/** One entry of the "what to install" picker. */
export type ContentChoice =
  | { readonly kind: 'preset' }
  | { readonly kind: 'simple-jwt' }
  /** A requirements file, relative to the workspace folder. */
  | { readonly kind: 'requirements'; readonly file: string }
  | { readonly kind: 'pyproject' }
  | { readonly kind: 'system-site-packages' };

/** The contents the picked entries add up to, in the order they were offered. */
export function contentsOf(choices: readonly ContentChoice[], root: string): Contents {
  const packages: string[] = [];
  const requirementFiles: string[] = [];
  let pyproject = false;
  let systemSitePackages = false;
  for (const choice of choices) {
    switch (choice.kind) {
      case 'preset':
        packages.push(...presetPackages(false));
        break;
      case 'simple-jwt':
        packages.push('djangorestframework-simplejwt');
        break;
      case 'requirements':
        requirementFiles.push(path.join(root, choice.file));
        break;
      case 'pyproject':
        pyproject = true;
        break;
      case 'system-site-packages':
        systemSitePackages = true;
        break;
    }
  }
  return { packages, requirementFiles, pyproject, systemSitePackages };
}

const DISPLAY_NAMES: Readonly<Record<string, string>> = {
  django: 'Django',
  djangorestframework: 'DRF',
  'djangorestframework-simplejwt': 'Simple JWT',
};

/** PEP 503: distribution names compare case-insensitively, with -, _ and . alike. */
function normalizedName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * "Environment ready: Python 3.12.4, Django 5.0.6, DRF 3.15.1, Simple JWT 5.5.0, whitenoise 6.9.0":
 * every distribution the environment was asked for that is installed, Django and DRF first.
 */
export function readyMessage(summary: Pick<CreateSummary, 'pythonVersion' | 'djangoVersion' | 'drfVersion' | 'installed'>): string {
  const versions = new Map<string, string>();
  const add = (name: string, version: string | null) => {
    const key = normalizedName(name);
    if (version && !versions.has(key)) versions.set(key, version);
  };
  add('django', summary.djangoVersion);
  add('djangorestframework', summary.drfVersion);
  for (const [name, version] of Object.entries(summary.installed)) add(name, version);
  const parts = [`Python ${summary.pythonVersion}`, ...[...versions].map(([name, version]) => `${DISPLAY_NAMES[name] ?? name} ${version}`)];
  return l10n.t('Environment ready: {0}', parts.join(', '));
}

/**
 * What to try after pip could not reach its index, when the base interpreter already has every
 * distribution asked for: an environment that sees them through system site packages, with pip
 * told to look for no index at all. Undefined when that would not help.
 */
export function offlineRetryPlan<P extends CreatePlan>(
  plan: P,
  failure: Failure,
  wanted: readonly string[],
  baseHas: Readonly<Record<string, string | null>>,
): P | undefined {
  // pyproject dependencies are only known once read; they may need the index.
  if (failure.kind !== 'index-unreachable' || plan.systemSitePackages || plan.pyproject || wanted.length === 0) return undefined;
  if (wanted.some((name) => !baseHas[name])) return undefined;
  return { ...plan, systemSitePackages: true, installerArgs: [...plan.installerArgs, '--no-index'] };
}
