import assert from 'node:assert/strict';
import path from 'node:path';
import { identifierProblem } from '../../src/core/python/commands';
import { contentsOf, planFromOptions, readyMessage } from '../../src/core/python/createRequest';
import { environmentStatus, shortVersion } from '../../src/core/python/environmentStatus';
import { briefDetail, failureNotice } from '../../src/core/python/failures';
import { interpreterChoices, interpreterDetail, interpreterRank, packagesSummary, uniqueByPath } from '../../src/core/python/interpreterChoices';
import { type InterpreterInfo } from '../../src/core/python/probe';

function info(overrides: Partial<InterpreterInfo> = {}): InterpreterInfo {
  return {
    executable: '/usr/bin/python3',
    version: '3.12.4',
    isVenv: false,
    hasVenvModule: true,
    hasEnsurepip: true,
    django: null,
    djangoRestFramework: null,
    simpleJwt: null,
    distributions: {},
    ...overrides,
  };
}

describe('env: status bar text', () => {
  it('names Django and Python by major.minor', () => {
    assert.deepEqual(environmentStatus({ kind: 'probed', python: '/p/venv/bin/python', info: { version: '3.12.4', django: '4.2.11' } }), {
      text: '$(server-environment) Django 4.2 · Python 3.12',
      tooltip: '/p/venv/bin/python\nClick to select or create an environment',
    });
    assert.equal(environmentStatus({ kind: 'probed', python: '/usr/bin/python3', info: { version: '3.11.2', django: null } }).text, '$(warning) Python 3.11, no Django');
  });

  it('runs nothing to describe Restricted Mode, and says when there is no or a broken interpreter', () => {
    assert.deepEqual(environmentStatus({ kind: 'restricted', python: '/p/venv/bin/python' }), {
      text: '$(shield) Django',
      tooltip: '/p/venv/bin/python\nRestricted Mode: versions are read by running Python.',
    });
    assert.equal(environmentStatus({ kind: 'no-interpreter' }).text, '$(warning) No Django environment');
    assert.deepEqual(environmentStatus({ kind: 'broken', python: '/gone/python' }), {
      text: '$(error) Django environment missing',
      tooltip: '/gone/python cannot be run. Click to select or create an environment.',
    });
  });

  it('shortens versions it can read and keeps the others', () => {
    assert.equal(shortVersion('5.0.6'), '5.0');
    assert.equal(shortVersion('5.1a1'), '5.1');
    assert.equal(shortVersion('unknown'), 'unknown');
  });
});

describe('env: interpreters to show', () => {
  it('shows those that answered, in order, and says why the others are left out', () => {
    const { choices, skipped } = interpreterChoices([
      { candidate: { path: '/usr/bin/python3', source: 'path' }, info: info() },
      { candidate: { path: '/broken/python', source: 'pyenv' }, problem: 'exit code 1' },
      { candidate: { path: '/silent/python', source: 'path' } },
      { candidate: { path: '/p/.venv/bin/python', source: 'python-extension' }, info: info({ version: '3.7.17', isVenv: true }) },
    ]);
    assert.deepEqual(choices, [
      { label: 'Python 3.12.4', description: 'no Django', detail: '/usr/bin/python3 · PATH', python: '/usr/bin/python3' },
      {
        label: 'Python 3.7.17',
        description: 'no Django',
        detail: '/p/.venv/bin/python · Python extension · too old for Django (3.8 or newer needed) · a virtual environment',
        python: '/p/.venv/bin/python',
      },
    ]);
    assert.deepEqual(skipped, [
      { path: '/broken/python', reason: 'exit code 1' },
      { path: '/silent/python', reason: 'no answer' },
    ]);
  });

  it('puts interpreters that already have Django and DRF first, and says which packages each has', () => {
    const { choices } = interpreterChoices([
      { candidate: { path: '/root/.pyenv/shims/python3', source: 'path' }, info: info({ version: '3.11.9' }) },
      { candidate: { path: '/usr/bin/python3.9', source: 'path' }, info: info({ version: '3.9.2', django: '3.2.25' }) },
      { candidate: { path: '/old/python3', source: 'path' }, info: info({ version: '3.7.3', django: '3.2.25', djangoRestFramework: '3.14.0' }) },
      {
        candidate: { path: '/usr/bin/python3.11', source: 'path' },
        info: info({ version: '3.11.2', django: '3.2.25', djangoRestFramework: '3.14.0', simpleJwt: '5.2.2' }),
      },
    ]);
    assert.deepEqual(
      choices.map((c) => [c.python, c.description]),
      [
        ['/usr/bin/python3.11', 'Django 3.2.25 · DRF 3.14.0 · Simple JWT 5.2.2'],
        ['/usr/bin/python3.9', 'Django 3.2.25'],
        ['/root/.pyenv/shims/python3', 'no Django'],
        ['/old/python3', 'Django 3.2.25 · DRF 3.14.0'],
      ],
    );
  });

  it('ranks a virtual environment below a base interpreter for creating, but by its packages for running the project', () => {
    const base = info({ django: null });
    const venv = info({ isVenv: true, django: '5.2', djangoRestFramework: '3.16' });
    assert.ok(interpreterRank(base, 'create') < interpreterRank(venv, 'create'));
    assert.ok(interpreterRank(venv, 'run') < interpreterRank(base, 'run'));
    assert.equal(interpreterRank(info({ version: '3.7.3', django: '3.2' }), 'run'), 3);
    assert.equal(packagesSummary({ django: null, djangoRestFramework: '3.14.0', simpleJwt: null }), 'no Django · DRF 3.14.0');
  });

  it('warns about interpreters that cannot create environments with pip', () => {
    assert.equal(interpreterDetail({ path: '/x', source: 'py-launcher' }, info({ hasEnsurepip: false })), 'py launcher · cannot create venvs with pip (venv/ensurepip missing)');
    assert.equal(interpreterDetail({ path: '/x', source: 'browse' }, info({ hasVenvModule: false })), 'chosen · cannot create venvs with pip (venv/ensurepip missing)');
  });

  it('drops exact repeats, keeping the first source', () => {
    assert.deepEqual(
      uniqueByPath([
        { path: '/usr/bin/python3', source: 'python-extension' },
        { path: '/usr/bin/python3', source: 'path' },
        { path: '/usr/bin/python3.12', source: 'path' },
      ]),
      [
        { path: '/usr/bin/python3', source: 'python-extension' },
        { path: '/usr/bin/python3.12', source: 'path' },
      ],
    );
  });
});

