/** Running manage.py with a project's interpreter and naming what went wrong. */
import * as l10n from '@vscode/l10n';
import { type ProcessResult, runProcess, SpawnError } from '../process';
import { type DjangoProject, manageArgs } from './command';
import { classifyFailure, ManageError, type ManageFailure } from './failure';
import { isEmptyPlan, type MigrationState, parseMigrationPlan } from './showmigrations';

/**
 * How long reading a migration plan may take before manage.py is stopped: long enough for a slow
 * database on a busy CI machine, short enough that a project whose database never answers fails the
 * CI step and does not keep the Migrations view loading for ever.
 */
export const PLAN_TIMEOUT_SECONDS = 120;

export interface ManageContext {
  readonly python: string;
  readonly project: DjangoProject;
  readonly signal?: AbortSignal;
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Stops the run, and its children, after this many seconds. */
  readonly timeoutSeconds?: number;
}

export interface ManageOutcome extends ProcessResult {
  /** Set when the run failed (non-zero exit or no interpreter), unless it was cancelled. */
  readonly failure?: ManageFailure;
}

/** Output unbuffered so the log follows along, and UTF-8 whatever the console's code page. */
function manageEnv(): NodeJS.ProcessEnv {
  return { ...process.env, PYTHONUNBUFFERED: '1', PYTHONIOENCODING: 'utf-8' };
}

export async function runManage(context: ManageContext, command: string, args: readonly string[] = []): Promise<ManageOutcome> {
  let result: ProcessResult;
  try {
    result = await runProcess({
      command: context.python,
      args: manageArgs(context.project, command, args),
      cwd: context.project.dir,
      env: manageEnv(),
      signal: context.signal,
      onLine: context.onLine,
      timeoutMs: context.timeoutSeconds === undefined ? undefined : context.timeoutSeconds * 1000,
    });
  } catch (error) {
    if (!(error instanceof SpawnError)) throw error;
    const failure: ManageFailure = { kind: 'no-interpreter', message: spawnFailureMessage(error) };
    return { code: null, stdout: '', stderr: '', cancelled: false, failure };
  }
  if (result.timedOut) return { ...result, failure: { kind: 'timed-out', command, seconds: context.timeoutSeconds ?? 0 } };
  if (result.cancelled || result.code === 0) return result;
  const run = { command, code: result.code, stdout: result.stdout, stderr: result.stderr, projectDir: context.project.dir, interpreter: context.python };
  return { ...result, failure: classifyFailure(run) };
}

/** Why the interpreter did not start, as a sentence about it. */
function spawnFailureMessage(error: SpawnError): string {
  switch (error.errno) {
    case 'ENOENT':
      return l10n.t('The Python interpreter {0} was not found.', error.command);
    case 'EACCES':
      return l10n.t('The Python interpreter {0} cannot be run: permission denied.', error.command);
    default:
      // The system's own reason ("… could not be started: …") is English whatever the editor's language.
      return l10n.t('The Python interpreter {0}.', error.message);
  }
}

/** The run was cancelled before it finished. */
export class ManageCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

// Runs inside `manage.py shell -c`. Connecting to a SQLite database creates its file, so listing
// the migrations of a fresh project would leave a db.sqlite3 the user never asked for. When the
// default database is a SQLite file that does not exist yet, nothing can be applied: the plan is
// read from the migration files alone (the order showmigrations --plan gives), all unapplied.
// Otherwise Django's own showmigrations prints it.
const PLAN_SCRIPT = `
import os
from django.conf import settings
from django.core.management import call_command

def sqlite_file_missing():
    database = settings.DATABASES.get("default", {})
    name = str(database.get("NAME") or "")
    if not database.get("ENGINE", "").endswith("sqlite3") or name in ("", ":memory:") or name.startswith("file:"):
        return False
    return not os.path.exists(name)

def print_plan_without_database():
    from django.db.migrations.loader import MigrationLoader
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    seen = set()
    for target in graph.leaf_nodes():
        for key in graph.forwards_plan(target):
            if key not in seen:
                seen.add(key)
                print("[ ]  %s.%s" % key)

if sqlite_file_missing():
    print_plan_without_database()
else:
    call_command("showmigrations", "--plan")
`;

/**
 * The migration plan with what is applied; throws a ManageError naming the failure. It never
 * creates a SQLite database that does not exist yet.
 */
export async function migrationPlan(context: ManageContext): Promise<MigrationState[]> {
  // Verbosity 0 keeps Django 5.2's shell from announcing its automatic imports.
  const outcome = await runManage(context, 'shell', ['--verbosity', '0', '--command', PLAN_SCRIPT]);
  if (outcome.failure) throw new ManageError(outcome.failure);
  if (outcome.cancelled) throw new ManageCancelled();
  const plan = parseMigrationPlan(outcome.stdout);
  // An empty plan is only an answer when Django said so; anything else would pass for "all applied".
  if (plan.length === 0 && !isEmptyPlan(outcome.stdout)) {
    throw new ManageError({ kind: 'unrecognised-output', command: 'showmigrations --plan', output: `${outcome.stdout}${outcome.stderr}` });
  }
  return plan;
}
