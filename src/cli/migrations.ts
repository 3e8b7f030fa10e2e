import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectOf } from '../core/manage/command';
import { ManageError } from '../core/manage/failure';
import { chooseManageFile } from '../core/manage/projects';
import { findManageFiles } from '../core/project';
import { ManageCancelled, migrationPlan, PLAN_TIMEOUT_SECONDS } from '../core/manage/run';
import { findVenvPython } from '../core/python/venv';
import { type CliCommand, type CliIO, UsageError } from './command';

// Signals that end django-kit: each is passed on to manage.py's process tree before exiting 128+N.
const FORWARDED_SIGNALS: readonly (readonly [NodeJS.Signals, number])[] = [
  ['SIGINT', 2],
  ['SIGTERM', 15],
  ['SIGHUP', 1],
];

const USAGE = `Usage: django-kit migrations status [--project DIR] [--python PATH] [--timeout SECONDS]

Prints the project's migrations as JSON, in the order migrate applies them:
  [{"app": "auth", "name": "0001_initial", "applied": true}, ...]

Options:
  --project DIR   Folder of manage.py, or a folder above it (default: the current folder)
  --python PATH   Interpreter to run manage.py with (default: a venv/.venv beside manage.py
                  or in the current folder, else python3 on PATH)
  --timeout SECONDS
                  Stop manage.py (and what it started) after this long (default: ${PLAN_TIMEOUT_SECONDS})

Exit status: 0 all applied, 1 some unapplied, 2 error (manage.py failed, timed out, or printed
something that is not a migration plan), 128+N when django-kit is ended by signal N (SIGINT,
SIGTERM and SIGHUP end manage.py and its children too).`;

export const migrationsCommand: CliCommand = {
  name: 'migrations',
  summary: 'Migration status as JSON (exit 1 if any are unapplied)',
  usage: USAGE,
  run: runMigrations,
};

async function runMigrations(argv: string[], io: CliIO): Promise<number> {
  const { positionals, values } = parseStatusArgs(argv);
  if (positionals[0] !== 'status' || positionals.length > 1) throw new UsageError(`expected 'status', got '${positionals.join(' ')}'`);
  const dir = path.resolve(io.cwd, values.project ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--project ${dir} is not a folder`);
  const project = projectOf(chooseManageFile(dir, findManageFiles([dir])));
  const python = values.python ? interpreterArgument(values.python, io.cwd) : defaultPython(project.dir, io.cwd);
  const timeoutSeconds = values.timeout === undefined ? PLAN_TIMEOUT_SECONDS : seconds(values.timeout);
  const controller = new AbortController();
  let endedBy: number | undefined;
  const handlers = FORWARDED_SIGNALS.map(([name, number]) => {
    const handler = () => {
      endedBy = number;
      controller.abort();
    };
    process.once(name, handler);
    return [name, handler] as const;
  });
  try {
    const plan = await migrationPlan({ python, project, timeoutSeconds, signal: controller.signal });
    io.stdout(`${JSON.stringify(plan.map(({ app, name, applied }) => ({ app, name, applied })))}\n`);
    return plan.some((state) => !state.applied) ? 1 : 0;
  } catch (error) {
    if (error instanceof ManageCancelled) return 128 + (endedBy ?? 2);
    if (!(error instanceof ManageError)) throw error;
    io.stderr(`django-kit migrations: ${error.message}\n`);
    return 2;
  } finally {
    for (const [name, handler] of handlers) process.off(name, handler);
  }
}

function seconds(text: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0)) throw new UsageError(`--timeout must be a number of seconds above 0, not '${text}'`);
  return value;
}

function parseStatusArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { project: { type: 'string' }, python: { type: 'string' }, timeout: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A bare name such as `python3` is looked up on PATH; anything with a separator is a path from the current folder. */
export function interpreterArgument(value: string, cwd: string): string {
  return /[\\/]/.test(value) ? path.resolve(cwd, value) : value;
}

function defaultPython(projectDir: string, cwd: string): string {
  const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
  return findVenvPython([projectDir, cwd], isFile) ?? (process.platform === 'win32' ? 'python' : 'python3');
}
