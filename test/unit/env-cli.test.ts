import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { type CliIO } from '../../src/cli/command';
import { createOptionsFromArgs } from '../../src/cli/env';
import { SYSTEM_PYTHON } from '../host/environments/python-fixtures';

function capture(cwd: string): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => void (io.out += text),
    stderr: (text: string) => void (io.err += text),
    readStdin: async () => '',
    cwd,
  };
  return io;
}

describe('env: django-kit env create arguments', () => {
  it('defaults to ./venv with the Django + DRF preset and refuses an existing folder', () => {
    const options = createOptionsFromArgs(['--python', '/usr/bin/python3'], '/work/my site');
    assert.equal(options.venvDir, '/work/my site/venv');
    assert.deepEqual(options.packages, ['django', 'djangorestframework']);
    assert.equal(options.existing, 'fail');
    assert.deepEqual(options.installer, { kind: 'pip' });
    assert.equal(options.systemSitePackages, false);
  });

  it('reads packages, requirement files, index options, uv and what to do with an existing folder', () => {
    const options = createOptionsFromArgs(
      ['--python', 'py', '--packages', 'django, whitenoise ,', '--requirements', 'req/base.txt', '--requirements', '/abs/dev.txt', '--system-site-packages', '--no-index', '--find-links', 'wheels', '--uv', '/bin/uv', '--recreate', '--', '-venv'],
      '/p',
    );
    assert.equal(options.venvDir, '/p/-venv');
    assert.deepEqual(options.packages, ['django', 'whitenoise']);
    assert.deepEqual(options.requirementFiles, ['/p/req/base.txt', '/abs/dev.txt']);
    assert.deepEqual(options.installerArgs, ['--no-index', '--find-links', '/p/wheels']);
    assert.deepEqual(options.installer, { kind: 'uv', uv: '/bin/uv' });
    assert.equal(options.existing, 'recreate');
    assert.deepEqual(createOptionsFromArgs(['--python', 'py', '--simplejwt'], '/p').packages, ['django', 'djangorestframework', 'djangorestframework-simplejwt']);
    assert.deepEqual(createOptionsFromArgs(['--python', 'py', '--packages', ''], '/p').packages, []);
  });

  it('exits 2 with the usage on bad arguments', async () => {
    for (const args of [['env'], ['env', 'destroy'], ['env', 'create'], ['env', 'create', 'a', 'b', '--python', 'p'], ['env', 'create', '--python', 'p', '--reuse', '--recreate'], ['env', 'create', '--pyton', 'p']]) {
      const io = capture('/tmp');
      assert.equal(await main(args, io), 2, args.join(' '));
      assert.match(io.err, /Usage:/, args.join(' '));
    }
  });

  describe('with real processes', function () {
    this.timeout(90_000);
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'django-kit cli é '));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('prints the JSON summary and exits 0', async function () {
      if (!existsSync(SYSTEM_PYTHON)) this.skip();
      writeFileSync(path.join(root, 'requirements.txt'), 'djangorestframework\n');
      const io = capture(root);
      const code = await main(['env', 'create', 'my env', '--python', SYSTEM_PYTHON, '--system-site-packages', '--no-index', '--packages', 'django', '--requirements', 'requirements.txt'], io);
      assert.equal(code, 0, io.err);
      const summary = JSON.parse(io.out) as Record<string, unknown>;
      assert.deepEqual(Object.keys(summary), ['python', 'venv', 'pythonVersion', 'djangoVersion', 'installed']);
      assert.equal(summary.venv, path.join(root, 'my env'));
      assert.equal(summary.python, path.join(root, 'my env', 'bin', 'python'));
      assert.deepEqual(Object.keys(summary.installed as object), ['django', 'djangorestframework']);
      assert.match(io.err, /Creating the environment/);
    });

    it('lists the interpreters it finds, with their versions', async function () {
      if (!existsSync(SYSTEM_PYTHON)) this.skip();
      const io = capture(root);
      assert.equal(await main(['env', 'interpreters'], io), 0);
      const rows = JSON.parse(io.out) as { path: string; source: string; version: string | null }[];
      assert.ok(rows.length > 0);
      assert.ok(rows.some((row) => row.source === 'path' && /^3\.\d+\.\d+$/.test(row.version ?? '')), io.out);
    });

    it('exits 1 with the reason and the next step when it fails, leaving nothing', async () => {
      const io = capture(root);
      const code = await main(['env', 'create', '--python', path.join(root, 'nope')], io);
      assert.equal(code, 1);
      assert.match(io.err, /error: The interpreter .*nope was not found\.\nPick an installed Python/);
      assert.equal(io.out, '');
      assert.ok(!existsSync(path.join(root, 'venv')));
    });
  });
});
