import { existsSync, readdirSync, statSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { type CommandLine, type Installer, checkFolderName, checkPackageSpec, installCommand, venvCommand } from './commands';
import { type Failure, type Step, EnvironmentError, classifyFailure, ensurepipMissing, lastLines, venvMissing } from './failures';
import { isWindowsStoreAlias } from './discovery';
import { type InterpreterInfo, MINIMUM_PYTHON, PROBE_TIMEOUT_MS, ProbeError, isSupportedPython, probeInterpreter } from './probe';
import { type Platform, currentPlatform, venvPython } from './venv';
import { runProcess } from '../process';

/** What to do when the environment folder already exists. */
export type ExistingFolder = 'reuse' | 'recreate' | 'fail';

export interface CreateOptions {
  readonly basePython: string;
  /** Absolute path of the environment folder. */
  readonly venvDir: string;
  readonly packages: readonly string[];
  /** Absolute paths of requirement files. */
  readonly requirementFiles: readonly string[];
  readonly systemSitePackages: boolean;
  readonly installerArgs?: readonly string[];
  readonly installer: Installer;
  readonly existing: ExistingFolder;
  /** Distribution names whose installed versions the summary reports. */
  readonly report?: readonly string[];
  readonly signal?: AbortSignal;
  /** Short, human progress: "Creating venv", "Collecting django"… */
  readonly onProgress?: (message: string) => void;
  /** Every command started and every output line, for the log. */
  readonly onOutput?: (line: string) => void;
  readonly platform?: Platform;
}

/** The JSON summary the CLI prints and the editor reports. */
export interface CreateSummary {
  readonly python: string;
  readonly venv: string;
  readonly pythonVersion: string;
  readonly djangoVersion: string | null;
  readonly drfVersion: string | null;
  readonly installed: Readonly<Record<string, string | null>>;
  readonly reused: boolean;
}

export type CreateOutcome =
  | { readonly status: 'created'; readonly summary: CreateSummary }
  | { readonly status: 'failed'; readonly failure: Failure }
  | { readonly status: 'cancelled' };

class Cancelled extends Error {}

/** What this run changed on disk, so that a failure can put it back and a success can tidy up. */
class RunChanges {
  private readonly undos: (() => Promise<void>)[] = [];
  private readonly tidies: (() => Promise<void>)[] = [];

  onFailure(undo: () => Promise<void>): void {
    this.undos.push(undo);
  }

  onSuccess(tidy: () => Promise<void>): void {
    this.tidies.push(tidy);
  }

  async commit(): Promise<void> {
    for (const tidy of this.tidies) await tidy();
  }

  /** Undoes in reverse order; an undo that fails is reported and the others still run. */
  async rollBack(report?: (line: string) => void): Promise<void> {
    for (const undo of [...this.undos].reverse()) {
      try {
        await undo();
      } catch (error) {
        report?.(`Could not undo a change: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}

/**
 * Creates (or reuses) a venv and installs into it. Whatever fails, only what this run made is
 * removed: a recreated folder is first moved aside and put back if the new one cannot be built.
 */
export async function createEnvironment(options: CreateOptions): Promise<CreateOutcome> {
  const platform = options.platform ?? currentPlatform();
  const changes = new RunChanges();
  try {
    checkRequest(options, platform);
    await checkBasePython(options);
    const reused = await prepareFolder(options, changes);
    if (!reused) await runStep('venv', venvCommand(options, options.installer), options);
    const python = venvPython(options.venvDir, platform);
    const install = installCommand(python, options, options.installer);
    if (install) await runStep('install', install, options);
    options.onProgress?.(l10n.t('Checking the environment'));
    const info = await probeInterpreter(python, { distributions: options.report ?? options.packages, signal: options.signal });
    throwIfCancelled(options.signal);
    await changes.commit();
    return { status: 'created', summary: summarize(python, options.venvDir, info, reused) };
  } catch (error) {
    await changes.rollBack(options.onOutput);
    if (error instanceof Cancelled || options.signal?.aborted) return { status: 'cancelled' };
    if (error instanceof EnvironmentError) return { status: 'failed', failure: error.failure };
    throw error;
  }
}

function checkRequest(options: CreateOptions, platform: Platform): void {
  const flavour = platform === 'win32' ? path.win32 : path.posix;
  const nameProblem = checkFolderName(flavour.basename(options.venvDir), platform);
  if (nameProblem) throw new EnvironmentError({ kind: 'bad-folder-name', message: nameProblem, nextStep: l10n.t('Choose another folder name.') });
  for (const spec of options.packages) {
    const problem = checkPackageSpec(spec);
    if (problem) throw new EnvironmentError({ kind: 'package-not-found', message: problem, nextStep: l10n.t('List package names only.') });
  }
  if (isWindowsStoreAlias(options.basePython)) throw new EnvironmentError(storeAlias(options.basePython));
}

async function checkBasePython(options: CreateOptions): Promise<void> {
  options.onProgress?.(l10n.t('Checking {0}', options.basePython));
  const info = await probeBase(options);
  throwIfCancelled(options.signal);
  if (!isSupportedPython(info.version)) {
    throw new EnvironmentError({
      kind: 'python-too-old',
      message: l10n.t('{0} is Python {1}; Django needs Python {2} or newer.', options.basePython, info.version, MINIMUM_PYTHON.join('.')),
      nextStep: l10n.t('Pick a newer interpreter.'),
    });
  }
  // uv builds the environment itself and installs without pip, so only the pip route needs these.
  if (options.installer.kind === 'pip') {
    if (!info.hasVenvModule) throw new EnvironmentError(venvMissing(options.basePython));
    if (!info.hasEnsurepip) throw new EnvironmentError(ensurepipMissing(options.basePython));
  }
}

async function probeBase(options: CreateOptions): Promise<InterpreterInfo> {
  try {
    return await probeInterpreter(options.basePython, { signal: options.signal });
  } catch (error) {
    throwIfCancelled(options.signal);
    if (!(error instanceof ProbeError)) throw error;
    if (error.reason === 'not-found') {
      throw new EnvironmentError({
        kind: 'interpreter-not-found',
        message: l10n.t('The interpreter {0} was not found.', options.basePython),
        nextStep: l10n.t('Pick an installed Python, or install one (python.org, your package manager, or pyenv).'),
      });
    }
    if (error.reason === 'permission') {
      throw new EnvironmentError({
        kind: 'permission-denied',
        message: l10n.t('{0} cannot be run: permission denied.', options.basePython),
        nextStep: l10n.t('Pick another interpreter or make it executable.'),
      });
    }
    if (error.reason === 'not-answering') {
      throw new EnvironmentError({
        kind: 'not-python',
        message: l10n.t('{0} did not answer within {1} s, so it was stopped.', options.basePython, PROBE_TIMEOUT_MS / 1000),
        nextStep: l10n.t('Pick another interpreter.'),
      });
    }
    if (/Microsoft Store/i.test(error.output)) throw new EnvironmentError(storeAlias(options.basePython));
    throw new EnvironmentError({
      kind: 'not-python',
      message: l10n.t('{0} did not run as a Python interpreter.', options.basePython),
      nextStep: l10n.t('Pick a python executable.'),
      detail: lastLines(error.output),
    });
  }
}

function storeAlias(python: string): Failure {
  return {
    kind: 'windows-store-alias',
    message: l10n.t('{0} is the Microsoft Store\'s "python" alias, not an installed Python.', python),
    nextStep: l10n.t('Install Python (python.org or the Store), or turn the alias off in Settings › Apps › App execution aliases.'),
  };
}

/** Returns whether an existing environment is reused; registers how to undo what it changes. */
async function prepareFolder(options: CreateOptions, changes: RunChanges): Promise<boolean> {
  const dir = options.venvDir;
  const state = folderState(dir);
  if (state === 'absent') {
    changes.onFailure(() => rm(dir, { recursive: true, force: true }));
    return false;
  }
  if (state === 'empty') {
    changes.onFailure(() => emptyFolder(dir));
    return false;
  }
  if (state === 'other') {
    throw new EnvironmentError({
      kind: 'folder-exists',
      message: l10n.t('{0} already exists and is not a Python environment.', dir),
      nextStep: l10n.t('Choose another folder name; Django Kit does not replace folders it did not make.'),
    });
  }
  if (options.existing === 'reuse') return true;
  if (options.existing === 'fail') {
    throw new EnvironmentError({
      kind: 'folder-exists',
      message: l10n.t('{0} already holds an environment.', dir),
      nextStep: l10n.t('Reuse it, recreate it, or choose another folder name.'),
    });
  }
  await moveAside(dir, changes);
  return false;
}

type FolderState = 'absent' | 'empty' | 'venv' | 'other';

function folderState(dir: string): FolderState {
  if (!existsSync(dir)) return 'absent';
  if (!statSync(dir).isDirectory()) return 'other';
  if (existsSync(path.join(dir, 'pyvenv.cfg'))) return 'venv';
  return readdirSync(dir).length === 0 ? 'empty' : 'other';
}

async function emptyFolder(dir: string): Promise<void> {
  for (const entry of readdirSync(dir)) await rm(path.join(dir, entry), { recursive: true, force: true });
}

/** Moves an environment being recreated out of the way; it is deleted on success, restored on failure. */
async function moveAside(dir: string, changes: RunChanges): Promise<void> {
  const aside = `${dir}.django-kit-old-${process.pid}-${Date.now()}`;
  await rename(dir, aside);
  changes.onFailure(async () => {
    await rm(dir, { recursive: true, force: true });
    await rename(aside, dir);
  });
  changes.onSuccess(() => rm(aside, { recursive: true, force: true }));
}

async function runStep(step: Step, line: CommandLine, options: CreateOptions): Promise<void> {
  options.onProgress?.(step === 'venv' ? l10n.t('Creating the environment') : l10n.t('Installing packages'));
  options.onOutput?.(`$ ${[line.command, ...line.args].map(quoteForLog).join(' ')}`);
  // Named as the user chose it, so that a failing `--uv` is not blamed on Python.
  const tool = options.installer.kind === 'uv' ? `uv (${line.command})` : step === 'venv' ? `Python (${line.command})` : 'pip';
  const result = await runProcess({
    ...line,
    signal: options.signal,
    onLine: (text) => {
      options.onOutput?.(text);
      const progress = step === 'install' ? describeInstallLine(text) : undefined;
      if (progress) options.onProgress?.(progress);
    },
  }).catch((error: unknown) => {
    throw new EnvironmentError(classifyFailure(step, error instanceof Error ? error.message : String(error), line.command, tool));
  });
  if (result.cancelled) throw new Cancelled();
  if (result.code !== 0) throw new EnvironmentError(classifyFailure(step, `${result.stdout}\n${result.stderr}`, line.command, tool));
}

/** A short progress message for one line of pip's or uv's output, or undefined for noise. */
export function describeInstallLine(line: string): string | undefined {
  const rules: [RegExp, (m: RegExpExecArray) => string][] = [
    [/^Collecting (\S+)/, (m) => l10n.t('Collecting {0}', m[1])],
    [/^\s*Downloading (\S+)/, (m) => l10n.t('Downloading {0}', path.basename(m[1]))],
    [/^Requirement already satisfied: (\S+)/, (m) => l10n.t('{0} is already installed', m[1])],
    [/^Installing collected packages: (.+)/, (m) => l10n.t('Installing {0}', m[1])],
    [/^Successfully installed (.+)/, (m) => l10n.t('Installed {0}', m[1])],
    [/^Resolved 1 package\b/, () => l10n.t('Resolved 1 package')],
    [/^Resolved (\d+) packages/, (m) => l10n.t('Resolved {0} packages', m[1])],
    [/^ \+ (\S+)/, (m) => l10n.t('Installed {0}', m[1])],
  ];
  for (const [pattern, describe] of rules) {
    const match = pattern.exec(line);
    if (match) return describe(match);
  }
  return undefined;
}

/** Quotes an argument for display only: commands are never run through a shell. */
function quoteForLog(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new Cancelled();
}

function summarize(python: string, venv: string, info: InterpreterInfo, reused: boolean): CreateSummary {
  return {
    python,
    venv,
    pythonVersion: info.version,
    djangoVersion: info.django,
    drfVersion: info.djangoRestFramework,
    installed: info.distributions,
    reused,
  };
}