describe('env: create options', () => {
  const root = path.resolve('/work/shop');
  const context = { root, platform: 'posix' } as const;

  it('fills defaults: python3, venv, the Django + DRF preset, failing on an existing folder', () => {
    assert.deepEqual(planFromOptions({}, context), {
      python: 'python3',
      venvDir: path.join(root, 'venv'),
      packages: ['django', 'djangorestframework'],
      requirementFiles: [],
      pyproject: false,
      systemSitePackages: false,
      installerArgs: [],
      existing: 'fail',
    });
    assert.equal((planFromOptions({}, { root, platform: 'win32' }) as { python: string }).python, 'python');
  });

  it('prefers the given python, then the setting', () => {
    assert.equal((planFromOptions({}, { ...context, configuredPython: '/opt/py/bin/python3' }) as { python: string }).python, '/opt/py/bin/python3');
    assert.equal((planFromOptions({ python: '/x/python' }, { ...context, configuredPython: '/opt/py/bin/python3' }) as { python: string }).python, '/x/python');
  });

  it('resolves requirement files against the folder and adds Simple JWT to the preset', () => {
    const plan = planFromOptions({ simpleJwt: true, requirements: ['requirements/dev.txt'], name: '.venv', existing: 'reuse' }, context);
    assert.ok(!('failure' in plan));
    assert.deepEqual(plan.packages, ['django', 'djangorestframework', 'djangorestframework-simplejwt']);
    assert.deepEqual(plan.requirementFiles, [path.join(root, 'requirements', 'dev.txt')]);
    assert.equal(plan.venvDir, path.join(root, '.venv'));
    assert.equal(plan.existing, 'reuse');
  });

  it('refuses a folder name that is a path, with the platform’s rules', () => {
    assert.deepEqual(planFromOptions({ name: '../elsewhere' }, context), {
      failure: { kind: 'bad-folder-name', message: 'Enter a folder name, not a path.', nextStep: 'Choose another folder name.' },
    });
    assert.ok('failure' in planFromOptions({ name: 'a\\b' }, { root, platform: 'win32' }));
    assert.ok(!('failure' in planFromOptions({ name: 'a\\b' }, context)));
  });

  it('adds up the picked contents in the order offered', () => {
    assert.deepEqual(contentsOf([{ kind: 'preset' }, { kind: 'simple-jwt' }, { kind: 'requirements', file: 'requirements.txt' }], root), {
      packages: ['django', 'djangorestframework', 'djangorestframework-simplejwt'],
      requirementFiles: [path.join(root, 'requirements.txt')],
      pyproject: false,
      systemSitePackages: false,
    });
    assert.deepEqual(contentsOf([{ kind: 'pyproject' }, { kind: 'system-site-packages' }], root), {
      packages: [],
      requirementFiles: [],
      pyproject: true,
      systemSitePackages: true,
    });
  });
});

describe('env: messages and names', () => {
  it('says what the new environment holds, leaving out what is missing', () => {
    assert.equal(readyMessage({ pythonVersion: '3.12.4', djangoVersion: '5.0.6', drfVersion: '3.15.1', installed: {} }), 'Environment ready: Python 3.12.4, Django 5.0.6, DRF 3.15.1');
    assert.equal(readyMessage({ pythonVersion: '3.12.4', djangoVersion: null, drfVersion: null, installed: {} }), 'Environment ready: Python 3.12.4');
  });

  it('shows a failure with its next step and only the last two lines of detail, each cut short', () => {
    const long = 'x'.repeat(200);
    assert.equal(briefDetail(`one\ntwo\nthree`), 'two\nthree');
    assert.equal(briefDetail(long), `${'x'.repeat(159)}…`);
    assert.equal(failureNotice({ kind: 'venv-missing', message: 'venv failed.', nextStep: 'Install python3-venv.' }), 'venv failed. Install python3-venv.');
    assert.equal(
      failureNotice({ kind: 'venv-missing', message: 'venv failed.', nextStep: 'Install python3-venv.', detail: 'a\nb\nError: no' }),
      'venv failed. Install python3-venv.\nb\nError: no',
    );
  });

  it('accepts project and app names that are identifiers, letters of any script included', () => {
    assert.equal(identifierProblem('mysite'), undefined);
    assert.equal(identifierProblem('_core2'), undefined);
    assert.equal(identifierProblem('café'), undefined);
    assert.equal(identifierProblem('2shop'), 'Use letters, digits and underscores, not starting with a digit.');
    assert.equal(identifierProblem('my-site'), 'Use letters, digits and underscores, not starting with a digit.');
    assert.equal(identifierProblem(''), 'Use letters, digits and underscores, not starting with a digit.');
  });
});
