import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { argumentsProblem, migrationNameProblem } from '../../src/core/manage/command';
import { debounce } from '../../src/core/debounce';
import { type ManageFailure } from '../../src/core/manage/failure';
import { failureActions } from '../../src/core/manage/failureActions';
import {
  appRow,
  appsOf,
  childNodes,
  migrateTargets,
  migrationRow,
  type ProjectMigrations,
  rootNodes,
  splitMigrationName,
  unappliedStatus,
} from '../../src/core/manage/migrationsView';
import { groupByApp, parseMigrationPlan } from '../../src/core/manage/showmigrations';

const SHOP: ProjectMigrations = {
  manageFile: '/work/shop/manage.py',
  apps: groupByApp(
    parseMigrationPlan(`[X]  auth.0001_initial
[X]  catalog.0001_initial
[ ]  catalog.0002_product_stock
`),
  ),
};
const BLOG: ProjectMigrations = {
  manageFile: '/work/blog/manage.py',
  apps: groupByApp(parseMigrationPlan('[ ]  posts.0001_initial\n')),
};
const BROKEN: ProjectMigrations = { manageFile: '/work/broken/manage.py', apps: [], error: 'No module named settings' };

describe('migrations view: tree data', () => {
  it('shows a single project by its apps, several by project', () => {
    assert.deepEqual(
      rootNodes([SHOP]).map((node) => node.kind === 'app' && node.app.app),
      ['auth', 'catalog'],
    );
    assert.deepEqual(
      rootNodes([SHOP, BLOG]).map((node) => node.kind === 'project' && node.project.manageFile),
      ['/work/shop/manage.py', '/work/blog/manage.py'],
    );
  });

  it('shows a project that could not be listed as its error', () => {
    assert.deepEqual(rootNodes([BROKEN]), [{ kind: 'error', message: 'No module named settings' }]);
    const [, broken] = rootNodes([SHOP, BROKEN]);
    assert.deepEqual(childNodes(broken), [{ kind: 'error', message: 'No module named settings' }]);
  });

  it('lists an app’s migrations in plan order, carrying what the row commands need', () => {
    const catalog = rootNodes([SHOP])[1];
    assert.deepEqual(childNodes(catalog), [
      { kind: 'migration', manageFile: '/work/shop/manage.py', app: 'catalog', name: '0001_initial', applied: true },
      { kind: 'migration', manageFile: '/work/shop/manage.py', app: 'catalog', name: '0002_product_stock', applied: false },
    ]);
    assert.deepEqual(childNodes({ kind: 'error', message: 'x' }), []);
  });

  it('expands and counts apps with unapplied migrations only', () => {
    assert.deepEqual(appRow(SHOP.apps[1]), { expanded: true, description: '1 unapplied' });
    assert.deepEqual(appRow(SHOP.apps[0]), { expanded: false });
  });

  it('describes a migration row with the context value the menus match', () => {
    const row = { kind: 'migration', manageFile: '/p/manage.py', app: 'catalog', name: '0002_stock' } as const;
    assert.deepEqual(migrationRow({ ...row, applied: true }), {
      id: '/p/manage.py:catalog.0002_stock',
      label: '0002',
      description: 'stock',
      tooltip: 'catalog.0002_stock: applied',
      contextValue: 'migration.applied',
    });
    assert.deepEqual(migrationRow({ ...row, applied: false }), {
      id: '/p/manage.py:catalog.0002_stock',
      label: '0002',
      description: 'stock · unapplied',
      tooltip: 'catalog.0002_stock: not applied',
      contextValue: 'migration.unapplied',
    });
  });

  it('labels a long generated name by its number and keeps the rest for the description and tooltip', () => {
    const name = '0003_product_stock_alter_product_price_and_more';
    const row = migrationRow({ kind: 'migration', manageFile: '/p/manage.py', app: 'catalog', name, applied: true });
    assert.equal(row.label, '0003');
    assert.equal(row.description, 'product_stock_alter_product_price_and_more');
    assert.equal(row.tooltip, `catalog.${name}: applied`);
  });

  it('keeps a name without a leading number whole', () => {
    assert.deepEqual(splitMigrationName('initial'), { rest: undefined });
    assert.deepEqual(splitMigrationName('0001'), { number: '0001', rest: undefined });
    const row = migrationRow({ kind: 'migration', manageFile: '/p/manage.py', app: 'a', name: 'custom', applied: false });
    assert.equal(row.label, 'custom');
    assert.equal(row.description, 'unapplied');
  });
});

