import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { offlineRetryPlan, planFromOptions, readyMessage } from '../../src/core/python/createRequest';
import { type Failure } from '../../src/core/python/failures';
import { packagesUsedBy } from '../../src/core/python/projectPackages';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');

describe('env: packages a project already uses', () => {
  it('finds Simple JWT in settings strings and imports, and nothing from relative imports', () => {
    const settings = `INSTALLED_APPS = ["django.contrib.admin", "rest_framework", "rest_framework_simplejwt.token_blacklist"]\n`;
    assert.deepEqual([...packagesUsedBy([settings])].sort(), ['django', 'djangorestframework', 'djangorestframework-simplejwt']);
    assert.deepEqual([...packagesUsedBy(['from rest_framework_simplejwt.views import TokenObtainPairView\n'])], ['djangorestframework-simplejwt']);
    assert.deepEqual([...packagesUsedBy(['import os, rest_framework_simplejwt as jwt\n'])], ['djangorestframework-simplejwt']);
    assert.deepEqual([...packagesUsedBy(['from .rest_framework_simplejwt import x\nfrom django_filters import y\n'])], []);
  });

  it('ignores strings that are not dotted paths, and still reads a file with a syntax error', () => {
    assert.deepEqual([...packagesUsedBy(['TITLE = "django rest_framework"\n'])], []);
    assert.deepEqual([...packagesUsedBy(['def broken(:\n    pass\nimport rest_framework_simplejwt\n'])], ['djangorestframework-simplejwt']);
  });

  it('sees what the fixture project uses', () => {
    const settings = readFileSync(path.join(FIXTURE, 'mysite', 'settings.py'), 'utf8');
    const used = packagesUsedBy([settings]);
    assert.deepEqual([...used].sort(), ['django', 'djangorestframework', 'djangorestframework-simplejwt']);
  });
});

describe('env: the ready message and the offline retry', () => {
  it('names every installed package, Django and DRF first, and none twice', () => {
    assert.equal(
      readyMessage({
        pythonVersion: '3.11.2',
        djangoVersion: '3.2.25',
        drfVersion: '3.14.0',
        installed: { Django: '3.2.25', djangorestframework: '3.14.0', 'djangorestframework-simplejwt': '5.2.2', whitenoise: '6.9.0', missing: null },
      }),
      'Environment ready: Python 3.11.2, Django 3.2.25, DRF 3.14.0, Simple JWT 5.2.2, whitenoise 6.9.0',
    );
  });

  const plan = planFromOptions({ installerArgs: ['--index-url', 'http://127.0.0.1:9/simple'] }, { root: '/p', platform: 'posix' });
  if ('failure' in plan) throw new Error('the plan is valid');
  const unreachable: Failure = { kind: 'index-unreachable', message: 'pip could not reach its package index.', nextStep: '' };
  const wanted = ['django', 'djangorestframework'];

  it('retries with system site packages and no index when the base interpreter has every package', () => {
    const retry = offlineRetryPlan(plan, unreachable, wanted, { django: '3.2.25', djangorestframework: '3.14.0' });
    assert.deepEqual(retry, { ...plan, systemSitePackages: true, installerArgs: ['--index-url', 'http://127.0.0.1:9/simple', '--no-index'] });
  });

  it('offers no retry when it cannot help', () => {
    assert.equal(offlineRetryPlan(plan, unreachable, wanted, { django: '3.2.25', djangorestframework: null }), undefined);
    assert.equal(offlineRetryPlan(plan, { ...unreachable, kind: 'package-not-found' }, wanted, { django: '1', djangorestframework: '1' }), undefined);
    assert.equal(offlineRetryPlan({ ...plan, systemSitePackages: true }, unreachable, wanted, { django: '1', djangorestframework: '1' }), undefined);
    assert.equal(offlineRetryPlan({ ...plan, pyproject: true }, unreachable, wanted, { django: '1', djangorestframework: '1' }), undefined);
  });
});
