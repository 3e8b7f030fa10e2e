/**
 * Reading `manage.py showmigrations --plan`.
 *
 * The plan format is used rather than the default per-app list because it is the only one that
 * gives the order migrate would apply them in, and it names the app on every line
 * (`[X]  auth.0001_initial`), so no state has to be carried between lines. Its shape has been the
 * same from Django 3.2 to 5.x; verbosity 2 only appends ` ... (dependencies)`, which is tolerated.
 * Django 4.1+ marks a squashed migration whose replaced migrations are only partly recorded with
 * `[-]`; it is not fully applied, so it counts as unapplied.
 */
import * as l10n from '@vscode/l10n';

export interface MigrationState {
  readonly app: string;
  readonly name: string;
  readonly applied: boolean;
}

/** One app's migrations, in the order they apply. */
export interface AppMigrations {
  readonly app: string;
  readonly migrations: readonly MigrationState[];
}

const PLAN_LINE = /^\[([ X-])\]\s+([A-Za-z_][\w]*)\.([^\s.]+)(?:\s+\.\.\.\s+\(.*\))?\s*$/;

/** Every migration of the plan, in plan order. Lines that are not plan entries (prints from settings, "(no migrations)") are skipped. */
export function parseMigrationPlan(output: string): MigrationState[] {
  const states: MigrationState[] = [];
  for (const line of output.split(/\r?\n/)) {
    const match = PLAN_LINE.exec(line.trimEnd());
    if (match) states.push({ app: match[2], name: match[3], applied: match[1] === 'X' });
  }
  return states;
}

/** Django's own words for a plan with no migration in it. */
export function isEmptyPlan(output: string): boolean {
  return output.split(/\r?\n/).some((line) => line.trim() === '(no migrations)');
}

/** Groups a plan by app, keeping the plan's order both for apps (first appearance) and within each app. */
export function groupByApp(plan: readonly MigrationState[]): AppMigrations[] {
  const byApp = new Map<string, MigrationState[]>();
  for (const state of plan) {
    const list = byApp.get(state.app) ?? [];
    list.push(state);
    byApp.set(state.app, list);
  }
  return [...byApp].map(([app, migrations]) => ({ app, migrations }));
}

export function unappliedCount(plan: readonly MigrationState[]): number {
  return plan.filter((state) => !state.applied).length;
}

/**
 * The migrate target that undoes `name` and everything after it in its app: the migration before it
 * in the app's order, or `zero` when it is the app's first.
 */
export function rollbackTarget(plan: readonly MigrationState[], app: string, name: string): string {
  const inApp = plan.filter((state) => state.app === app);
  const index = inApp.findIndex((state) => state.name === name);
  if (index < 0) throw new Error(l10n.t('{0}.{1} is not in the migration plan', app, name));
  return index === 0 ? 'zero' : inApp[index - 1].name;
}
