/** The manage.py command lines Django Kit runs: always an argument array, always non-interactive. */
import path from 'node:path';
import * as l10n from '@vscode/l10n';

/** A Django project, known by its manage.py; commands run in the folder that holds it. */
export interface DjangoProject {
  readonly manageFile: string;
  readonly dir: string;
}

export function projectOf(manageFile: string): DjangoProject {
  return { manageFile, dir: path.dirname(manageFile) };
}

/**
 * Django's own commands that take `--noinput`. Others would reject the flag, and they get no
 * input anyway: standard input is closed, so a prompt ends instead of waiting forever.
 */
const TAKES_NOINPUT = new Set([
  'collectstatic',
  'createsuperuser',
  'flush',
  'makemigrations',
  'migrate',
  'squashmigrations',
  'test',
  'testserver',
  'remove_stale_contenttypes',
]);

/** The interpreter's arguments: manage.py, the command, its arguments and `--noinput` where it applies. */
export function manageArgs(project: DjangoProject, command: string, args: readonly string[] = []): string[] {
  const noinput = TAKES_NOINPUT.has(command) && !args.includes('--noinput') && !args.includes('--no-input');
  return [project.manageFile, command, ...args, ...(noinput ? ['--noinput'] : [])];
}

export interface MakemigrationsOptions {
  /** Limit to these app labels; all apps when empty. */
  readonly apps?: readonly string[];
  readonly name?: string;
  /** Preview only: prints the files (verbosity 3) without writing them. */
  readonly dryRun?: boolean;
  /** Exit 1 when models have changes without migrations; never writes. */
  readonly check?: boolean;
  readonly merge?: boolean;
}

export function makemigrationsArgs(options: MakemigrationsOptions = {}): string[] {
  const args = [...(options.apps ?? [])];
  if (options.name) args.push('--name', options.name);
  if (options.merge) args.push('--merge');
  if (options.check) args.push('--check');
  // Before Django 4.2, --check alone still wrote the files; pairing it with --dry-run keeps it read-only everywhere.
  if (options.dryRun || options.check) args.push('--dry-run');
  if (options.dryRun) args.push('--verbosity', '3');
  return args;
}

/** A migrate target: everything, one app, or one app to a named migration (or `zero`). */
export interface MigrateTarget {
  readonly app?: string;
  readonly migration?: string;
}

export function migrateArgs(target: MigrateTarget = {}): string[] {
  if (!target.app) return [];
  return target.migration ? [target.app, target.migration] : [target.app];
}

/** Python identifiers only: makemigrations refuses other names, so say so before running it. */
export function isValidMigrationName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);
}

/** A command line to show in the log, quoted where needed; never run through a shell. */
export function displayCommand(executable: string, args: readonly string[]): string {
  return [executable, ...args].map((part) => (/^[\w@%+=:,./-]+$/.test(part) ? part : `'${part.replace(/'/g, "'\\''")}'`)).join(' ');
}

/**
 * Commands that talk to the user or never finish on their own: they belong in a terminal, where
 * the user can type and stop them, not behind a progress notification.
 */
const TERMINAL_COMMANDS = new Set(['runserver', 'shell', 'dbshell', 'createsuperuser', 'changepassword', 'testserver', 'shell_plus', 'runserver_plus']);

export function belongsInTerminal(command: string): boolean {
  return TERMINAL_COMMANDS.has(command);
}

/** The arguments for a run in a terminal, where the user answers prompts: no `--noinput`. */
export function interactiveManageArgs(project: DjangoProject, command: string, args: readonly string[] = []): string[] {
  return [project.manageFile, command, ...args];
}

/**
 * Splits what a user typed into arguments the way a POSIX shell would for quotes and backslashes,
 * without expanding anything: the result is passed as an array, never to a shell.
 */
export function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else current += char;
    } else if (char === '\\' && i + 1 < text.length && (quote === undefined || /["\\$`]/.test(text[i + 1]))) {
      current += text[++i];
      started = true;
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else current += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (quote) throw new Error(l10n.t('unclosed {0} in arguments', quote));
  if (started) args.push(current);
  return args;
}

/** Why a typed migration name would be refused, for an input box; empty lets Django choose one. */
export function migrationNameProblem(name: string): string | undefined {
  return name === '' || isValidMigrationName(name) ? undefined : l10n.t('Use letters, digits and underscores, not starting with a digit');
}

/** Why typed arguments cannot be split, for an input box; undefined when they can. */
export function argumentsProblem(text: string): string | undefined {
  try {
    splitArguments(text);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
