import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { chooseManageFile } from '../../src/core/manage/projects';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');
const SYSTEM_PYTHON = '/usr/bin/python3';

function hasDjango(): boolean {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import django'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('choosing manage.py', () => {
  const root = path.join('/srv', 'site é');
  const found = [path.join(root, 'a', 'manage.py'), path.join(root, 'b', 'deep', 'manage.py')];

  it('picks the manage.py of the folder itself, the only one, or explains', () => {
    assert.equal(chooseManageFile(path.join(root, 'a'), found), path.join(root, 'a', 'manage.py'));
    assert.equal(chooseManageFile(root, found.slice(1)), path.join(root, 'b', 'deep', 'manage.py'));
    assert.throws(() => chooseManageFile(root, found), /several manage\.py files found; pick one with --project:\n {2}a[\\/]manage\.py/);
    assert.throws(() => chooseManageFile(root, []), /no manage\.py found/);
  });
});

describe('django-kit migrations status (real Django)', function () {
  let project: string;
  before(function () {
    if (!hasDjango()) this.skip();
    project = path.join(mkdtempSync(path.join(os.tmpdir(), 'dk cli ')), "projet 'été'");
    cpSync(FIXTURE, project, { recursive: true });
  });
  after(() => project && rmSync(path.dirname(project), { recursive: true, force: true }));

  it('prints the plan as JSON and exits 1 while some are unapplied', async () => {
    const { code, stdout } = await cli(['migrations', 'status', '--project', project, '--python', SYSTEM_PYTHON], os.tmpdir());
    assert.equal(code, 1);
    const plan = JSON.parse(stdout) as { app: string; name: string; applied: boolean }[];
    assert.deepEqual(plan[0], { app: 'contenttypes', name: '0001_initial', applied: false });
    assert.ok(plan.some((m) => m.app === 'catalog' && m.name === '0001_initial'));
    assert.deepEqual(Object.keys(plan[0]), ['app', 'name', 'applied']);
  });

  it('exits 0 once everything is applied', async () => {
    execFileSync(SYSTEM_PYTHON, ['manage.py', 'migrate', '--noinput', '-v', '0'], { cwd: project });
    const { code, stdout } = await cli(['migrations', 'status', '--python', SYSTEM_PYTHON], project);
    assert.equal(code, 0);
    assert.ok((JSON.parse(stdout) as { applied: boolean }[]).every((m) => m.applied));
  });

  it('exits 2 with a clear message when the settings cannot be imported', async () => {
    const settings = path.join(project, 'mysite', 'settings.py');
    const original = readFileSync(settings, 'utf8');
    try {
      writeFileSync(settings, `${original}\nBROKEN = undefined_name\n`);
      const { code, stdout, stderr } = await cli(['migrations', 'status', '--project', project, '--python', SYSTEM_PYTHON], os.tmpdir());
      assert.equal(code, 2);
      assert.equal(stdout, '');
      assert.match(stderr, /The settings module 'mysite\.settings' cannot be imported: NameError: name 'undefined_name' is not defined \(.*settings\.py, line \d+\)/);
    } finally {
      writeFileSync(settings, original);
    }
  });

  it('exits 2 on usage errors and a missing interpreter', async () => {
    assert.equal((await cli(['migrations', 'statsu'], project)).code, 2);
    const missing = await cli(['migrations', 'status', '--python', '/nonexistent/python'], project);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /\/nonexistent\/python was not found/);
  });
});
