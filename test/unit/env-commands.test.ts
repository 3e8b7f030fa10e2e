import assert from 'node:assert/strict';
import {
  checkFolderName,
  checkPackageSpec,
  installCommand,
  presetPackages,
  requirementName,
  startProjectCommand,
  venvCommand,
} from '../../src/core/python/commands';
import { describeInstallLine } from '../../src/core/python/create';
import { classifyFailure, lastLines } from '../../src/core/python/failures';
import { findRequirementFiles, reportedDistributions, requirementNames } from '../../src/core/python/requirements';
import { venvPython } from '../../src/core/python/venv';

describe('env: command lines', () => {
  const pip = { kind: 'pip' } as const;
  const uv = { kind: 'uv', uv: '/home/ana/.local/bin/uv' } as const;

  it('creates the venv with the base interpreter, the folder as one argument', () => {
    const dir = "/work/it's $(here) é/-venv";
    assert.deepEqual(venvCommand({ basePython: '/usr/bin/python3', venvDir: dir, systemSitePackages: true }, pip), {
      command: '/usr/bin/python3',
      args: ['-m', 'venv', '--system-site-packages', dir],
    });
    assert.deepEqual(venvCommand({ basePython: 'C:\\Py\\python.exe', venvDir: 'C:\\p\\.venv', systemSitePackages: false }, uv), {
      command: '/home/ana/.local/bin/uv',
      args: ['venv', '--python', 'C:\\Py\\python.exe', 'C:\\p\\.venv'],
    });
  });

  it('installs with the venv interpreter, requirement files after -r', () => {
    const python = venvPython('C:\\p\\venv', 'win32');
    const line = installCommand(python, { packages: presetPackages(true), requirementFiles: ['C:\\p\\requirements dev.txt'], installerArgs: ['--no-index'] }, pip);
    assert.deepEqual(line, {
      command: 'C:\\p\\venv\\Scripts\\python.exe',
      args: ['-m', 'pip', 'install', '--disable-pip-version-check', '--timeout', '5', '--retries', '1', '--no-index', 'django', 'djangorestframework', 'djangorestframework-simplejwt', '-r', 'C:\\p\\requirements dev.txt'],
    });
    assert.deepEqual(installCommand('/p/venv/bin/python', { packages: ['django'], requirementFiles: [] }, uv), {
      command: '/home/ana/.local/bin/uv',
      args: ['pip', 'install', '--python', '/p/venv/bin/python', 'django'],
    });
    assert.equal(installCommand('/p/venv/bin/python', { packages: [], requirementFiles: [] }, pip), undefined);
  });

  it('starts a project in the folder itself', () => {
    assert.deepEqual(startProjectCommand('/p/venv/bin/python', 'mysite'), { command: '/p/venv/bin/python', args: ['-m', 'django', 'startproject', 'mysite', '.'] });
  });

  it('accepts folder names with spaces, quotes, $(), non-ASCII and a leading dash', () => {
    for (const name of ['venv', '.venv', 'my env', `it's "q"`, '$(rm -rf ~)', 'окружение', '-venv']) {
      assert.equal(checkFolderName(name, 'posix'), undefined, name);
    }
    assert.equal(checkFolderName('my env', 'win32'), undefined);
  });

  it('refuses names that would mean another folder or that venv and Windows refuse', () => {
    for (const name of ['', '  ', '.', '..', 'a/b', 'a:b', 'x\ny']) assert.ok(checkFolderName(name, 'posix'), JSON.stringify(name));
    for (const name of ['a\\b', 'a;b', 'say "hi"', 'venv.', 'venv ', 'a?']) assert.ok(checkFolderName(name, 'win32'), JSON.stringify(name));
    assert.equal(checkFolderName('a\\b', 'posix'), undefined, 'a backslash is an ordinary character on POSIX');
  });

  it('refuses package specs that pip would read as options', () => {
    assert.ok(checkPackageSpec('--index-url=http://evil'));
    assert.ok(checkPackageSpec('-e'));
    assert.ok(checkPackageSpec(' '));
    assert.equal(checkPackageSpec('Django>=4.2,<5'), undefined);
  });

  it('reads distribution names from specs and requirement files', () => {
    assert.equal(requirementName('Django>=4.2'), 'Django');
    assert.equal(requirementName('djangorestframework[extra]; python_version<"3.12"'), 'djangorestframework');
    assert.equal(requirementName('  zope.interface ~= 6.0'), 'zope.interface');
    const text = '# base\nDjango==4.2.7  # LTS\n-r common.txt\n--index-url https://example.invalid/simple\n\ndjangorestframework>=3.14\r\n-e git+https://x/y.git#egg=y\nhttps://x/z.whl\n';
    assert.deepEqual(requirementNames(text), ['Django', 'djangorestframework']);
  });

  it('reports the packages asked for, then those of readable requirement files, once each', () => {
    const files: Record<string, string> = { '/p/requirements.txt': 'Django>=4.2\nwhitenoise\n' };
    const read = (file: string) => {
      if (!(file in files)) throw new Error('ENOENT');
      return files[file];
    };
    assert.deepEqual(reportedDistributions(['django', 'djangorestframework==3.14'], ['/p/requirements.txt', '/p/missing.txt'], read), [
      'django',
      'djangorestframework',
      'whitenoise',
    ]);
  });

  it('offers requirements*.txt at the root and the files of a requirements/ folder', () => {
    const tree: Record<string, string[]> = {
      '/p': ['manage.py', 'requirements.txt', 'requirements-dev.txt', 'README.md', 'requirements.in'],
      '/p/requirements': ['base.txt', 'prod.txt', 'notes.md'],
    };
    const listDir = (dir: string) => {
      if (!tree[dir]) throw new Error('ENOENT');
      return tree[dir];
    };
    assert.deepEqual(findRequirementFiles('/p', listDir), ['requirements-dev.txt', 'requirements.txt', 'requirements/base.txt', 'requirements/prod.txt']);
    assert.deepEqual(findRequirementFiles('/empty', listDir), []);
  });

  it('turns pip and uv output into short progress messages', () => {
    assert.equal(describeInstallLine('Collecting django'), 'Collecting django');
    assert.equal(describeInstallLine('  Downloading https://files/x/Django-4.2.7-py3-none-any.whl (8.0 MB)'), 'Downloading Django-4.2.7-py3-none-any.whl');
    assert.equal(describeInstallLine('Requirement already satisfied: django in /usr/lib/python3/dist-packages (3.2.25)'), 'django is already installed');
    assert.equal(describeInstallLine('Installing collected packages: sqlparse, asgiref, django'), 'Installing sqlparse, asgiref, django');
    assert.equal(describeInstallLine(' + django==5.0.1'), 'Installed django==5.0.1');
    assert.equal(describeInstallLine('  Using cached x.whl'), undefined);
  });
});

