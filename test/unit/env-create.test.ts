import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type CreateOptions, createEnvironment } from '../../src/core/python/create';

import { SYSTEM_PYTHON, interpreterWithout } from '../host/environments/python-fixtures';

const hasSystemDjango = (() => {
  try {
    execFileSync(SYSTEM_PYTHON, ['-c', 'import django, rest_framework, venv, ensurepip']);
    return true;
  } catch {
    return false;
  }
})();

/** Processes whose command line mentions `text` (Linux only; elsewhere, none are seen). */
function processesMentioning(text: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmdline.includes(text)) found.push(`${pid}: ${cmdline}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

describe('env: creating real environments', function () {
  this.timeout(90_000);
  let root: string;

  before(function () {
    if (!hasSystemDjango) this.skip();
  });
  beforeEach(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'django-kit env é '));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const options = (venvDir: string, more: Partial<CreateOptions> = {}): CreateOptions => ({
    basePython: SYSTEM_PYTHON,
    venvDir,
    packages: ['django', 'djangorestframework'],
    requirementFiles: [],
    systemSitePackages: true,
    installerArgs: ['--no-index'],
    installer: { kind: 'pip' },
    existing: 'fail',
    ...more,
  });

  it('creates a venv in a folder with spaces, quotes, $() and a leading dash, and reports versions', async () => {
    const dir = path.join(root, `-my "env" $(touch pwned) 'é'`);
    const progress: string[] = [];
    const outcome = await createEnvironment(options(dir, { onProgress: (m) => progress.push(m) }));
    assert.equal(outcome.status, 'created', JSON.stringify(outcome));
    if (outcome.status !== 'created') return;
    assert.equal(outcome.summary.python, path.join(dir, 'bin', 'python'));
    assert.match(outcome.summary.pythonVersion, /^3\.\d+\.\d+$/);
    assert.match(outcome.summary.djangoVersion ?? '', /^\d+\.\d+/);
    assert.deepEqual(Object.keys(outcome.summary.installed), ['django', 'djangorestframework']);
    assert.ok(progress.includes('Creating the environment'));
    assert.ok(progress.some((m) => /django is already installed/.test(m)), progress.join('\n'));
    const imported = execFileSync(outcome.summary.python, ['-c', 'import django, sys; print(sys.prefix)'], { encoding: 'utf8' }).trim();
    assert.equal(imported, dir);
    assert.ok(!existsSync(path.join(root, 'pwned')), 'no shell ever saw the name');
  });

  it('removes the folder it made when a package does not exist', async () => {
    const dir = path.join(root, 'venv');
    const outcome = await createEnvironment(options(dir, { packages: ['django', 'no-such-package-django-kit'] }));
    assert.equal(outcome.status, 'failed');
    if (outcome.status !== 'failed') return;
    assert.equal(outcome.failure.kind, 'package-not-found');
    assert.match(outcome.failure.message, /no-such-package-django-kit/);
    assert.match(outcome.failure.detail ?? '', /No matching distribution/);
    assert.ok(!existsSync(dir));
  });

  it('puts back the environment it was recreating when the new one fails', async () => {
    const dir = path.join(root, '.venv');
    execFileSync(SYSTEM_PYTHON, ['-m', 'venv', '--without-pip', dir]);
    writeFileSync(path.join(dir, 'marker'), 'old');
    const failed = await createEnvironment(options(dir, { existing: 'recreate', packages: ['no-such-package-django-kit'] }));
    assert.equal(failed.status, 'failed');
    assert.equal(readFileSync(path.join(dir, 'marker'), 'utf8'), 'old');
    assert.deepEqual(readdirSync(root), ['.venv'], 'the copy moved aside is gone');

    const refused = await createEnvironment(options(dir));
    assert.equal(refused.status === 'failed' && refused.failure.kind, 'folder-exists');
  });

  it('reuses an existing environment without recreating it', async () => {
    const dir = path.join(root, 'venv');
    execFileSync(SYSTEM_PYTHON, ['-m', 'venv', '--without-pip', '--system-site-packages', dir]);
    writeFileSync(path.join(dir, 'marker'), 'kept');
    const outcome = await createEnvironment(options(dir, { existing: 'reuse', packages: [] }));
    assert.equal(outcome.status, 'created', JSON.stringify(outcome));
    assert.equal(outcome.status === 'created' && outcome.summary.reused, true);
    assert.equal(readFileSync(path.join(dir, 'marker'), 'utf8'), 'kept');
  });

  it('never replaces a folder that is not an environment', async () => {
    const dir = path.join(root, 'venv');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'notes.txt'), 'mine');
    const outcome = await createEnvironment(options(dir, { existing: 'recreate' }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'folder-exists');
    assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'mine');
  });

  it('says the interpreter does not exist, touching nothing', async () => {
    const dir = path.join(root, 'venv');
    const outcome = await createEnvironment(options(dir, { basePython: path.join(root, 'no python here') }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'interpreter-not-found');
    assert.ok(!existsSync(dir));
  });

  it('explains an interpreter without venv, and one without ensurepip (Debian without python3-venv)', async () => {
    const noVenv = interpreterWithout(root, ['venv', 'ensurepip']);
    const outcome = await createEnvironment(options(path.join(root, 'venv'), { basePython: noVenv }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'venv-missing');
    assert.match(outcome.status === 'failed' ? outcome.failure.nextStep : '', /apt install python3-venv/);
    assert.ok(!existsSync(path.join(root, 'venv')));
  });

  it('explains an interpreter that has venv but no ensurepip, as Debian ships it', async () => {
    const noEnsurepip = interpreterWithout(root, ['ensurepip']);
    const outcome = await createEnvironment(options(path.join(root, 'venv'), { basePython: noEnsurepip }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'ensurepip-missing');
    assert.ok(!existsSync(path.join(root, 'venv')));
  });

  it('refuses Python older than 3.8 (a real pyenv 3.7 when this machine has one)', async function () {
    const old = path.join(os.homedir(), '.pyenv', 'versions', '3.7.16', 'bin', 'python');
    if (!existsSync(old)) this.skip();
    const outcome = await createEnvironment(options(path.join(root, 'venv'), { basePython: old }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'python-too-old');
    assert.match(outcome.status === 'failed' ? outcome.failure.message : '', /3\.7\.16/);
  });

  it('never runs the Windows Store alias', async () => {
    const alias = 'C:\\Users\\ana\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe';
    const outcome = await createEnvironment(options('C:\\p\\venv', { basePython: alias, platform: 'win32' }));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'windows-store-alias');
    assert.match(outcome.status === 'failed' ? outcome.failure.nextStep : '', /App execution aliases/);
  });

  it('refuses a folder name venv would refuse, before running anything', async () => {
    const outcome = await createEnvironment(options(path.join(root, 'a:b')));
    assert.equal(outcome.status === 'failed' && outcome.failure.kind, 'bad-folder-name');
  });

  it('on cancel ends the whole process tree and removes the half-made folder', async () => {
    const dir = path.join(root, 'cancelled venv');
    const controller = new AbortController();
    const outcome = await createEnvironment(
      options(dir, {
        signal: controller.signal,
        // Cancel once venv has had time to start ensurepip, its own child process.
        onOutput: (line) => {
          if (line.startsWith('$ ')) setTimeout(() => controller.abort(), 700);
        },
      }),
    );
    assert.equal(outcome.status, 'cancelled');
    assert.ok(!existsSync(dir));
    assert.deepEqual(processesMentioning(dir), []);
  });
});