describe('migrations view: status bar and pickers', () => {
  it('hides the status when everything is applied', () => {
    const applied: ProjectMigrations = { manageFile: '/a/manage.py', apps: groupByApp(parseMigrationPlan('[X]  auth.0001_initial\n')) };
    assert.equal(unappliedStatus([]), undefined);
    assert.equal(unappliedStatus([applied, BROKEN]), undefined);
  });

  it('counts unapplied migrations and names the project only when there is one to migrate', () => {
    assert.deepEqual(unappliedStatus([SHOP, BROKEN]), {
      text: '$(database) 1 unapplied migration',
      tooltip: 'Apply them with manage.py migrate',
      project: '/work/shop/manage.py',
    });
    const both = unappliedStatus([SHOP, BLOG]);
    assert.equal(both?.text, '$(database) 2 unapplied migrations');
    assert.equal(both?.project, undefined);
  });

  it('offers sorted apps and, per app, latest, each migration and zero', () => {
    const plan = SHOP.apps.flatMap((app) => app.migrations);
    assert.deepEqual(appsOf([...plan].reverse()), ['auth', 'catalog']);
    assert.deepEqual(migrateTargets(plan, 'catalog'), [
      { label: 'Latest', description: 'apply everything', migration: undefined },
      { label: '0001_initial', description: 'applied', migration: '0001_initial' },
      { label: '0002_product_stock', description: 'unapplied', migration: '0002_product_stock' },
      { label: 'zero', description: 'unapply every migration of catalog', migration: 'zero' },
    ]);
  });
});

describe('migrations: actions offered for a failure', () => {
  const titles = (failure: ManageFailure, canRerun = false) => failureActions(failure, canRerun).map((action) => action.title);

  it('sends environment problems to Select Environment', () => {
    assert.deepEqual(titles({ kind: 'django-missing' }), ['Select Environment']);
    assert.deepEqual(titles({ kind: 'no-interpreter', message: 'none' }), ['Select Environment']);
  });

  it('opens the failing file only when the traceback named one', () => {
    const location = { file: '/p/settings.py', line: 12 };
    assert.deepEqual(failureActions({ kind: 'settings-import', exception: 'NameError', location }, false), [
      { kind: 'open-file', title: 'Open File', location },
    ]);
    assert.deepEqual(titles({ kind: 'python-exception', exception: 'ValueError' }), []);
  });

  it('offers a merge for conflicts and the model (and a terminal when possible) for a missing default', () => {
    assert.deepEqual(titles({ kind: 'conflicting-migrations', apps: ['shop'], detail: '' }), ['Merge Migrations']);
    assert.deepEqual(failureActions({ kind: 'needs-default', model: 'Product' }, false), [{ kind: 'open-model', title: 'Open Model', model: 'Product' }]);
    assert.deepEqual(titles({ kind: 'needs-default' }, true), ['Open Model', 'Run in Terminal']);
  });

  it('offers nothing for failures no button helps with', () => {
    assert.deepEqual(titles({ kind: 'exit', code: 2 }, true), []);
    assert.deepEqual(titles({ kind: 'unknown-app', app: 'x' }), []);
  });
});

describe('migrations: input validation and debounce', () => {
  it('accepts an empty or identifier migration name', () => {
    assert.equal(migrationNameProblem(''), undefined);
    assert.equal(migrationNameProblem('add_stock'), undefined);
    assert.equal(migrationNameProblem('2nd'), 'Use letters, digits and underscores, not starting with a digit');
    assert.equal(migrationNameProblem('add stock'), 'Use letters, digits and underscores, not starting with a digit');
  });

  it('says why typed arguments cannot be split', () => {
    assert.equal(argumentsProblem('--database "other db"'), undefined);
    assert.equal(argumentsProblem('--name "unclosed'), 'unclosed " in arguments');
  });

  it('runs a burst of calls once, after the last', async () => {
    let runs = 0;
    const call = debounce(() => runs++, 20);
    call();
    call();
    await new Promise((resolve) => setTimeout(resolve, 10));
    call();
    assert.equal(runs, 0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(runs, 1);
  });
});

describe("the view's words in the editor's language", () => {
  // The extension hands the core the bundle VS Code loaded; the CLI never does. Reset for the files that follow.
  afterEach(() => l10n.config({ contents: {} }));

  it('come from the bundle, keyed by the English sentence, with the counts filled in; what it lacks stays English', () => {
    l10n.config({
      contents: {
        '$(database) {0} unapplied migrations': '$(database) {0} migraciones sin aplicar',
        'Open Model': 'Abrir modelo',
      },
    });
    assert.equal(unappliedStatus([SHOP, BLOG])?.text, '$(database) 2 migraciones sin aplicar');
    assert.equal(unappliedStatus([SHOP])?.text, '$(database) 1 unapplied migration');
    assert.deepEqual(
      failureActions({ kind: 'needs-default', model: 'Product' }, true).map((action) => action.title),
      ['Abrir modelo', 'Run in Terminal'],
    );
  });
});
