import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { hostDjangoPython } from '../../python/djangoVersions';
import { activateExtension, waitFor, workspaceRoot } from '../util';

// The Django the runner chose (DJANGO_KIT_DJANGO; the machine's 3.2 by default), with DRF and SimpleJWT;
// the fixture copy has no venv.
const PYTHON = hostDjangoPython().python;

interface Report {
  ok: boolean;
  summary: string;
  failure?: { kind: string; module?: string; field?: string };
  files?: string[];
  applied?: string[];
  unapplied?: string[];
  changesPending?: boolean;
}

interface ProjectMigrations {
  manageFile: string;
  apps: { app: string; migrations: { app: string; name: string; applied: boolean }[] }[];
  error?: string;
}

function file(...parts: string[]): string {
  return path.join(workspaceRoot().fsPath, ...parts);
}

async function run(command: string, ...args: unknown[]): Promise<Report> {
  const report = await vscode.commands.executeCommand<Report | undefined>(command, ...args);
  assert.ok(report, `${command} returned a report`);
  return report;
}

async function catalogMigrations(): Promise<{ name: string; applied: boolean }[]> {
  const projects = await vscode.commands.executeCommand<ProjectMigrations[]>('djangoKit.migrations.refresh');
  assert.equal(projects.length, 1, 'one manage.py in the fixture');
  assert.equal(projects[0].error, undefined, `the plan loads: ${projects[0].error ?? ''}`);
  return projects[0].apps.find((a) => a.app === 'catalog')?.migrations ?? [];
}

/** Replaces a file for one test and puts it back afterwards, whatever happens. */
async function withFile(target: string, change: (text: string) => string, body: () => Promise<void>): Promise<void> {
  const original = readFileSync(target, 'utf8');
  writeFileSync(target, change(original));
  try {
    await body();
  } finally {
    writeFileSync(target, original);
  }
}

const addField = (line: string) => (models: string) => models.replace('    sku = models.CharField', `    ${line}\n    sku = models.CharField`);

