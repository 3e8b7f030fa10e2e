import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vscode = require('vscode');
import { SYSTEM_PYTHON, interpreterWithout } from './python-fixtures';
import { activateExtension, waitFor, workspaceRoot } from '../util';

// The command's result, as far as these tests read it (see CreateCommandResult).
interface Result {
  status: string;
  actions?: string[];
  message?: string;
  summary?: { python: string; venv: string; pythonVersion: string; djangoVersion: string | null; installed: Record<string, string | null> };
  failure?: { kind: string; message: string; nextStep: string; detail?: string };
  selectedVia?: string;
}

function create(options: Record<string, unknown>): Thenable<Result> {
  // --no-index: Debian's Django and DRF satisfy pip, and nothing reaches PyPI.
  return vscode.commands.executeCommand<Result>('djangoKit.env.create', { python: SYSTEM_PYTHON, systemSitePackages: true, installerArgs: ['--no-index'], ...options });
}

function projectPythonSetting(): string | undefined {
  return vscode.workspace.getConfiguration('djangoKit', workspaceRoot()).get<string>('environment.projectPython');
}

describe('Django: Create Environment (real processes)', function () {
  this.timeout(180_000);
  let scratch: string;

  before(async () => {
    await activateExtension();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'django-kit host env '));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('runs in a workspace whose path has a space and non-ASCII characters', () => {
    assert.ok(vscode.workspace.isTrusted);
    assert.match(workspaceRoot().fsPath, / /);
  });

  it('explains an interpreter that does not exist, and creates nothing', async () => {
    const result = await create({ python: path.join(scratch, 'no such python'), name: 'venv-missing-python' });
    assert.equal(result.status, 'failed');
    assert.equal(result.failure?.kind, 'interpreter-not-found');
    assert.match(result.failure?.message ?? '', /no such python/);
    assert.ok(!existsSync(path.join(workspaceRoot().fsPath, 'venv-missing-python')));
  });

  it('explains an interpreter that lacks venv, suggesting python3-venv', async () => {
    const python = interpreterWithout(scratch, ['venv', 'ensurepip']);
    const result = await create({ python, name: 'venv-no-venv' });
    assert.equal(result.failure?.kind, 'venv-missing');
    assert.match(result.failure?.nextStep ?? '', /apt install python3-venv/);
    assert.ok(!existsSync(path.join(workspaceRoot().fsPath, 'venv-no-venv')));
  });

  it('explains a package that does not exist and removes the folder it made', async () => {
    const result = await create({ name: 'venv-bad-package', packages: ['django', 'django-kit-no-such-package'] });
    assert.equal(result.status, 'failed');
    assert.equal(result.failure?.kind, 'package-not-found');
    assert.match(result.failure?.message ?? '', /django-kit-no-such-package/);
    assert.match(result.failure?.detail ?? '', /No matching distribution/);
    assert.ok(!readdirSync(workspaceRoot().fsPath).some((name) => name.startsWith('venv-bad-package')));
  });

  it('fails fast without a package index and offers the retry that works offline, which then succeeds', async () => {
    const root = workspaceRoot().fsPath;
    // Nothing answers on port 9, and --isolated keeps the machine's own pip configuration (a local mirror) out.
    const offline = ['--isolated', '--index-url', 'http://127.0.0.1:9/simple'];
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await create({ name: 'venv-offline', systemSitePackages: false, installerArgs: offline, simpleJwt: true });
    assert.equal(result.status, 'failed');
    assert.equal(result.failure?.kind, 'index-unreachable');
    assert.equal(result.failure?.message, 'pip could not reach its package index.');
    assert.deepEqual(result.actions, ['Retry with system site packages', 'Show Log']);
    assert.ok(!existsSync(path.join(root, 'venv-offline')), 'the failed attempt left nothing behind');
    // The user presses the notification's first button.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor('the retried environment to be selected', () => projectPythonSetting() === '${workspaceFolder}/venv-offline/bin/python', 120_000);
    const config = readFileSync(path.join(root, 'venv-offline', 'pyvenv.cfg'), 'utf8');
    assert.match(config, /include-system-site-packages = true/);
    const python = path.join(root, 'venv-offline', 'bin', 'python');
    execFileSync(python, ['-c', 'import django, rest_framework, rest_framework_simplejwt']);
  });

  it('offers no retry when the base interpreter lacks a package', async () => {
    const offline = ['--isolated', '--index-url', 'http://127.0.0.1:9/simple'];
    const result = await create({ name: 'venv-offline-2', systemSitePackages: false, installerArgs: offline, packages: ['django', 'django-kit-no-such-package'] });
    assert.equal(result.failure?.kind, 'index-unreachable');
    assert.deepEqual(result.actions, ['Show Log']);
  });

  it('refuses a folder name that venv would refuse, or a path, before running anything', async () => {
    for (const name of ['a:b', 'nested/venv', '..']) {
      const result = await create({ name });
      assert.equal(result.failure?.kind, 'bad-folder-name', name);
    }
    assert.ok(!existsSync(path.join(workspaceRoot().fsPath, 'nested')));
  });

  it('creates venv with Django and DRF, whose Python imports Django, and selects it', async () => {
    const root = workspaceRoot().fsPath;
    const result = await create({ name: 'venv' });
    assert.equal(result.status, 'created', JSON.stringify(result.failure));
    const python = path.join(root, 'venv', 'bin', 'python');
    assert.equal(result.summary?.python, python);
    assert.match(result.summary?.djangoVersion ?? '', /^\d+\.\d+/);
    assert.deepEqual(Object.keys(result.summary?.installed ?? {}), ['django', 'djangorestframework']);
    const prefix = execFileSync(python, ['-c', 'import django, rest_framework, sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    assert.equal(prefix, path.join(root, 'venv'));
    // No Python extension in this host, so the choice is recorded in Django Kit's own setting.
    assert.equal(result.selectedVia, 'djangoKit.environment.projectPython');
    // Relative to the folder, so a committed .vscode/settings.json works on every clone…
    assert.equal(projectPythonSetting(), '${workspaceFolder}/venv/bin/python');
    const written = JSON.parse(readFileSync(path.join(root, '.vscode', 'settings.json'), 'utf8')) as Record<string, unknown>;
    assert.equal(written['djangoKit.environment.projectPython'], '${workspaceFolder}/venv/bin/python');
    // …and resolved when read: manage.py runs with the new environment.
    const [project] = await vscode.commands.executeCommand<{ error?: string }[]>('djangoKit.migrations.refresh');
    assert.equal(project.error, undefined);
  });

  it('names every installed package in the ready message, Simple JWT included', async () => {
    const result = await create({ name: 'venv-jwt', simpleJwt: true });
    assert.equal(result.status, 'created', JSON.stringify(result.failure));
    assert.ok(result.summary);
    const { pythonVersion, installed } = result.summary;
    assert.equal(
      result.message,
      `Environment ready: Python ${pythonVersion}, Django ${installed.django}, DRF ${installed.djangorestframework}, Simple JWT ${installed['djangorestframework-simplejwt']}`,
    );
    assert.match(result.message ?? '', /Simple JWT \d/);
  });

  it('creates an environment in a folder named with spaces, quotes and $()', async () => {
    const name = `my "env" $(touch pwned) 'é'`;
    const result = await create({ name, packages: [] });
    assert.equal(result.status, 'created', JSON.stringify(result.failure));
    assert.equal(result.summary?.venv, path.join(workspaceRoot().fsPath, name));
    assert.ok(!existsSync(path.join(workspaceRoot().fsPath, 'pwned')));
    assert.equal(projectPythonSetting(), `\${workspaceFolder}/${name}/bin/python`);
  });

  it('refuses to overwrite an existing environment unless told to reuse it', async () => {
    const refused = await create({ name: 'venv', packages: [] });
    assert.equal(refused.failure?.kind, 'folder-exists');
    const reused = await create({ name: 'venv', packages: ['django'], existing: 'reuse' });
    assert.equal(reused.status, 'created', JSON.stringify(reused.failure));
  });

  it('keeps an interpreter outside the workspace as an absolute path', async () => {
    const target = await vscode.commands.executeCommand<string>('djangoKit.env.select', { python: SYSTEM_PYTHON });
    assert.equal(target, 'djangoKit.environment.projectPython');
    assert.equal(projectPythonSetting(), SYSTEM_PYTHON);
  });

  it('selects an environment given to Django: Select Environment', async () => {
    const python = path.join(workspaceRoot().fsPath, 'venv', 'bin', 'python');
    const target = await vscode.commands.executeCommand<string>('djangoKit.env.select', { python });
    assert.equal(target, 'djangoKit.environment.projectPython');
    assert.equal(projectPythonSetting(), '${workspaceFolder}/venv/bin/python');
  });
});

describe('Django: Start a Django Project Here (real processes)', function () {
  this.timeout(120_000);

  it('leaves an existing project alone', async () => {
    const manage = path.join(workspaceRoot().fsPath, 'manage.py');
    const before = readFileSync(manage, 'utf8');
    await vscode.commands.executeCommand('djangoKit.env.startProject', { name: 'othersite', folder: workspaceRoot().fsPath });
    assert.equal(readFileSync(manage, 'utf8'), before);
    assert.ok(!existsSync(path.join(workspaceRoot().fsPath, 'othersite')));
  });

  it('runs startproject and startapp with the selected environment', async () => {
    const root = workspaceRoot().fsPath;
    // Make the folder look like one without a project; the environment made above stays selected.
    renameSync(path.join(root, 'manage.py'), path.join(root, 'manage.py.orig'));
    try {
      await vscode.commands.executeCommand('djangoKit.env.startProject', { name: 'newsite', app: 'shop', folder: root });
      assert.ok(existsSync(path.join(root, 'manage.py')), 'manage.py was created');
      assert.ok(existsSync(path.join(root, 'newsite', 'settings.py')));
      assert.ok(existsSync(path.join(root, 'shop', 'apps.py')));
    } finally {
      rmSync(path.join(root, 'manage.py'), { force: true });
      renameSync(path.join(root, 'manage.py.orig'), path.join(root, 'manage.py'));
    }
  });
});
