/**
 * What the Migrations view and its status bar item show, worked out from the parsed
 * `showmigrations --plan` of each project. The adapter only turns these into tree items.
 */
import * as l10n from '@vscode/l10n';
import { type AppMigrations, type MigrationState, unappliedCount } from './showmigrations';

/** What the tree shows for one project. */
export interface ProjectMigrations {
  readonly manageFile: string;
  readonly apps: readonly AppMigrations[];
  readonly error?: string;
}

export type MigrationsNode =
  | { readonly kind: 'project'; readonly project: ProjectMigrations }
  | { readonly kind: 'app'; readonly manageFile: string; readonly app: AppMigrations }
  | MigrationNode
  | { readonly kind: 'error'; readonly message: string };

/** A migration row; it is also the argument of the commands run from that row. */
export interface MigrationNode {
  readonly kind: 'migration';
  readonly manageFile: string;
  readonly app: string;
  readonly name: string;
  readonly applied: boolean;
}

/** The view's top level: a single project's apps directly, else one node per project. */
export function rootNodes(projects: readonly ProjectMigrations[]): MigrationsNode[] {
  return projects.length === 1 ? projectChildren(projects[0]) : projects.map((project) => ({ kind: 'project', project }));
}

export function childNodes(node: MigrationsNode): MigrationsNode[] {
  switch (node.kind) {
    case 'project':
      return projectChildren(node.project);
    case 'app':
      return node.app.migrations.map((m) => ({ kind: 'migration', manageFile: node.manageFile, app: m.app, name: m.name, applied: m.applied }));
    default:
      return [];
  }
}

function projectChildren(project: ProjectMigrations): MigrationsNode[] {
  if (project.error) return [{ kind: 'error', message: project.error }];
  return project.apps.map((app) => ({ kind: 'app', manageFile: project.manageFile, app }));
}

export interface AppRow {
  readonly expanded: boolean;
  readonly description?: string;
}

/** An app row: expanded, with a count, while it has migrations to apply. */
export function appRow(app: AppMigrations): AppRow {
  const pending = unappliedCount(app.migrations);
  return pending > 0 ? { expanded: true, description: l10n.t('{0} unapplied', pending) } : { expanded: false };
}

export interface MigrationRow {
  readonly id: string;
  readonly label: string;
  readonly description?: string;
  readonly tooltip: string;
  readonly contextValue: string;
}

/**
 * A migration row. Generated names (`0002_product_stock_alter_product_price_and_more`) are too
 * long for a side bar: the number is the label, the rest goes to the description, which VS Code
 * lets shrink first, and the tooltip keeps the full name.
 */
export function migrationRow(node: MigrationNode): MigrationRow {
  const { number, rest } = splitMigrationName(node.name);
  const description = [rest, node.applied ? undefined : l10n.t('unapplied')].filter((part) => part).join(' · ');
  return {
    // Unique across projects, so VS Code keeps selection and focus on the same row after a refresh.
    id: `${node.manageFile}:${node.app}.${node.name}`,
    label: number ?? node.name,
    description: description || undefined,
    tooltip: node.applied ? l10n.t('{0}.{1}: applied', node.app, node.name) : l10n.t('{0}.{1}: not applied', node.app, node.name),
    // package.json's menus match these: rollback only on `migration.applied`.
    contextValue: node.applied ? 'migration.applied' : 'migration.unapplied',
  };
}

/** `0002_product_stock` → number `0002`, rest `product_stock`; a name without a leading number has none. */
export function splitMigrationName(name: string): { readonly number?: string; readonly rest?: string } {
  const match = /^(\d+)(?:_(.*))?$/.exec(name);
  return match ? { number: match[1], rest: match[2] || undefined } : { rest: undefined };
}

/** The status bar item, or undefined when nothing is waiting to be applied. */
export interface UnappliedStatus {
  readonly text: string;
  readonly tooltip: string;
  /** The one project with unapplied migrations, which a click migrates directly; undefined for several. */
  readonly project?: string;
}

export function unappliedStatus(projects: readonly ProjectMigrations[]): UnappliedStatus | undefined {
  const pending = projects
    .map((project) => ({ project, count: unappliedCount(planOf(project)) }))
    .filter((entry) => entry.count > 0);
  const total = pending.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return undefined;
  return {
    text: total === 1 ? l10n.t('$(database) 1 unapplied migration') : l10n.t('$(database) {0} unapplied migrations', total),
    tooltip: l10n.t('Apply them with {0}', 'manage.py migrate'),
    project: pending.length === 1 ? pending[0].project.manageFile : undefined,
  };
}

/** A project's migrations in plan order. */
export function planOf(project: ProjectMigrations | undefined): readonly MigrationState[] {
  return project?.apps.flatMap((app) => app.migrations) ?? [];
}

/** The apps of a plan, sorted, for a picker. */
export function appsOf(plan: readonly MigrationState[]): string[] {
  return [...new Set(plan.map((m) => m.app))].sort();
}

/** The targets offered for migrating one app: its latest, each of its migrations, or zero. */
export function migrateTargets(plan: readonly MigrationState[], app: string): { label: string; description: string; migration?: string }[] {
  return [
    { label: l10n.t('Latest'), description: l10n.t('apply everything'), migration: undefined },
    ...plan.filter((m) => m.app === app).map((m) => ({ label: m.name, description: m.applied ? l10n.t('applied') : l10n.t('unapplied'), migration: m.name })),
    // `zero` is the name migrate takes, so it stays as typed.
    { label: 'zero', description: l10n.t('unapply every migration of {0}', app), migration: 'zero' },
  ];
}
