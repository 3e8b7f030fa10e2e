import assert from 'node:assert/strict';
import {
  type DiscoveryHost,
  findOnPath,
  isInterpreterName,
  isWindowsStoreAlias,
  parsePyLauncherList,
  pathCandidates,
  pyenvCandidates,
  uniqueCandidates,
} from '../../src/core/python/discovery';
import { describeInterpreters } from '../../src/core/python/interpreters';
import { type InterpreterInfo, isSupportedPython, parseProbeOutput, probeArgs } from '../../src/core/python/probe';

/** A machine described by its folders and their files. */
function machine(platform: 'posix' | 'win32', env: NodeJS.ProcessEnv, tree: Record<string, string[]>, homedir = '/home/ana'): DiscoveryHost {
  const files = new Set<string>();
  const join = platform === 'win32' ? (d: string, n: string) => `${d}\\${n}` : (d: string, n: string) => `${d}/${n}`;
  for (const [dir, names] of Object.entries(tree)) for (const name of names) files.add(join(dir, name));
  return {
    platform,
    env,
    homedir,
    listDir: (dir) => {
      const names = tree[dir];
      if (!names) throw new Error(`ENOENT ${dir}`);
      return names.map((name) => name.split(/[\\/]/)[0]);
    },
    isFile: (file) => files.has(file),
  };
}

describe('env: interpreter discovery', () => {
  it('recognises python, python3 and python3.X, and .exe names on Windows', () => {
    for (const name of ['python', 'python3', 'python3.12']) assert.ok(isInterpreterName(name, 'posix'), name);
    for (const name of ['python3-config', 'python3.12-dbg', 'pythonw', 'python.exe']) assert.ok(!isInterpreterName(name, 'posix'), name);
    assert.ok(isInterpreterName('python.exe', 'win32'));
    assert.ok(isInterpreterName('Python3.11.EXE', 'win32'));
    assert.ok(!isInterpreterName('pythonw.exe', 'win32'));
  });

  it('lists PATH interpreters in PATH order, most specific name first within a folder', () => {
    const host = machine('posix', { PATH: '/opt/py bin:/usr/bin::/missing' }, {
      '/opt/py bin': ['python3'],
      '/usr/bin': ['python', 'python3', 'python3.9', 'python3.11', 'python3-config', 'perl'],
    });
    assert.deepEqual(
      pathCandidates(host).map((c) => c.path),
      ['/opt/py bin/python3', '/usr/bin/python3.11', '/usr/bin/python3.9', '/usr/bin/python3', '/usr/bin/python'],
    );
  });

  it('reads the Windows Path variable with its own case and separator', () => {
    const host = machine('win32', { Path: 'C:\\Python312;C:\\Users\\Zoë\\AppData\\Local\\Microsoft\\WindowsApps' }, {
      'C:\\Python312': ['python.exe', 'pythonw.exe'],
      'C:\\Users\\Zoë\\AppData\\Local\\Microsoft\\WindowsApps': ['python.exe', 'python3.exe'],
    });
    const found = pathCandidates(host).map((c) => c.path);
    assert.equal(found[0], 'C:\\Python312\\python.exe');
    assert.deepEqual(
      uniqueCandidates(pathCandidates(host)).map((c) => c.path),
      ['C:\\Python312\\python.exe'],
      'the Store aliases are dropped',
    );
  });

  it('finds pyenv versions under PYENV_ROOT or ~/.pyenv, newest first', () => {
    const tree = { '/home/ana/.pyenv/versions': ['3.9.18', '3.12.1', '3.10.13'] } as Record<string, string[]>;
    for (const v of ['3.9.18', '3.12.1']) tree[`/home/ana/.pyenv/versions/${v}/bin`] = ['python'];
    const host = machine('posix', {}, tree);
    // isFile sees only files listed in a folder entry, so add the pythons explicitly.
    assert.deepEqual(
      pyenvCandidates(host).map((c) => c.path),
      ['/home/ana/.pyenv/versions/3.12.1/bin/python', '/home/ana/.pyenv/versions/3.9.18/bin/python'],
    );
    const custom = machine('posix', { PYENV_ROOT: '/srv/pyenv' }, { '/srv/pyenv/versions': ['3.13.0'], '/srv/pyenv/versions/3.13.0/bin': ['python'] });
    assert.deepEqual(pyenvCandidates(custom).map((c) => c.path), ['/srv/pyenv/versions/3.13.0/bin/python']);
  });

  it('uses pyenv-win layouts (python.exe in the version folder) on Windows', () => {
    const host = machine('win32', {}, { 'C:\\Users\\ana\\.pyenv\\versions': ['3.11.7'], 'C:\\Users\\ana\\.pyenv\\versions\\3.11.7': ['python.exe'] }, 'C:\\Users\\ana');
    assert.deepEqual(pyenvCandidates(host).map((c) => c.path), ['C:\\Users\\ana\\.pyenv\\versions\\3.11.7\\python.exe']);
  });

  it('parses both formats of `py -0p`', () => {
    const old = 'Installed Pythons found by py Launcher for Windows\n -3.9-64        C:\\Python39\\python.exe *\n -2.7-32        C:\\Python27\\python.exe\n';
    assert.deepEqual(parsePyLauncherList(old), ['C:\\Python27\\python.exe']);
    const current = ' -V:3.12 *        C:\\Program Files\\Python312\\python.exe\r\n -V:3.11          C:\\Users\\Zoë\\AppData\\Local\\Programs\\Python\\Python311\\python.exe\r\n';
    assert.deepEqual(parsePyLauncherList(current), [
      'C:\\Program Files\\Python312\\python.exe',
      'C:\\Users\\Zoë\\AppData\\Local\\Programs\\Python\\Python311\\python.exe',
    ]);
  });

  it('tells the Store alias from real interpreters', () => {
    assert.ok(isWindowsStoreAlias('C:\\Users\\ana\\AppData\\Local\\Microsoft\\WindowsApps\\python.exe'));
    assert.ok(!isWindowsStoreAlias('C:\\Users\\ana\\AppData\\Local\\Programs\\Python\\Python312\\python.exe'));
    assert.ok(!isWindowsStoreAlias('/usr/bin/python3'));
  });

  it('drops repeats that resolve to the same file', () => {
    const candidates = [
      { path: '/usr/bin/python3', source: 'path' as const },
      { path: '/bin/python3', source: 'path' as const },
      { path: '/usr/local/bin/python3', source: 'path' as const },
    ];
    const real = (file: string) => file.replace(/^\/bin/, '/usr/bin');
    assert.deepEqual(uniqueCandidates(candidates, real).map((c) => c.path), ['/usr/bin/python3', '/usr/local/bin/python3']);
  });
});

