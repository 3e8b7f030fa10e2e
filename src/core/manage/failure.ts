/**
 * Naming why a manage.py run failed, from its exit code and output, so users read "the settings
 * module cannot be imported" instead of a sixty-line traceback.
 */
import * as l10n from '@vscode/l10n';

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
}

export type ManageFailure =
  | { readonly kind: 'no-interpreter'; readonly message: string }
  | { readonly kind: 'django-missing' }
  | {
      readonly kind: 'settings-import';
      /** The settings module when known: the file that failed, or the module Python could not find. */
      readonly module?: string;
      readonly exception: string;
      readonly location?: SourceLocation;
    }
  | { readonly kind: 'database-unreachable'; readonly message: string }
  | { readonly kind: 'conflicting-migrations'; readonly apps: readonly string[]; readonly detail: string }
  | { readonly kind: 'needs-default'; readonly field?: string; readonly model?: string }
  | { readonly kind: 'unknown-app'; readonly app: string }
  | { readonly kind: 'unknown-command'; readonly command: string }
  | { readonly kind: 'command-error'; readonly message: string }
  | { readonly kind: 'python-exception'; readonly exception: string; readonly location?: SourceLocation }
  | { readonly kind: 'timed-out'; readonly command: string; readonly seconds: number }
  | { readonly kind: 'unrecognised-output'; readonly command: string; readonly output: string }
  /** `interpreter` is set when the run printed nothing at all: the interpreter, not manage.py, failed. */
  | { readonly kind: 'exit'; readonly code: number | null; readonly lastLine?: string; readonly interpreter?: string };

/** A manage.py run that failed, carrying the named failure. */
export class ManageError extends Error {
  constructor(readonly failure: ManageFailure) {
    super(describeFailure(failure));
  }
}

export interface FailedRun {
  readonly command: string;
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The folder of manage.py, to turn the failing settings file into a module name. */
  readonly projectDir: string;
  /** The interpreter that ran manage.py, named when it fails without a word. */
  readonly interpreter?: string;
}

interface Frame extends SourceLocation {
  readonly code: string;
}

interface Traceback {
  readonly frames: readonly Frame[];
  readonly exception: string;
}

/** Names the failure of a run that exited non-zero. */
export function classifyFailure(run: FailedRun): ManageFailure {
  const output = `${run.stdout}\n${run.stderr}`;
  if (output.includes("Couldn't import Django")) return { kind: 'django-missing' };
  const traceback = lastTraceback(run.stderr);
  if (traceback && isSettingsImport(traceback)) return settingsFailure(traceback, run.projectDir);
  if (run.command === 'makemigrations' && run.code === 3) return needsDefault(output);
  return (
    databaseFailure(traceback) ??
    conflictFailure(output) ??
    unknownApp(output) ??
    unknownCommand(output) ??
    commandError(run.stderr) ??
    (traceback ? { kind: 'python-exception', exception: traceback.exception, location: lastOwnFrame(traceback.frames) } : undefined) ??
    exitFailure(run)
  );
}

function exitFailure(run: FailedRun): ManageFailure {
  const lastLine = lastNonEmptyLine(run.stderr) ?? lastNonEmptyLine(run.stdout);
  // Python always says something when manage.py fails; silence means the interpreter itself did.
  const silent = lastLine === undefined && run.interpreter !== undefined;
  return { kind: 'exit', code: run.code, ...(lastLine !== undefined ? { lastLine } : {}), ...(silent ? { interpreter: run.interpreter } : {}) };
}

