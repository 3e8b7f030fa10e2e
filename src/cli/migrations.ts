import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectOf } from '../core/manage/command';
import { ManageError } from '../core/manage/failure';
import { chooseManageFile } from '../core/manage/projects';
import { findManageFiles } from '../core/project';
import { migrationPlan } from '../core/manage/run';
import { findVenvPython } from '../core/python/venv';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage: django-kit migrations status [--project DIR] [--python PATH]

Prints the project's migrations as JSON, in the order migrate applies them:
  [{"app": "auth", "name": "0001_initial", "applied": true}, ...]

Options:
  --project DIR   Folder of manage.py, or a folder above it (default: the current folder)
  --python PATH   Interpreter to run manage.py with (default: a venv/.venv beside manage.py
                  or in the current folder, else python3 on PATH)

Exit status: 0 all applied, 1 some unapplied, 2 error.`;

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
  try {
    const plan = await migrationPlan({ python, project });
    io.stdout(`${JSON.stringify(plan.map(({ app, name, applied }) => ({ app, name, applied })))}\n`);
    return plan.some((state) => !state.applied) ? 1 : 0;
  } catch (error) {
    if (!(error instanceof ManageError)) throw error;
    io.stderr(`django-kit migrations: ${error.message}\n`);
    return 2;
  }
}

function parseStatusArgs(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { project: { type: 'string' }, python: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A bare name such as `python3` is looked up on PATH; anything with a separator is a path from the current folder. */
function interpreterArgument(value: string, cwd: string): string {
  return /[\\/]/.test(value) ? path.resolve(cwd, value) : value;
}

function defaultPython(projectDir: string, cwd: string): string {
  const isFile = (file: string) => existsSync(file) && statSync(file).isFile();
  return findVenvPython([projectDir, cwd], isFile) ?? (process.platform === 'win32' ? 'python' : 'python3');
}
