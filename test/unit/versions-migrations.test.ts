// Migrations through the kit's own core on every prepared Django (3.2, 4.2, 5.2): the plan, make,
// apply, SQL, roll back, and each failure made to happen for real. Django's own migration executor
// says what the plan should be.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { projectOf } from '../../src/core/manage/command';
import { describeFailure } from '../../src/core/manage/failure';
import { type ManageContext, migrationPlan, runManage } from '../../src/core/manage/run';
import { rollbackTarget } from '../../src/core/manage/showmigrations';
import { parseMakemigrations, parseMigrate } from '../../src/core/manage/summary';
import { runProcess } from '../../src/core/process';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');

/** The full plan in Django's own order, as app.name, with what is applied, from its migration executor. */
async function djangoPlan(python: string, projectDir: string): Promise<string[]> {
  const script = [
    'import django',
    'django.setup()',
    'from django.db import connection',
    'from django.db.migrations.loader import MigrationLoader',
    'loader = MigrationLoader(connection)',
    'seen = set()',
    'for leaf in sorted(loader.graph.leaf_nodes()):',
    '    for key in loader.graph.forwards_plan(leaf):',
    '        if key not in seen:',
    '            seen.add(key)',
    '            print("%s.%s %s" % (key[0], key[1], key in loader.applied_migrations))',
  ].join('\n');
  const result = await runProcess({ command: python, args: ['-c', script], cwd: projectDir, env: { ...process.env, DJANGO_SETTINGS_MODULE: 'mysite.settings' } });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim().split('\n').sort();
}

function ours(plan: readonly { app: string; name: string; applied: boolean }[]): string[] {
  return plan.map((m) => `${m.app}.${m.name} ${m.applied ? 'True' : 'False'}`).sort();
}

