import assert from 'node:assert/strict';
import path from 'node:path';
import {
  belongsInTerminal,
  displayCommand,
  interactiveManageArgs,
  makemigrationsArgs,
  manageArgs,
  migrateArgs,
  projectOf,
  splitArguments,
} from '../../src/core/manage/command';
import { classifyFailure, describeFailure, type FailedRun, lastTraceback, moduleOfFile } from '../../src/core/manage/failure';
import { modelClassLine } from '../../src/core/manage/models';
import { groupByApp, parseMigrationPlan, rollbackTarget, unappliedCount } from '../../src/core/manage/showmigrations';
import {
  parseCheck,
  parseCommandList,
  parseMakemigrations,
  parseMigrate,
  summarizeCheck,
  summarizeMakemigrations,
  summarizeMigrate,
} from '../../src/core/manage/summary';

const PLAN_32 = `[X]  contenttypes.0001_initial
[X]  auth.0001_initial
[ ]  catalog.0001_initial
[X]  contenttypes.0002_remove_content_type_name
[ ]  catalog.0002_product_stock
`;

describe('showmigrations --plan', () => {
  it('reads every entry in plan order with its applied mark', () => {
    assert.deepEqual(parseMigrationPlan(PLAN_32), [
      { app: 'contenttypes', name: '0001_initial', applied: true },
      { app: 'auth', name: '0001_initial', applied: true },
      { app: 'catalog', name: '0001_initial', applied: false },
      { app: 'contenttypes', name: '0002_remove_content_type_name', applied: true },
      { app: 'catalog', name: '0002_product_stock', applied: false },
    ]);
  });

  it('tolerates verbosity 2 dependencies, CRLF, [-] and stray prints from settings', () => {
    const output = 'loading local settings\r\n[X]  auth.0001_initial ... (contenttypes.0001_initial)\r\n[-]  shop.0001_squashed_0004 ... (auth.0001_initial, shop.0000_x)\r\n(no migrations)\r\n';
    assert.deepEqual(parseMigrationPlan(output), [
      { app: 'auth', name: '0001_initial', applied: true },
      { app: 'shop', name: '0001_squashed_0004', applied: false },
    ]);
  });

  it('ignores the per-app list format instead of misreading it', () => {
    assert.deepEqual(parseMigrationPlan('catalog\n [X] 0001_initial\n [ ] 0002_x\n'), []);
  });

  it('groups by app in order of first appearance', () => {
    const groups = groupByApp(parseMigrationPlan(PLAN_32));
    assert.deepEqual(groups.map((g) => g.app), ['contenttypes', 'auth', 'catalog']);
    assert.deepEqual(groups[2].migrations.map((m) => m.name), ['0001_initial', '0002_product_stock']);
    assert.equal(unappliedCount(parseMigrationPlan(PLAN_32)), 2);
  });

  it('rolls back to the previous migration of the same app, or zero', () => {
    const plan = parseMigrationPlan(PLAN_32);
    assert.equal(rollbackTarget(plan, 'catalog', '0002_product_stock'), '0001_initial');
    assert.equal(rollbackTarget(plan, 'catalog', '0001_initial'), 'zero');
    assert.equal(rollbackTarget(plan, 'contenttypes', '0002_remove_content_type_name'), '0001_initial');
    assert.throws(() => rollbackTarget(plan, 'catalog', '0009_nope'), /not in the migration plan/);
  });
});

