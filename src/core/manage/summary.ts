/**
 * Short summaries of what makemigrations, migrate and check printed: the files created, how many
 * migrations were applied, how many issues were found.
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';

export interface CreatedMigration {
  readonly app: string;
  /** Absolute path (makemigrations prints it relative to manage.py's folder when it can). */
  readonly file: string;
  /** The operations as Django describes them: "Add field stock to product". */
  readonly operations: readonly string[];
}

export interface MakemigrationsResult {
  readonly created: readonly CreatedMigration[];
  readonly noChanges: boolean;
}

const APP_HEADING = /^Migrations for '([^']+)':$/;
const MERGE_FILE = /^Created new merge migration (.+\.py)$/;
// Django up to 5.0 prefixes operations with "-"; 5.1+ uses "+", "-", "~", "x" or "*" by kind.
const OPERATION = /^ {4}[-+~x*] (.+)$/;
const FILE_LINE = /^ {2}(\S.*\.py)$/;

export function parseMakemigrations(stdout: string, projectDir: string): MakemigrationsResult {
  const created: CreatedMigration[] = [];
  let app: string | undefined;
  let current: { app: string; file: string; operations: string[] } | undefined;
  for (const line of stdout.split(/\r?\n/)) {
    const heading = APP_HEADING.exec(line);
    const file = FILE_LINE.exec(line);
    const operation = OPERATION.exec(line);
    const merge = MERGE_FILE.exec(line.trim());
    if (heading) app = heading[1];
    else if (file && app) {
      current = { app, file: path.resolve(projectDir, file[1]), operations: [] };
      created.push(current);
    } else if (operation && current) current.operations.push(operation[1]);
    else if (merge) created.push({ app: appOfMigrationFile(merge[1]), file: path.resolve(projectDir, merge[1]), operations: ['Merge'] });
    // A dry run at verbosity 3 prints each file's source next: none of it describes more migrations.
    else if (line.startsWith('Full migrations file')) app = current = undefined;
  }
  return { created, noChanges: /^No changes detected/m.test(stdout) };
}

/** `…/catalog/migrations/0003_merge.py` belongs to `catalog` (the app folder's usual label). */
function appOfMigrationFile(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts.at(-3) ?? '';
}

export function summarizeMakemigrations(result: MakemigrationsResult, dryRun = false): string {
  if (result.created.length === 0) return result.noChanges ? l10n.t('No changes detected') : l10n.t('No migration files were created');
  const names = result.created.map((c) => `${c.app}/${path.basename(c.file)}`).join(', ');
  const count = result.created.length;
  if (dryRun) return count === 1 ? l10n.t('Would create 1 migration: {0}', names) : l10n.t('Would create {0} migrations: {1}', count, names);
  return count === 1 ? l10n.t('Created 1 migration: {0}', names) : l10n.t('Created {0} migrations: {1}', count, names);
}

export interface MigrateResult {
  /** `app.name` of each migration applied, in order. */
  readonly applied: readonly string[];
  readonly unapplied: readonly string[];
  /** Apps whose models changed without a migration ("Your models in app(s): … have changes"). */
  readonly unmigratedApps: readonly string[];
}

const MIGRATE_STEP = /^\s+(Applying|Unapplying) (\S+?)\.\.\.\s*(OK|FAKED)\b/;

export function parseMigrate(stdout: string): MigrateResult {
  const applied: string[] = [];
  const unapplied: string[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const step = MIGRATE_STEP.exec(line);
    if (step) (step[1] === 'Applying' ? applied : unapplied).push(step[2]);
  }
  const pending = /Your models in app\(s\): (.*?) have changes that are not yet reflected/.exec(stdout);
  const unmigratedApps = pending ? [...pending[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
  return { applied, unapplied, unmigratedApps };
}

/** Independent statements, each a whole clause, joined by semicolons. */
export function summarizeMigrate(result: MigrateResult): string {
  const parts: string[] = [];
  const applied = result.applied.length;
  const unapplied = result.unapplied.length;
  if (applied > 0) parts.push(applied === 1 ? l10n.t('Applied 1 migration') : l10n.t('Applied {0} migrations', applied));
  if (unapplied > 0) parts.push(unapplied === 1 ? l10n.t('Unapplied 1 migration') : l10n.t('Unapplied {0} migrations', unapplied));
  if (parts.length === 0) parts.push(l10n.t('No migrations to apply'));
  if (result.unmigratedApps.length > 0) {
    parts.push(l10n.t('models in {0} have changes without a migration (run Make Migrations)', result.unmigratedApps.join(', ')));
  }
  return parts.join('; ');
}

export interface CheckResult {
  readonly issues: number;
  readonly silenced: number;
}

/** "System check identified no issues (0 silenced)." / "… identified 7 issues (2 silenced)." */
export function parseCheck(output: string): CheckResult | undefined {
  const match = /System check identified (no|\d+) issues? \((\d+) silenced\)/.exec(output);
  if (!match) return undefined;
  return { issues: match[1] === 'no' ? 0 : Number(match[1]), silenced: Number(match[2]) };
}

export function summarizeCheck(result: CheckResult | undefined): string {
  if (!result) return l10n.t('System check finished');
  const { issues, silenced } = result;
  if (silenced === 0) {
    if (issues === 0) return l10n.t('System check found no issues');
    return issues === 1 ? l10n.t('System check found 1 issue') : l10n.t('System check found {0} issues', issues);
  }
  if (issues === 0) return l10n.t('System check found no issues ({0} silenced)', silenced);
  return issues === 1 ? l10n.t('System check found 1 issue ({0} silenced)', silenced) : l10n.t('System check found {0} issues ({1} silenced)', issues, silenced);
}

/** The names `manage.py help --commands` prints, one a line. */
export function parseCommandList(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z_][\w-]*$/.test(line));
}