/** One plain sentence (or two) for the user. */
export function describeFailure(failure: ManageFailure): string {
  switch (failure.kind) {
    case 'no-interpreter':
      return failure.message;
    case 'django-missing':
      return l10n.t('Django is not installed in the selected Python environment.');
    case 'settings-import':
      return settingsImportMessage(failure.module, failure.exception, failure.location);
    case 'database-unreachable':
      return l10n.t('The database cannot be reached: {0}', failure.message);
    case 'conflicting-migrations':
      return l10n.t('Conflicting migrations: {0}. Merge them with {1}.', failure.detail, 'makemigrations --merge');
    case 'needs-default':
      return failure.field && failure.model
        ? l10n.t(
            "makemigrations needs a default for the non-nullable field '{0}' on {1}: existing rows need a value. Give the field a default (or {2}), or run makemigrations in a terminal to answer its question.",
            failure.field,
            failure.model,
            'null=True',
          )
        : l10n.t(
            'makemigrations needs a default for the non-nullable field: existing rows need a value. Give the field a default (or {0}), or run makemigrations in a terminal to answer its question.',
            'null=True',
          );
    case 'unknown-app':
      return l10n.t("There is no installed app labelled '{0}'.", failure.app);
    case 'unknown-command':
      return l10n.t("manage.py has no command '{0}'.", failure.command);
    case 'command-error':
      return failure.message;
    case 'python-exception':
      return failure.location
        ? l10n.t('manage.py failed with {0} ({1}, line {2})', failure.exception, failure.location.file, failure.location.line)
        : l10n.t('manage.py failed with {0}', failure.exception);
    case 'timed-out':
      return l10n.t('manage.py {0} did not finish within {1} s and was stopped.', failure.command, failure.seconds);
    case 'unrecognised-output':
      return l10n.t('manage.py {0} printed nothing that reads as its usual output:\n{1}', failure.command, failure.output.trim() || l10n.t('(no output at all)'));
    case 'exit':
      return exitMessage(failure.code, failure.lastLine, failure.interpreter);
  }
}

function settingsImportMessage(module: string | undefined, exception: string, location: SourceLocation | undefined): string {
  if (module && location) return l10n.t("The settings module '{0}' cannot be imported: {1} ({2}, line {3})", module, exception, location.file, location.line);
  if (module) return l10n.t("The settings module '{0}' cannot be imported: {1}", module, exception);
  if (location) return l10n.t('The settings module cannot be imported: {0} ({1}, line {2})', exception, location.file, location.line);
  return l10n.t('The settings module cannot be imported: {0}', exception);
}

/** A null code means the process ended without one (killed by a signal): said as "unknown". */
function exitMessage(code: number | null, lastLine: string | undefined, interpreter: string | undefined): string {
  if (interpreter) {
    return code === null
      ? l10n.t('The interpreter {0} exited with code unknown without a word: it did not run manage.py. Check that it is a working Python.', interpreter)
      : l10n.t('The interpreter {0} exited with code {1} without a word: it did not run manage.py. Check that it is a working Python.', interpreter, code);
  }
  if (code === null) return lastLine ? l10n.t('manage.py exited with code unknown: {0}', lastLine) : l10n.t('manage.py exited with code unknown');
  return lastLine ? l10n.t('manage.py exited with code {0}: {1}', code, lastLine) : l10n.t('manage.py exited with code {0}', code);
}

// A SyntaxError ends its traceback with a location line that has no ", in <name>" part: the file and
// line of the bad code itself, which is the place to point at.
const FRAME_LINE = /^ {2}File "(.+)", line (\d+)(?:, in (.+))?$/;

/** The last traceback in the output (the one Python printed last, after any "During handling…"). */
export function lastTraceback(stderr: string): Traceback | undefined {
  const lines = stderr.split(/\r?\n/);
  const start = lines.lastIndexOf('Traceback (most recent call last):');
  if (start < 0) return undefined;
  const frames: Frame[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const frame = FRAME_LINE.exec(line);
    if (frame) {
      const next = lines[i + 1] ?? '';
      frames.push({ file: frame[1], line: Number(frame[2]), code: next.startsWith('    ') ? next.trim() : '' });
      continue;
    }
    if (line.startsWith(' ') || line === '') continue;
    return { frames, exception: line.trim() };
  }
  return undefined;
}

/** Django loads settings with `importlib.import_module(self.SETTINGS_MODULE)` in every version we support. */
function isSettingsImport(traceback: Traceback): boolean {
  return traceback.frames.some((frame) => frame.code.includes('import_module(self.SETTINGS_MODULE)'));
}

