import path from 'node:path';
import { parseArgs } from 'node:util';
import { type CliCommand, type CliIO, UsageError } from './command';
import { type Installer, checkFolderName, presetPackages } from '../core/python/commands';
import { type CreateOptions, type ExistingFolder, createEnvironment } from '../core/python/create';
import { describeInterpreters, findInterpreterCandidates } from '../core/python/interpreters';
import { reportedDistributions } from '../core/python/requirements';
import { currentPlatform } from '../core/python/venv';

const USAGE = `Usage:
  django-kit env create [DIR] --python PATH [--packages a,b] [--requirements FILE]
                        [--system-site-packages] [--simplejwt] [--no-index] [--find-links DIR]
                        [--uv PATH] [--reuse | --recreate]
  django-kit env interpreters

env create makes a venv in DIR (default: venv) with PATH's "-m venv", installs the packages
(default: django,djangorestframework) and the requirement files with the venv's pip (or uv),
and prints one JSON line: {"python","venv","pythonVersion","djangoVersion","installed"}.
Progress goes to standard error. Exit codes: 0 created, 1 failed (nothing left behind),
2 bad arguments, 130 interrupted. A DIR that starts with "-" goes last, after "--".

env interpreters prints, as JSON, the interpreters found on PATH, from pyenv and from the
Windows py launcher, each with its version.`;

export const envCommand: CliCommand = {
  name: 'env',
  summary: 'Create a venv with Django and DRF; list interpreters',
  usage: USAGE,
  run: async (args, io) => {
    const [sub, ...rest] = args;
    if (sub === 'create') return create(rest, io);
    if (sub === 'interpreters') return interpreters(io);
    throw new UsageError(sub ? `unknown subcommand '${sub}'` : 'a subcommand is needed');
  },
};

function parseCreateArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        python: { type: 'string' },
        packages: { type: 'string' },
        requirements: { type: 'string', multiple: true },
        'system-site-packages': { type: 'boolean' },
        simplejwt: { type: 'boolean' },
        'no-index': { type: 'boolean' },
        'find-links': { type: 'string', multiple: true },
        uv: { type: 'string' },
        reuse: { type: 'boolean' },
        recreate: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Turns the command line into creation options; paths are resolved against the working folder. */
export function createOptionsFromArgs(args: string[], cwd: string): Omit<CreateOptions, 'signal' | 'onProgress' | 'onOutput'> {
  const { values, positionals } = parseCreateArgs(args);
  if (positionals.length > 1) throw new UsageError(`one folder expected, got ${positionals.length}`);
  if (!values.python) throw new UsageError('--python PATH is required');
  if (values.reuse && values.recreate) throw new UsageError('--reuse and --recreate exclude each other');
  const packages =
    values.packages !== undefined ? splitList(values.packages) : presetPackages(values.simplejwt === true);
  const requirementFiles = (values.requirements ?? []).map((file) => path.resolve(cwd, file));
  const installer: Installer = values.uv ? { kind: 'uv', uv: values.uv } : { kind: 'pip' };
  const venvDir = path.resolve(cwd, positionals[0] ?? 'venv');
  // A refused folder name is a bad argument (exit 2), caught before anything runs.
  const nameProblem = checkFolderName(path.basename(positionals[0] ?? 'venv'), currentPlatform());
  if (nameProblem) throw new UsageError(nameProblem);
  const existing: ExistingFolder = values.reuse ? 'reuse' : values.recreate ? 'recreate' : 'fail';
  return {
    basePython: values.python,
    venvDir,
    packages,
    requirementFiles,
    systemSitePackages: values['system-site-packages'] === true,
    installerArgs: [
      ...(values['no-index'] ? ['--no-index'] : []),
      ...(values['find-links'] ?? []).flatMap((dir) => ['--find-links', path.resolve(cwd, dir)]),
    ],
    installer,
    existing,
    report: reportedDistributions(packages, requirementFiles),
  };
}

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

async function create(args: string[], io: CliIO): Promise<number> {
  const options = createOptionsFromArgs(args, io.cwd);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const outcome = await createEnvironment({
      ...options,
      signal: controller.signal,
      onProgress: (message) => io.stderr(`${message}\n`),
    });
    if (outcome.status === 'cancelled') {
      io.stderr('Interrupted; nothing was left behind.\n');
      return 130;
    }
    if (outcome.status === 'failed') {
      const { message, nextStep, detail } = outcome.failure;
      io.stderr(`error: ${message}\n${nextStep}\n${detail ? `\n${detail}\n` : ''}`);
      return 1;
    }
    const { python, venv, pythonVersion, djangoVersion, installed } = outcome.summary;
    io.stdout(`${JSON.stringify({ python, venv, pythonVersion, djangoVersion, installed })}\n`);
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  }
}

async function interpreters(io: CliIO): Promise<number> {
  const found = await describeInterpreters(await findInterpreterCandidates());
  const rows = found.map(({ candidate, info, problem }) => ({
    path: candidate.path,
    source: candidate.source,
    version: info?.version ?? null,
    ...(problem ? { problem } : {}),
  }));
  io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  return 0;
}
