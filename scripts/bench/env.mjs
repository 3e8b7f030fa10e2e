// Environments benchmark: wall time of `django-kit env create` against the bare commands it
// stands for (`python -m venv` then `pip install`), alternated in one run on the same machine.
// Debian's Python with system site packages and --no-index: pip finds Django and DRF installed,
// so both sides measure process work, never the network.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { builtCli } from '../bundle.mjs';
import { median } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const PACKAGES = ['django', 'djangorestframework'];
const ROUNDS = 3;

function timed(command, args) {
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
  return ms;
}

function bare(dir) {
  return (
    timed(PYTHON, ['-m', 'venv', '--system-site-packages', dir]) +
    timed(path.join(dir, 'bin', 'python'), ['-m', 'pip', 'install', '--no-index', ...PACKAGES])
  );
}

function ours(cli, dir) {
  return timed(process.execPath, [cli, 'env', 'create', dir, '--python', PYTHON, '--system-site-packages', '--no-index', '--packages', PACKAGES.join(',')]);
}

export async function bench() {
  if (!existsSync(PYTHON)) return [{ name: 'env create', value: 0, unit: 'ms', note: `${PYTHON} is missing: not measured` }];
  const cli = builtCli();
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'django-kit bench env '));
  const times = { ours: [], bare: [] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first so that neither always meets a warm or a cold cache.
      const order = round % 2 === 0 ? ['bare', 'ours'] : ['ours', 'bare'];
      for (const side of order) {
        const dir = path.join(scratch, `${side} ${round}`);
        times[side].push(side === 'ours' ? ours(cli, dir) : bare(dir));
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const oursMs = median(times.ours);
  const bareMs = median(times.bare);
  const note = `median of ${ROUNDS}, ${PYTHON}, --system-site-packages --no-index ${PACKAGES.join(' ')}`;
  return [
    { name: 'env create: django-kit env create', value: Math.round(oursMs), unit: 'ms', note },
    { name: 'env create: bare python -m venv + pip install', value: Math.round(bareMs), unit: 'ms', note },
    { name: 'env create: ratio django-kit / bare', value: Number((oursMs / bareMs).toFixed(3)), unit: '×', note: 'target ≤ 1.05' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(`${row.name.padEnd(50)} ${String(row.value).padStart(8)} ${row.unit}  ${row.note ?? ''}`);
}