for (const { version, python } of availableDjangoPythons()) {
  describe(`migrations on Django ${version} (real Django)`, function () {
    this.timeout(120_000);
    let root: string;
    let context: ManageContext;
    let projectDir: string;
    const models = () => path.join(projectDir, 'catalog', 'models.py');
    const migrations = () => path.join(projectDir, 'catalog', 'migrations');

    before(() => {
      root = mkdtempSync(path.join(os.tmpdir(), `dk versions ${version} `));
      projectDir = path.join(root, 'site é');
      cpSync(FIXTURE, projectDir, { recursive: true });
      rmSync(path.join(projectDir, 'db.sqlite3'), { force: true });
      context = { python, project: projectOf(path.join(projectDir, 'manage.py')) };
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('reads the plan showmigrations gives as Django\'s executor sees it', async () => {
      const plan = await migrationPlan(context);
      assert.ok(plan.some((m) => m.app === 'catalog' && m.name === '0001_initial'));
      assert.deepEqual(ours(plan), await djangoPlan(python, projectDir));
    });

    it('prints the same plan through the CLI, exit 1 while some are unapplied', async () => {
      let stdout = '';
      const code = await main(['migrations', 'status', '--project', projectDir, '--python', python], {
        stdout: (text) => void (stdout += text),
        stderr: () => undefined,
        readStdin: async () => '',
        cwd: os.tmpdir(),
      });
      assert.equal(code, 1);
      assert.deepEqual(ours(JSON.parse(stdout) as { app: string; name: string; applied: boolean }[]), await djangoPlan(python, projectDir));
    });

    it('applies every migration and reports each one', async () => {
      const before = await migrationPlan(context);
      const outcome = await runManage(context, 'migrate');
      assert.equal(outcome.failure, undefined, outcome.stderr);
      assert.deepEqual([...parseMigrate(outcome.stdout).applied].sort(), before.map((m) => `${m.app}.${m.name}`).sort());
      const after = await migrationPlan(context);
      assert.ok(after.every((m) => m.applied));
      assert.deepEqual(ours(after), await djangoPlan(python, projectDir));
    });

    it('makes a migration for a new field and names the file it wrote', async () => {
      writeFileSync(models(), `${readFileSync(models(), 'utf8')}\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=20)\n`);
      const outcome = await runManage(context, 'makemigrations', ['catalog']);
      assert.equal(outcome.failure, undefined, outcome.stderr);
      const made = parseMakemigrations(outcome.stdout, projectDir);
      assert.equal(made.created.length, 1, outcome.stdout);
      assert.equal(made.created[0].app, 'catalog');
      assert.ok(readdirSync(migrations()).includes(path.basename(made.created[0].file)), made.created[0].file);
      assert.ok(made.created[0].operations.some((operation) => /Tag/.test(operation)), made.created[0].operations.join('; '));
      const again = await runManage(context, 'makemigrations', ['catalog']);
      assert.equal(parseMakemigrations(again.stdout, projectDir).noChanges, true, again.stdout);
    });

    it('shows the SQL of the new migration', async () => {
      const name = newest(readdirSync(migrations()));
      const outcome = await runManage(context, 'sqlmigrate', ['catalog', name]);
      assert.equal(outcome.failure, undefined, outcome.stderr);
      assert.match(outcome.stdout, /CREATE TABLE "catalog_tag"/);
    });

    it('applies it, then rolls it back to the migration before', async () => {
      assert.equal((await runManage(context, 'migrate')).failure, undefined);
      const name = newest(readdirSync(migrations()));
      const target = rollbackTarget(await migrationPlan(context), 'catalog', name);
      assert.equal(target, '0001_initial');
      const outcome = await runManage(context, 'migrate', ['catalog', target]);
      assert.equal(outcome.failure, undefined, outcome.stderr);
      assert.deepEqual(parseMigrate(outcome.stdout).unapplied, [`catalog.${name}`]);
      const plan = await migrationPlan(context);
      assert.equal(plan.find((m) => m.app === 'catalog' && m.name === name)?.applied, false);
      assert.deepEqual(ours(plan), await djangoPlan(python, projectDir));
    });

    it('names conflicting migrations', async () => {
      const name = newest(readdirSync(migrations()));
      const twin = path.join(migrations(), '0002_twin.py');
      writeFileSync(twin, readFileSync(path.join(migrations(), `${name}.py`), 'utf8').replace(/"Tag"|'Tag'/g, "'TwinTag'"));
      try {
        const outcome = await runManage(context, 'migrate');
        assert.equal(outcome.failure?.kind, 'conflicting-migrations', `${describeFailure(outcome.failure ?? { kind: 'exit', code: outcome.code })}\n${outcome.stderr}`);
        assert.deepEqual(outcome.failure.kind === 'conflicting-migrations' && outcome.failure.apps, ['catalog']);
      } finally {
        rmSync(twin);
      }
    });

    it('names an app that is not installed, to migrate and to makemigrations', async () => {
      for (const command of ['migrate', 'makemigrations']) {
        const outcome = await runManage(context, command, ['nope']);
        assert.deepEqual(outcome.failure, { kind: 'unknown-app', app: 'nope' }, `${command}: ${outcome.stderr}`);
      }
    });

    it('says the database cannot be reached', async () => {
      const settings = path.join(projectDir, 'mysite', 'unreachable.py');
      writeFileSync(settings, "from .settings import *\n\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': '/nonexistent/folder/db.sqlite3'}}\n");
      const outcome = await runManage(context, 'migrate', ['--settings', 'mysite.unreachable']);
      assert.equal(outcome.failure?.kind, 'database-unreachable', outcome.stderr);
    });

    it('points at the line of a syntax error in models.py', async () => {
      const original = readFileSync(models(), 'utf8');
      writeFileSync(models(), `${original}\n\nclass Broken(models.Model)\n    pass\n`);
      try {
        const outcome = await runManage(context, 'makemigrations');
        const failure = outcome.failure;
        assert.equal(failure?.kind, 'python-exception', outcome.stderr);
        assert.match(failure.kind === 'python-exception' ? failure.exception : '', /^SyntaxError/);
        assert.deepEqual(failure.kind === 'python-exception' && failure.location, { file: models(), line: original.split('\n').length + 2 });
      } finally {
        writeFileSync(models(), original);
      }
    });
  });
}

/** The newest migration's name (without .py) among a migrations folder's files. */
function newest(files: readonly string[]): string {
  return files.filter((file) => /^\d{4}_.*\.py$/.test(file)).sort().at(-1)?.replace(/\.py$/, '') ?? '';
}
