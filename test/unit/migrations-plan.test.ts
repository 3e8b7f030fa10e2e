import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectOf } from '../../src/core/manage/command';
import { migrationPlan } from '../../src/core/manage/run';
import { parseMigrationPlan } from '../../src/core/manage/showmigrations';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');

function copyFixture(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dk plan '));
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

/** What Django's own showmigrations answers, run the plain way (which creates the database). */
function djangoPlan(python: string, dir: string): ReturnType<typeof parseMigrationPlan> {
  const stdout = execFileSync(python, ['manage.py', 'showmigrations', '--plan'], { cwd: dir, encoding: 'utf8' });
  return parseMigrationPlan(stdout);
}

describe('listing the migration plan without creating the database', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  for (const { version, python } of availableDjangoPythons()) {
    it(`Django ${version}: gives showmigrations' own plan and leaves no db.sqlite3 behind`, async () => {
      const ours = copyFixture();
      const theirs = copyFixture();
      dirs.push(ours, theirs);
      const plan = await migrationPlan({ python, project: projectOf(path.join(ours, 'manage.py')) });
      assert.equal(existsSync(path.join(ours, 'db.sqlite3')), false, 'listing created no database');
      const expected = djangoPlan(python, theirs);
      assert.ok(existsSync(path.join(theirs, 'db.sqlite3')), 'the plain showmigrations does create it');
      assert.ok(expected.length > 5);
      assert.deepEqual(plan, expected);
    });

    it(`Django ${version}: asks Django itself once the database exists, applied ones marked`, async () => {
      const dir = copyFixture();
      dirs.push(dir);
      execFileSync(python, ['manage.py', 'migrate', 'contenttypes', '--noinput'], { cwd: dir });
      const plan = await migrationPlan({ python, project: projectOf(path.join(dir, 'manage.py')) });
      assert.deepEqual(plan, djangoPlan(python, dir));
      assert.ok(plan.some((m) => m.app === 'contenttypes' && m.applied));
      assert.ok(plan.some((m) => m.app === 'catalog' && !m.applied));
    });
  }
});
