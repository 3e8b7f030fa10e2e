// Environment creation on every prepared Django: no PyPI here, so the new environment reuses the
// Django, DRF and SimpleJWT that are already there, as `--system-site-packages` does for the
// machine's Django 3.2, and pip (offline) finds them satisfied.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../../src/core/process';
import { type CreateOptions, createEnvironment } from '../../src/core/python/create';
import { availableDjangoPythons } from '../python/djangoVersions';

const SYSTEM_PYTHON = '/usr/bin/python3';

async function pythonOutput(python: string, code: string): Promise<string> {
  const result = await runProcess({ command: python, args: ['-c', code] });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

/**
 * A venv made by the same interpreter as the version's own, whose site-packages holds the same
 * path file pointing at that version's unpacked packages: the offline stand-in for a system Django.
 */
async function venvSeeingVersion(python: string, dir: string): Promise<void> {
  const made = await runProcess({ command: python, args: ['-m', 'venv', dir] });
  assert.equal(made.code, 0, made.stderr);
  const purelib = 'import sysconfig; print(sysconfig.get_paths()["purelib"])';
  const from = path.join(await pythonOutput(python, purelib), 'debian-django.pth');
  writeFileSync(path.join(await pythonOutput(path.join(dir, 'bin', 'python'), purelib), 'debian-django.pth'), readFileSync(from));
}

for (const { version, python } of availableDjangoPythons()) {
  describe(`env: creating an environment on Django ${version} (real Python)`, function () {
    this.timeout(120_000);
    let root: string;
    before(() => {
      root = mkdtempSync(path.join(os.tmpdir(), `dk env ${version} é `));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('installs Django and DRF from what is there, and reports their versions and SimpleJWT\'s', async () => {
      const dir = path.join(root, 'venv');
      const options: CreateOptions = {
        basePython: python,
        venvDir: dir,
        // SimpleJWT is reported, not installed: Debian trixie's 5.5.0 declares PyJWT<2.10 beside its
        // own PyJWT 2.10, which pip rightly refuses (and the kit names that requirement).
        packages: ['django', 'djangorestframework'],
        report: ['django', 'djangorestframework', 'djangorestframework-simplejwt'],
        requirementFiles: [],
        systemSitePackages: python === SYSTEM_PYTHON,
        installerArgs: ['--no-index'],
        installer: { kind: 'pip' },
        existing: 'fail',
      };
      if (python !== SYSTEM_PYTHON) await venvSeeingVersion(python, dir);
      const outcome = await createEnvironment({ ...options, existing: python === SYSTEM_PYTHON ? 'fail' : 'reuse' });
      assert.equal(outcome.status, 'created', JSON.stringify(outcome));
      if (outcome.status !== 'created') return;
      const own = JSON.parse(
        await pythonOutput(
          outcome.summary.python,
          'import json, sys, django, rest_framework; from importlib.metadata import version; print(json.dumps([sys.prefix, django.get_version(), rest_framework.VERSION, version("djangorestframework-simplejwt")]))',
        ),
      ) as string[];
      assert.equal(own[0], dir);
      assert.ok(own[1].startsWith(`${version}.`), own[1]);
      assert.equal(outcome.summary.djangoVersion, own[1]);
      assert.equal(outcome.summary.drfVersion, own[2]);
      assert.deepEqual(outcome.summary.installed, { django: own[1], djangorestframework: own[2], 'djangorestframework-simplejwt': own[3] });
    });
  });
}
