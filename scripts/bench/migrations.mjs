// Migrations benchmark: the Migrate command's manage.py run (the core that the command and the CLI
// share: spawn, line-by-line logging, failure naming, summary) against a bare
// `python manage.py migrate`, alternated on the same copy of the fixture project; then
// `django-kit migrations status` against a bare `showmigrations --plan`.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli, requireBundle } from '../bundle.mjs';
import { median } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const ROUNDS = 5;

/** The core as the extension bundles it, built into .bench/ so this runs without the editor. */
function loadCore() {
  return requireBundle({
    source: "export { runManage } from './src/core/manage/run'; export { projectOf } from './src/core/manage/command'; export { parseMigrate, summarizeMigrate } from './src/core/manage/summary';",
    outfile: path.join(repoRoot, '.bench', 'migrations-core.js'),
  });
}

function hasDjango() {
  try {
    execFileSync(PYTHON, ['-c', 'import django'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function elapsed(start) {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function bare(dir, args, okCodes = [0]) {
  const start = process.hrtime.bigint();
  const result = spawnSync(PYTHON, ['manage.py', ...args], { cwd: dir, encoding: 'utf8' });
  const ms = elapsed(start);
  if (!okCodes.includes(result.status)) throw new Error(`manage.py ${args.join(' ')} failed:\n${result.stderr}`);
  return ms;
}

async function ours(core, project) {
  const start = process.hrtime.bigint();
  const lines = [];
  const outcome = await core.runManage({ python: PYTHON, project, onLine: (line) => lines.push(line) }, 'migrate');
  core.summarizeMigrate(core.parseMigrate(outcome.stdout));
  const ms = elapsed(start);
  if (outcome.failure) throw new Error(`migrate failed: ${JSON.stringify(outcome.failure)}`);
  return ms;
}

function cliStatus(cli, dir) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'migrations', 'status', '--project', dir, '--python', PYTHON], { encoding: 'utf8' });
  const ms = elapsed(start);
  if (result.status !== 0 && result.status !== 1) throw new Error(`django-kit migrations status failed:\n${result.stderr}`);
  return ms;
}

function pair(name, what, bareTimes, ourTimes) {
  const b = median(bareTimes);
  const o = median(ourTimes);
  return [
    { name: `${name}: bare manage.py`, value: Math.round(b), unit: 'ms', note: `median of ${bareTimes.length}` },
    { name: `${name}: ${what}`, value: Math.round(o), unit: 'ms', note: `median of ${ourTimes.length}` },
    { name: `${name}: ratio`, value: Number((o / b).toFixed(3)), unit: '×', note: 'ours / bare, medians (target ≤ 1.05)' },
    // On a loaded machine the fastest run of each side is the steadiest estimate of its own cost.
    { name: `${name}: ratio of fastest runs`, value: Number((Math.min(...ourTimes) / Math.min(...bareTimes)).toFixed(3)), unit: '×' },
  ];
}

export async function bench() {
  if (!hasDjango()) return [{ name: 'migrate', value: 0, unit: 'ms', note: `${PYTHON} has no Django: not measured` }];
  const core = await loadCore();
  const cli = builtCli();
  const root = mkdtempSync(path.join(os.tmpdir(), 'django-kit bench é '));
  const dir = path.join(root, 'project');
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'django-project'), dir, { recursive: true });
  const project = core.projectOf(path.join(dir, 'manage.py'));
  const database = path.join(dir, 'db.sqlite3');
  const fresh = { bare: [], ours: [] };
  const upToDate = { bare: [], ours: [] };
  const status = { bare: [], ours: [] };
  try {
    bare(dir, ['check']); // warm the file cache before anything is timed
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which side goes first so neither always inherits a warmer cache.
      const sides = round % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare'];
      for (const side of sides) {
        rmSync(database, { force: true });
        fresh[side].push(side === 'bare' ? bare(dir, ['migrate', '--noinput']) : await ours(core, project));
      }
      for (const side of sides) upToDate[side].push(side === 'bare' ? bare(dir, ['migrate', '--noinput']) : await ours(core, project));
      for (const side of sides) status[side].push(side === 'bare' ? bare(dir, ['showmigrations', '--plan']) : cliStatus(cli, dir));
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return [
    { name: 'load average while measuring', value: Number(os.loadavg()[0].toFixed(2)), unit: '', note: `${os.cpus().length} CPUs` },
    ...pair('migrate, fresh database (19 migrations)', 'Django Kit', fresh.bare, fresh.ours),
    ...pair('migrate, nothing to apply', 'Django Kit', upToDate.bare, upToDate.ours),
    ...pair('status', 'django-kit migrations status (node + CLI)', status.bare, status.ours),
  ];
}