describe('env: failure classification', () => {
  it('explains Debian without python3-venv, naming its package', () => {
    const output = 'The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.\n\n    apt install python3.11-venv\n';
    const failure = classifyFailure('venv', output, '/usr/bin/python3');
    assert.equal(failure.kind, 'ensurepip-missing');
    assert.match(failure.nextStep, /apt install python3\.11-venv/);
  });

  it('explains a missing venv module', () => {
    assert.equal(classifyFailure('venv', '/usr/bin/python3: No module named venv', 'py').kind, 'venv-missing');
  });

  it('prefers a network failure over the "no matching distribution" that follows it', () => {
    const output = [
      "WARNING: Retrying (Retry(total=4, connect=None, read=None, redirect=None, status=None)) after connection broken by 'NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -3] Temporary failure in name resolution')': /simple/django/",
      'ERROR: Could not find a version that satisfies the requirement django (from versions: none)',
      'ERROR: No matching distribution found for django',
    ].join('\n');
    const failure = classifyFailure('install', output, 'python');
    assert.equal(failure.kind, 'index-unreachable');
    assert.match(failure.nextStep, /index/);
    assert.match(failure.detail ?? '', /No matching distribution found for django/);
  });

  it('names the package that does not exist, for pip and uv', () => {
    const pip = classifyFailure('install', 'ERROR: Could not find a version that satisfies the requirement nopenope (from versions: none)\nERROR: No matching distribution found for nopenope', 'python');
    assert.equal(pip.kind, 'package-not-found');
    assert.match(pip.message, /`nopenope`/);
    const uv = classifyFailure('install', '  × No solution found when resolving dependencies:\n  ╰─▶ Because nopenope was not found in the package registry and you require nopenope, we can conclude that your requirements are unsatisfiable.', 'uv');
    assert.equal(uv.kind, 'package-not-found');
    assert.match(uv.message, /`nopenope`/);
  });

  it('explains permission problems and falls back to the last lines otherwise', () => {
    assert.equal(classifyFailure('venv', "PermissionError: [Errno 13] Permission denied: '/srv/venv'", 'python').kind, 'permission-denied');
    const other = classifyFailure('install', Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n'), 'python');
    assert.equal(other.kind, 'process-failed');
    assert.equal(other.detail, lastLines(Array.from({ length: 20 }, (_, i) => `line ${i}`).join('\n')));
    assert.equal(other.detail?.split('\n').length, 8);
  });
});