describe('Migrations', () => {
  const project = () => file('manage.py');

  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', PYTHON, vscode.ConfigurationTarget.Workspace);
  });

  it('lists the plan with nothing applied on a fresh database, then applies everything', async () => {
    const before = await catalogMigrations();
    assert.deepEqual(before, [{ app: 'catalog', name: '0001_initial', applied: false }]);
    const report = await run('djangoKit.migrations.migrate', { project: project() });
    assert.ok(report.ok, report.summary);
    assert.match(report.summary, /^Applied \d+ migrations$/);
    assert.ok(report.applied?.includes('catalog.0001_initial'));
    assert.equal((await catalogMigrations())[0].applied, true);
  });

  it('makes, applies and rolls back a migration for a new field', async () => {
    await withFile(file('catalog', 'models.py'), addField('stock = models.IntegerField(default=0)'), async () => {
      const created = file('catalog', 'migrations', '0002_product_stock.py');
      const checked = await run('djangoKit.migrations.make', { project: project(), check: true });
      assert.equal(checked.changesPending, true, checked.summary);
      const preview = await run('djangoKit.migrations.make', { project: project(), dryRun: true });
      assert.deepEqual(preview.files, [created]);
      assert.ok(!existsSync(created), 'neither --check nor the dry run wrote the file');

      const made = await run('djangoKit.migrations.make', { project: workspaceRoot().fsPath });
      assert.ok(made.ok, made.summary);
      assert.deepEqual(made.files, [created]);
      assert.equal(made.summary, 'Created 1 migration: catalog/0002_product_stock.py');
      assert.ok(existsSync(created));

      assert.deepEqual((await catalogMigrations()).map((m) => [m.name, m.applied]), [
        ['0001_initial', true],
        ['0002_product_stock', false],
      ]);

      const applied = await run('djangoKit.migrations.migrateTo', { manageFile: project(), app: 'catalog', name: '0002_product_stock' });
      assert.equal(applied.summary, 'Applied 1 migration');
      assert.equal((await catalogMigrations())[1].applied, true);

      const rolledBack = await run('djangoKit.migrations.rollback', { manageFile: project(), app: 'catalog', name: '0002_product_stock' });
      assert.equal(rolledBack.summary, 'Unapplied 1 migration');
      assert.deepEqual(rolledBack.unapplied, ['catalog.0002_product_stock']);
      assert.equal((await catalogMigrations())[1].applied, false);

      const again = await run('djangoKit.migrations.make', { project: project() });
      assert.equal(again.summary, 'No changes detected');
    });
  });

  it('refreshes the view by itself when a migration file appears', async () => {
    const extra = file('catalog', 'migrations', '0003_noop.py');
    const source = "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [('catalog', '0002_product_stock')]\n    operations = []\n";
    writeFileSync(extra, source);
    await waitFor('the watcher to bring the new migration into the view', async () => {
      const shown = await vscode.commands.executeCommand<ProjectMigrations[]>('djangoKit.migrations.refresh', { reload: false });
      return shown[0].apps.find((a) => a.app === 'catalog')?.migrations.some((m) => m.name === '0003_noop' && !m.applied);
    });
  });

  it('names conflicting migrations and merges them on request', async () => {
    const source = "from django.db import migrations\n\n\nclass Migration(migrations.Migration):\n    dependencies = [('catalog', '0002_product_stock')]\n    operations = []\n";
    writeFileSync(file('catalog', 'migrations', '0003_other.py'), source);
    const report = await run('djangoKit.migrations.migrate', { project: project() });
    assert.equal(report.failure?.kind, 'conflicting-migrations');
    assert.match(report.summary, /^Conflicting migrations: 0003_noop, 0003_other in catalog\. Merge them/);
    const merged = await run('djangoKit.migrations.make', { project: project(), merge: true });
    assert.ok(merged.ok, merged.summary);
    assert.deepEqual(merged.files, [file('catalog', 'migrations', '0004_merge_0003_noop_0003_other.py')]);
    assert.ok((await catalogMigrations()).some((m) => m.name === '0004_merge_0003_noop_0003_other'));
  });

  it('shows the SQL of a migration in an SQL editor', async () => {
    const report = await run('djangoKit.migrations.showSql', { manageFile: project(), app: 'catalog', name: '0001_initial' });
    assert.ok(report.ok, report.summary);
    const editor = await waitFor('an SQL editor', () => vscode.window.activeTextEditor?.document.languageId === 'sql' && vscode.window.activeTextEditor);
    assert.match(editor.document.getText(), /CREATE TABLE "catalog_product"/);
  });

  it('opens the file of a migration from its app and name', async () => {
    await vscode.commands.executeCommand('djangoKit.migrations.openFile', { manageFile: project(), app: 'catalog', name: '0001_initial' });
    const expected = file('catalog', 'migrations', '0001_initial.py');
    await waitFor('the migration file in the editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === expected);
  });

  it('explains exit code 3 when a non-nullable field has no default', async () => {
    await withFile(file('catalog', 'models.py'), addField('weight = models.IntegerField()'), async () => {
      const report = await run('djangoKit.migrations.make', { project: project() });
      assert.equal(report.ok, false);
      assert.equal(report.failure?.kind, 'needs-default');
      assert.match(report.summary, /needs a default for the non-nullable field/);
      assert.ok(!existsSync(file('catalog', 'migrations', '0004_product_weight.py')), 'nothing was written');
    });
  });

  it('names the settings module and its exception when the settings cannot be imported', async () => {
    await withFile(file('mysite', 'settings.py'), (s) => `${s}\nimport not_a_module_for_django_kit\n`, async () => {
      const report = await run('djangoKit.migrations.make', { project: project() });
      assert.equal(report.ok, false);
      assert.equal(report.failure?.kind, 'settings-import');
      assert.match(report.summary, /The settings module 'mysite\.settings' cannot be imported: ModuleNotFoundError: No module named 'not_a_module_for_django_kit'/);
      const projects = await vscode.commands.executeCommand<ProjectMigrations[]>('djangoKit.migrations.refresh');
      assert.match(projects[0].error ?? '', /settings module 'mysite\.settings' cannot be imported/);
    });
  });

  it('runs the system check', async () => {
    const report = await run('djangoKit.manage.check', { project: project() });
    assert.equal(report.summary, 'System check found no issues');
    const deploy = await run('djangoKit.manage.check', { project: project(), deploy: true });
    assert.match(deploy.summary, /^System check found \d+ issues$/);
  });

  it('runs any manage.py command with arguments that contain spaces', async () => {
    const output = file('dump with space é.json');
    const report = await run('djangoKit.manage.run', { project: project(), command: 'dumpdata', args: ['catalog', '--output', output] });
    assert.ok(report.ok, report.summary);
    assert.deepEqual(JSON.parse(readFileSync(output, 'utf8')), []);
  });

  it('provides django tasks that run manage.py with the project interpreter', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'django' });
    const migrate = tasks.find((t) => t.definition.command === 'migrate');
    assert.ok(migrate, `a migrate task among ${tasks.map((t) => t.name).join(', ')}`);
    const execution = migrate.execution as vscode.ProcessExecution;
    assert.equal(execution.process, PYTHON);
    assert.deepEqual(execution.args, [project(), 'migrate', '--noinput']);
  });
});