describe('env: version probing', () => {
  const info = (executable: string, version = '3.12.1'): InterpreterInfo => ({
    executable,
    version,
    isVenv: false,
    hasVenvModule: true,
    hasEnsurepip: true,
    django: null,
    djangoRestFramework: null,
    simpleJwt: null,
    distributions: {},
  });

  it('reads the probe line and ignores anything printed before it', () => {
    const parsed = parseProbeOutput('noise from sitecustomize\n{"executable": "/usr/bin/python3", "version": "3.11.2", "isVenv": false, "hasVenvModule": true, "hasEnsurepip": false, "django": "3.2.25", "djangoRestFramework": null, "simpleJwt": null, "distributions": {"django": "3.2.25"}}\n');
    assert.equal(parsed?.version, '3.11.2');
    assert.equal(parsed?.hasEnsurepip, false);
    assert.equal(parsed?.django, '3.2.25');
    assert.deepEqual(parsed?.distributions, { django: '3.2.25' });
    assert.equal(parseProbeOutput('Python was not found; run without arguments to install from the Microsoft Store'), undefined);
    assert.equal(parseProbeOutput(''), undefined);
  });

  it('passes distribution names as arguments, never inside the script', () => {
    const args = probeArgs(['django', '--weird name']);
    assert.equal(args[0], '-c');
    assert.deepEqual(args.slice(2), ['django', '--weird name']);
  });

  it('accepts Python 3.8 and newer only', () => {
    assert.ok(isSupportedPython('3.8.0'));
    assert.ok(isSupportedPython('3.13.0'));
    assert.ok(isSupportedPython('4.0.0'));
    assert.ok(!isSupportedPython('3.7.16'));
    assert.ok(!isSupportedPython('2.7.18'));
    assert.ok(!isSupportedPython('junk'));
  });

  it('keeps one entry per real interpreter and explains the ones that fail', async () => {
    const candidates = [
      { path: '/shims/python3', source: 'path' as const },
      { path: '/pyenv/3.12.1/bin/python', source: 'pyenv' as const },
      { path: '/broken/python', source: 'path' as const },
    ];
    const found = await describeInterpreters(candidates, async (python) => {
      if (python === '/broken/python') throw new Error('/broken/python was not found');
      return info('/pyenv/3.12.1/bin/python3.12');
    });
    assert.deepEqual(found.map((f) => f.candidate.path), ['/shims/python3', '/broken/python']);
    assert.equal(found[1].problem, '/broken/python was not found');
  });
});

describe('env: finding uv', () => {
  it('takes the first uv on PATH, uv.exe on Windows', () => {
    const posix = machine('posix', { PATH: '/usr/bin:/home/ana/.local/bin:/opt/bin' }, { '/home/ana/.local/bin': ['uv'], '/opt/bin': ['uv'] });
    assert.equal(findOnPath('uv', posix), '/home/ana/.local/bin/uv');
    const win = machine('win32', { PATH: 'C:\\tools' }, { 'C:\\tools': ['uv.exe'] });
    assert.equal(findOnPath('uv', win), 'C:\\tools\\uv.exe');
    assert.equal(findOnPath('uv', machine('posix', {}, {})), undefined);
  });
});
