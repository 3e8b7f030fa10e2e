// Issue #16 items 21-24: processes that hang, print the unexpected, fail silently or never answer,
// run for real: fake manage.py files and interpreters, the real CLI and Django 3.2.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { describeInterpreters } from '../../src/core/python/interpreters';
import { ProbeError, probeInterpreter } from '../../src/core/python/probe';

const PYTHON = '/usr/bin/python3';
const repo = path.resolve(__dirname, '..', '..');

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function waitFor<T>(what: string, read: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// A manage.py that starts a child of its own, writes both process ids, then never finishes.
const HANGING_MANAGE = `import os, subprocess, sys, time
child = subprocess.Popen(["sleep", "600"])
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pids.tmp"), "w") as f:
    f.write("%d %d" % (os.getpid(), child.pid))
os.rename(os.path.join(os.path.dirname(os.path.abspath(__file__)), "pids.tmp"), os.path.join(os.path.dirname(os.path.abspath(__file__)), "pids"))
time.sleep(600)
`;

describe('processes from real use (issue #16)', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dk processes é '));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function manage(text: string): void {
    writeFileSync(path.join(dir, 'manage.py'), text);
  }

  function pids(): number[] | undefined {
    const file = path.join(dir, 'pids');
    return existsSync(file) ? readFileSync(file, 'utf8').split(' ').map(Number) : undefined;
  }

  describe('migrations status reads only a real plan (item 21)', () => {
    it('exits 2 and shows what manage.py printed when it is no plan', async () => {
      manage('print("Starting up... hello from settings")\n');
      const result = await cli(['migrations', 'status', '--project', dir, '--python', PYTHON], dir);
      assert.equal(result.code, 2);
      assert.equal(result.stdout, '');
      assert.match(result.stderr, /showmigrations --plan printed nothing that reads as its usual output:\nStarting up\.\.\. hello from settings/);
    });

    it('exits 2 when manage.py prints nothing at all', async () => {
      manage('');
      const result = await cli(['migrations', 'status', '--project', dir, '--python', PYTHON], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /\(no output at all\)/);
    });

    it('takes Django\'s own "(no migrations)" as an empty plan', async () => {
      manage('print("(no migrations)")\n');
      const result = await cli(['migrations', 'status', '--project', dir, '--python', PYTHON], dir);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, '[]\n');
    });
  });

  describe('a hanging manage.py (item 22)', () => {
    it('is stopped with its children after --timeout', async () => {
      manage(HANGING_MANAGE);
      const result = await cli(['migrations', 'status', '--project', dir, '--python', PYTHON, '--timeout', '1'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /manage\.py shell did not finish within 1 s and was stopped/);
      const [parent, child] = pids() ?? [];
      assert.ok(parent && child, 'manage.py wrote no process ids');
      await waitFor('the tree to end', () => (!isRunning(parent) && !isRunning(child) ? true : undefined));
    });

    it('refuses a timeout that is not a positive number of seconds', async () => {
      for (const value of ['0', '-1', 'soon', '1e3']) {
        assert.equal((await cli(['migrations', 'status', '--project', dir, '--timeout', value], dir)).code, 2, value);
      }
    });

    for (const [signal, code] of [['SIGTERM', 143], ['SIGINT', 130], ['SIGHUP', 129]] as const) {
      it(`ends manage.py and its children on ${signal} to django-kit, exiting ${code}`, async () => {
        manage(HANGING_MANAGE);
        const kit: ChildProcess = spawn(process.execPath, ['-r', 'tsx/cjs', path.join(repo, 'src', 'cli.ts'), 'migrations', 'status', '--project', dir, '--python', PYTHON], {
          cwd: repo,
          stdio: 'ignore',
        });
        const exited = new Promise<number | null>((resolve) => kit.on('exit', (exitCode) => resolve(exitCode)));
        try {
          const [parent, child] = await waitFor('manage.py to start', pids);
          kit.kill(signal);
          assert.equal(await exited, code);
          await waitFor('the tree to end', () => (!isRunning(parent) && !isRunning(child) ? true : undefined));
        } finally {
          kit.kill('SIGKILL');
        }
      });
    }
  });

  describe('an interpreter that never answers (item 23)', () => {
    let fake: string;
    beforeEach(() => {
      fake = path.join(dir, 'python3');
      writeFileSync(fake, '#!/bin/sh\nsleep 600\n');
      chmodSync(fake, 0o755);
    });

    it('is reported as not answering by a probe, and by the interpreter list', async () => {
      await assert.rejects(probeInterpreter(fake, { timeoutMs: 500 }), (error: Error) => error instanceof ProbeError && error.reason === 'not-answering');
      const [listed] = await describeInterpreters([{ path: fake, source: 'path' }], (python) => probeInterpreter(python, { timeoutMs: 500 }));
      assert.match(listed.problem ?? '', /python3 did not answer within 0\.5 s/);
    });

    it('makes env create fail with a clear message and nothing left behind', async function () {
      this.timeout(60_000);
      const result = await cli(['env', 'create', 'venv', '--python', fake], dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /did not answer within 10 s, so it was stopped/);
      assert.equal(existsSync(path.join(dir, 'venv')), false);
    });
  });

  describe('messages that name the right culprit (item 24)', () => {
    it('blames the interpreter, not manage.py, when it fails without a word', async () => {
      manage('print("(no migrations)")\n');
      const result = await cli(['migrations', 'status', '--project', dir, '--python', '/bin/false'], dir);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /The interpreter \/bin\/false exited with code 1 without a word: it did not run manage\.py/);
    });

    it('names the module, file and line of a settings SyntaxError, in real Django', async () => {
      manage('import os, sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n');
      mkdirSync(path.join(dir, 'proj'));
      writeFileSync(path.join(dir, 'proj', '__init__.py'), '');
      writeFileSync(path.join(dir, 'proj', 'settings.py'), 'SECRET_KEY = "x"\nINSTALLED_APPS = [\n    "django.contrib.auth",\nDEBUG = True\n');
      const result = await cli(['migrations', 'status', '--project', dir, '--python', PYTHON], dir);
      assert.equal(result.code, 2);
      // Python 3.11 points at the bracket left open (line 2), older ones at the line after it (4).
      assert.match(result.stderr, /The settings module 'proj\.settings' cannot be imported: SyntaxError: .*\(.*proj[\\/]settings\.py, line [24]\)/);
    });

    it('blames uv when --uv fails', async () => {
      const result = await cli(['env', 'create', 'venv', '--python', PYTHON, '--uv', '/bin/false'], dir);
      assert.equal(result.code, 1);
      assert.match(result.stderr, /error: uv \(\/bin\/false\) could not create the environment\./);
      assert.equal(existsSync(path.join(dir, 'venv')), false);
    });

    it('exits 2 for a refused folder name, as for any bad argument', async () => {
      for (const name of ['a:b', '.', 'tab\there']) {
        const result = await cli(['env', 'create', name, '--python', PYTHON], dir);
        assert.equal(result.code, 2, name);
      }
    });
  });
});