describe('manage.py command lines', () => {
  const project = projectOf(path.join('/work', 'my site é', 'manage.py'));

  it('runs from the folder of manage.py and adds --noinput only where Django accepts it', () => {
    assert.equal(project.dir, path.join('/work', 'my site é'));
    assert.deepEqual(manageArgs(project, 'migrate', ['catalog']), [project.manageFile, 'migrate', 'catalog', '--noinput']);
    assert.deepEqual(manageArgs(project, 'check', ['--deploy']), [project.manageFile, 'check', '--deploy']);
    assert.deepEqual(manageArgs(project, 'flush', ['--no-input']), [project.manageFile, 'flush', '--no-input']);
  });

  it('builds makemigrations options, keeping --check read-only', () => {
    assert.deepEqual(makemigrationsArgs(), []);
    assert.deepEqual(makemigrationsArgs({ apps: ['catalog', 'shop'], name: 'add_stock' }), ['catalog', 'shop', '--name', 'add_stock']);
    assert.deepEqual(makemigrationsArgs({ check: true }), ['--check', '--dry-run']);
    assert.deepEqual(makemigrationsArgs({ dryRun: true }), ['--dry-run', '--verbosity', '3']);
    assert.deepEqual(makemigrationsArgs({ merge: true }), ['--merge']);
  });

  it('builds migrate targets, including zero', () => {
    assert.deepEqual(migrateArgs(), []);
    assert.deepEqual(migrateArgs({ app: 'catalog' }), ['catalog']);
    assert.deepEqual(migrateArgs({ app: 'catalog', migration: 'zero' }), ['catalog', 'zero']);
  });

  it('leaves --noinput out of interactive terminal runs, and sends servers and shells there', () => {
    assert.deepEqual(interactiveManageArgs(project, 'makemigrations', ['catalog']), [project.manageFile, 'makemigrations', 'catalog']);
    assert.equal(belongsInTerminal('runserver'), true);
    assert.equal(belongsInTerminal('migrate'), false);
  });

  it('splits typed arguments like a shell, without expanding anything', () => {
    assert.deepEqual(splitArguments('  --database  other '), ['--database', 'other']);
    assert.deepEqual(splitArguments(String.raw`"my file.json" 'it''s' a\ b "" $HOME "say \"hi\""`), ['my file.json', 'its', 'a b', '', '$HOME', 'say "hi"']);
    assert.deepEqual(splitArguments('été --format=json'), ['été', '--format=json']);
    assert.throws(() => splitArguments('"open'), /unclosed "/);
  });

  it('quotes arguments for display only', () => {
    assert.equal(displayCommand('/usr/bin/python3', ['/a b/manage.py', "it's"]), "/usr/bin/python3 '/a b/manage.py' 'it'\\''s'");
  });
});

const SETTINGS_TRACEBACK = `Traceback (most recent call last):
  File "/srv/my site/manage.py", line 22, in <module>
    main()
  File "/usr/lib/python3/dist-packages/django/conf/__init__.py", line 69, in _setup
    self._wrapped = Settings(settings_module)
                    ^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3/dist-packages/django/conf/__init__.py", line 170, in __init__
    mod = importlib.import_module(self.SETTINGS_MODULE)
          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  File "/usr/lib/python3.11/importlib/__init__.py", line 126, in import_module
    return _bootstrap._gcd_import(name[level:], package, level)
  File "<frozen importlib._bootstrap>", line 1206, in _gcd_import
  File "/srv/my site/mysite/settings.py", line 12, in <module>
    from .local import *
  File "/srv/my site/mysite/local.py", line 3, in <module>
    X = undefined_name
        ^^^^^^^^^^^^^^
NameError: name 'undefined_name' is not defined
`;

const MISSING_SETTINGS = `Traceback (most recent call last):
  File "/usr/lib/python3/dist-packages/django/conf/__init__.py", line 170, in __init__
    mod = importlib.import_module(self.SETTINGS_MODULE)
  File "<frozen importlib._bootstrap>", line 1142, in _find_and_load_unlocked
ModuleNotFoundError: No module named 'mysite.nope'

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "/srv/p/manage.py", line 22, in <module>
    main()
  File "/usr/lib/python3/dist-packages/django/conf/__init__.py", line 170, in __init__
    mod = importlib.import_module(self.SETTINGS_MODULE)
  File "<frozen importlib._bootstrap>", line 1142, in _find_and_load_unlocked
ModuleNotFoundError: No module named 'mysite.nope'
`;

function failed(overrides: Partial<FailedRun>): FailedRun {
  return { command: 'migrate', code: 1, stdout: '', stderr: '', projectDir: '/srv/my site', ...overrides };
}

describe('classifying manage.py failures', () => {
  it('names a settings module that raises, with the module and where it broke', () => {
    const failure = classifyFailure(failed({ stderr: SETTINGS_TRACEBACK }));
    assert.deepEqual(failure, {
      kind: 'settings-import',
      module: 'mysite.settings',
      exception: "NameError: name 'undefined_name' is not defined",
      location: { file: '/srv/my site/mysite/local.py', line: 3 },
    });
    assert.match(describeFailure(failure), /^The settings module 'mysite\.settings' cannot be imported: NameError/);
  });

  it('names a settings module that does not exist', () => {
    const failure = classifyFailure(failed({ stderr: MISSING_SETTINGS, projectDir: '/srv/p' }));
    assert.equal(failure.kind, 'settings-import');
    assert.equal(failure.kind === 'settings-import' && failure.module, 'mysite.nope');
  });

  it('says Django is missing from the interpreter', () => {
    const stderr = 'ImportError: Couldn\'t import Django. Are you sure it\'s installed?';
    assert.deepEqual(classifyFailure(failed({ stderr })), { kind: 'django-missing' });
  });

  it('recognises an unreachable database but not other operational errors', () => {
    const tb = (line: string) => `Traceback (most recent call last):\n  File "/x/django/db/backends/base.py", line 1, in connect\n    pass\n${line}\n`;
    assert.deepEqual(classifyFailure(failed({ stderr: tb('django.db.utils.OperationalError: unable to open database file') })), {
      kind: 'database-unreachable',
      message: 'unable to open database file',
    });
    const pg = 'django.db.utils.OperationalError: connection to server at "db" (10.0.0.2), port 5432 failed: Connection refused';
    assert.equal(classifyFailure(failed({ stderr: tb(pg) })).kind, 'database-unreachable');
    assert.equal(classifyFailure(failed({ stderr: tb('django.db.utils.OperationalError: no such table: x') })).kind, 'python-exception');
  });

  it('lists the apps with conflicting migrations', () => {
    const stderr = "CommandError: Conflicting migrations detected; multiple leaf nodes in the migration graph: (0002_a, 0002_b in catalog; 0005_x, 0005_y in shop).\nTo fix them run 'python manage.py makemigrations --merge'\n";
    const failure = classifyFailure(failed({ stderr }));
    assert.equal(failure.kind, 'conflicting-migrations');
    assert.deepEqual(failure.kind === 'conflicting-migrations' && failure.apps, ['catalog', 'shop']);
    assert.equal(describeFailure(failure), 'Conflicting migrations: 0002_a, 0002_b in catalog; 0005_x, 0005_y in shop. Merge them with makemigrations --merge.');
  });

  it('explains exit code 3 of makemigrations, with the field when Django names it', () => {
    assert.deepEqual(classifyFailure(failed({ command: 'makemigrations', code: 3 })), { kind: 'needs-default', field: undefined, model: undefined });
    const stderr = "It is impossible to add a non-nullable field 'stock' to product without specifying a default. This is because...";
    const failure = classifyFailure(failed({ command: 'makemigrations', code: 3, stderr }));
    assert.deepEqual(failure, { kind: 'needs-default', field: 'stock', model: 'product' });
    assert.match(describeFailure(failure), /'stock' on product/);
  });

  it('names unknown apps and commands, and passes CommandError messages through', () => {
    assert.deepEqual(classifyFailure(failed({ stderr: "No installed app with label 'nope'." })), { kind: 'unknown-app', app: 'nope' });
    assert.deepEqual(classifyFailure(failed({ stderr: "App 'nope' could not be found. Is it in INSTALLED_APPS?" })), { kind: 'unknown-app', app: 'nope' });
    assert.deepEqual(classifyFailure(failed({ stderr: "Unknown command: 'migrat'\nType 'manage.py help' for usage.\n" })), { kind: 'unknown-command', command: 'migrat' });
    assert.deepEqual(classifyFailure(failed({ stderr: "CommandError: Cannot find a migration matching '0009' from app 'catalog'.\n" })), {
      kind: 'command-error',
      message: "Cannot find a migration matching '0009' from app 'catalog'.",
    });
  });

  it('falls back to the exception and the last project frame, then to the exit code', () => {
    const stderr = 'Traceback (most recent call last):\n  File "/srv/my site/catalog/models.py", line 7, in <module>\n    class X(models.Model):\nRuntimeError: boom\n';
    assert.deepEqual(classifyFailure(failed({ stderr })), {
      kind: 'python-exception',
      exception: 'RuntimeError: boom',
      location: { file: '/srv/my site/catalog/models.py', line: 7 },
    });
    assert.deepEqual(classifyFailure(failed({ code: 5, stdout: 'partial\nlast words\n' })), { kind: 'exit', code: 5, lastLine: 'last words' });
  });

  it('reads the last traceback when exceptions are chained', () => {
    assert.equal(lastTraceback(MISSING_SETTINGS)?.frames[0].file, '/srv/p/manage.py');
    assert.equal(lastTraceback('no traceback here'), undefined);
  });

  it('turns a file under the project into a module name, Windows paths included', () => {
    assert.equal(moduleOfFile('/srv/p/mysite/settings.py', '/srv/p'), 'mysite.settings');
    assert.equal(moduleOfFile('C:\\Code\\p\\config\\settings\\__init__.py', 'C:\\Code\\p\\'), 'config.settings');
    assert.equal(moduleOfFile('/elsewhere/settings.py', '/srv/p'), undefined);
  });
});

describe('summaries of makemigrations, migrate and check', () => {
  it('lists the files makemigrations created, relative paths made absolute', () => {
    const stdout = "Migrations for 'catalog':\n  catalog/migrations/0002_product_stock.py\n    - Add field stock to product\n    - Alter field name on product\nMigrations for 'shop':\n  /abs/shop/migrations/0007_x.py\n    + Create model Basket\n";
    const result = parseMakemigrations(stdout, '/srv/p');
    assert.deepEqual(result.created, [
      { app: 'catalog', file: path.resolve('/srv/p', 'catalog/migrations/0002_product_stock.py'), operations: ['Add field stock to product', 'Alter field name on product'] },
      { app: 'shop', file: path.resolve('/abs/shop/migrations/0007_x.py'), operations: ['Create model Basket'] },
    ]);
    assert.equal(summarizeMakemigrations(result), 'Created 2 migrations: catalog/0002_product_stock.py, shop/0007_x.py');
    assert.equal(summarizeMakemigrations(result, true), 'Would create 2 migrations: catalog/0002_product_stock.py, shop/0007_x.py');
  });

  it('does not mistake the printed file of a dry run for more migrations', () => {
    const stdout = "Migrations for 'catalog':\n  catalog/migrations/0002_a.py\n    - Add field a to product\nFull migrations file '0002_a.py':\n# Generated by Django\n    operations = [\n    ]\n";
    assert.equal(parseMakemigrations(stdout, '/p').created[0].operations.length, 1);
  });

  it('reports merges and "No changes detected"', () => {
    const merge = parseMakemigrations('Merging catalog\n  Branch 0002_a\n    - Add field a\n\nCreated new merge migration /p/catalog/migrations/0003_merge.py\n', '/p');
    assert.deepEqual(merge.created.map((c) => [c.app, c.file]), [['catalog', path.resolve('/p/catalog/migrations/0003_merge.py')]]);
    for (const line of ['No changes detected', "No changes detected in app 'catalog'", "No changes detected in apps 'a', 'b'"]) {
      const result = parseMakemigrations(`${line}\n`, '/p');
      assert.equal(result.noChanges, true);
      assert.equal(summarizeMakemigrations(result), 'No changes detected');
    }
  });

  it('counts applied and unapplied migrations', () => {
    const stdout = 'Operations to perform:\n  Apply all migrations: catalog\nRunning migrations:\n  Applying catalog.0002_a... OK\n  Applying catalog.0003_b... OK (0.012s)\n  Applying shop.0001_initial... FAKED\n';
    const result = parseMigrate(stdout);
    assert.deepEqual(result.applied, ['catalog.0002_a', 'catalog.0003_b', 'shop.0001_initial']);
    assert.equal(summarizeMigrate(result), 'Applied 3 migrations');
    const back = parseMigrate('Running migrations:\n  Rendering model states... DONE\n  Unapplying catalog.0002_a... OK\n');
    assert.equal(summarizeMigrate(back), 'Unapplied 1 migration');
  });

  it('says when there is nothing to apply and models have unmigrated changes', () => {
    const stdout = "Running migrations:\n  No migrations to apply.\n  Your models in app(s): 'catalog', 'shop' have changes that are not yet reflected in a migration, and so won't be applied.\n";
    const result = parseMigrate(stdout);
    assert.deepEqual(result.unmigratedApps, ['catalog', 'shop']);
    assert.equal(summarizeMigrate(result), 'No migrations to apply; models in catalog, shop have changes without a migration (run Make Migrations)');
  });

  it('reads the system check count', () => {
    assert.deepEqual(parseCheck('System check identified no issues (0 silenced).'), { issues: 0, silenced: 0 });
    assert.equal(summarizeCheck(parseCheck('WARNINGS:\n...\nSystem check identified 7 issues (2 silenced).')), 'System check found 7 issues (2 silenced)');
    assert.equal(summarizeCheck(parseCheck('System check identified 1 issue (0 silenced).')), 'System check found 1 issue');
    assert.equal(summarizeCheck(undefined), 'System check finished');
  });

  it('lists the commands of help --commands', () => {
    assert.deepEqual(parseCommandList('changepassword\ncheck\n\nrunserver\ndrf_create_token\n'), ['changepassword', 'check', 'runserver', 'drf_create_token']);
  });
});

describe('finding a model class', () => {
  const source = 'from django.db import models\n\n\nclass Category(models.Model):\n    name = "class Product"\n\n\nclass Product(models.Model):\n    stock = models.IntegerField()\n';

  it('finds the class Django names in lower case', () => {
    assert.equal(modelClassLine(source, 'product'), 7);
    assert.equal(modelClassLine(source, 'Category'), 3);
  });

  it('ignores strings and missing classes', () => {
    assert.equal(modelClassLine(source, 'basket'), undefined);
    assert.equal(modelClassLine('', 'product'), undefined);
  });
});