function settingsFailure(traceback: Traceback, projectDir: string): ManageFailure {
  const importAt = traceback.frames.findIndex((frame) => frame.code.includes('import_module(self.SETTINGS_MODULE)'));
  const after = traceback.frames.slice(importAt + 1).filter(isOwnFrame);
  // The first project frame below Django's import is the settings file itself; the last is where it broke.
  const settingsFile = after[0]?.file;
  const missing = /^ModuleNotFoundError: No module named '([^']+)'/.exec(traceback.exception);
  const module = settingsFile ? moduleOfFile(settingsFile, projectDir) : missing?.[1];
  const last = after.at(-1);
  return { kind: 'settings-import', module, exception: traceback.exception, location: last && { file: last.file, line: last.line } };
}

/** `mysite/settings.py` under the project folder is the module `mysite.settings`. */
export function moduleOfFile(file: string, projectDir: string): string | undefined {
  const normalise = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const root = `${normalise(projectDir)}/`;
  const path = normalise(file);
  if (!path.startsWith(root) || !path.endsWith('.py')) return undefined;
  return path
    .slice(root.length, -'.py'.length)
    .replace(/\/__init__$/, '')
    .split('/')
    .join('.');
}

const LIBRARY_PATH = /[\\/](site|dist)-packages[\\/]|[\\/]lib[\\/]python\d+(\.\d+)?[\\/]|[\\/]Lib[\\/]|^<frozen /;

function isOwnFrame(frame: Frame): boolean {
  return !LIBRARY_PATH.test(frame.file);
}

function lastOwnFrame(frames: readonly Frame[]): SourceLocation | undefined {
  const frame = frames.filter(isOwnFrame).at(-1);
  return frame && { file: frame.file, line: frame.line };
}

function needsDefault(output: string): ManageFailure {
  // Django 4.0+ says which field before exiting; 3.2 exits 3 silently.
  const match =
    /impossible to add a non-nullable field '([^']+)' to (\w+)/.exec(output) ??
    /impossible to add the field '([^']+)' with 'auto_now_add=True' to (\w+)/.exec(output) ??
    /impossible to change a nullable field '([^']+)' on (\w+)/.exec(output);
  return { kind: 'needs-default', field: match?.[1], model: match?.[2] };
}

const UNREACHABLE = /unable to open database file|could not connect|connection refused|can't connect|could not translate host name|connection to server .* failed|timeout expired|timed out|password authentication failed|access denied for user|unknown database|database "[^"]+" does not exist/i;

function databaseFailure(traceback: Traceback | undefined): ManageFailure | undefined {
  if (!traceback) return undefined;
  const match = /^([\w.]*OperationalError): (.*)$/.exec(traceback.exception);
  if (!match || !UNREACHABLE.test(match[2])) return undefined;
  return { kind: 'database-unreachable', message: match[2] };
}

function conflictFailure(output: string): ManageFailure | undefined {
  const match = /Conflicting migrations detected; multiple leaf nodes in the migration graph: \((.*)\)/.exec(output);
  if (!match) return undefined;
  const apps = [...match[1].matchAll(/ in (\w+)(?:;|$)/g)].map((m) => m[1]);
  return { kind: 'conflicting-migrations', apps, detail: match[1] };
}

function unknownApp(output: string): ManageFailure | undefined {
  const match = /No installed app with label '([^']+)'/.exec(output) ?? /App '([^']+)' could not be found/.exec(output);
  return match ? { kind: 'unknown-app', app: match[1] } : undefined;
}

function unknownCommand(output: string): ManageFailure | undefined {
  const match = /^Unknown command: '([^']+)'/m.exec(output);
  return match ? { kind: 'unknown-command', command: match[1] } : undefined;
}

function commandError(stderr: string): ManageFailure | undefined {
  const match = /^CommandError: (.*)$/m.exec(stderr);
  return match ? { kind: 'command-error', message: match[1] } : undefined;
}

function lastNonEmptyLine(text: string): string | undefined {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .at(-1);
}
