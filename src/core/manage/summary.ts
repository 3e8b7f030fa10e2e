/**
 * Short summaries of what makemigrations, migrate and check printed: the files created, how many
 * migrations were applied, how many issues were found.
 */
import path from 'node:path';

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
  if (result.created.length === 0) return result.noChanges ? 'No changes detected' : 'No migration files were created';
  const names = result.created.map((c) => `${c.app}/${path.basename(c.file)}`).join(', ');
  const count = plural(result.created.length, 'migration');
  return dryRun ? `Would create ${count}: ${names}` : `Created ${count}: ${names}`;
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

export function summarizeMigrate(result: MigrateResult): string {
  const parts: string[] = [];
  if (result.applied.length > 0) parts.push(`Applied ${plural(result.applied.length, 'migration')}`);
  if (result.unapplied.length > 0) parts.push(`Unapplied ${plural(result.unapplied.length, 'migration')}`);
  if (parts.length === 0) parts.push('No migrations to apply');
  if (result.unmigratedApps.length > 0) {
    parts.push(`models in ${result.unmigratedApps.join(', ')} have changes without a migration (run Make Migrations)`);
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
  if (!result) return 'System check finished';
  const silenced = result.silenced > 0 ? ` (${result.silenced} silenced)` : '';
  return result.issues === 0 ? `System check found no issues${silenced}` : `System check found ${plural(result.issues, 'issue')}${silenced}`;
}

/** The names `manage.py help --commands` prints, one a line. */
export function parseCommandList(stdout: string): string[] {
  return stdout
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => /^[A-Za-z_][\w-]*$/.test(line));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
