// `npm run bench`: prints figures, never pass/fail. Foundation figures (bundle and VSIX size,
// activation time in the real host) come first, then each feature's scripts/bench/<area>.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { runInHost } from '../test/runner/host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_MARK = 'DJANGO_KIT_BENCH ';
const ACTIVATION_RUNS = 5;

function kilobytes(file) {
  return statSync(file).size / 1024;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function packageVsix() {
  const out = path.join(repoRoot, '.bench', 'django-kit.vsix');
  mkdirSync(path.dirname(out), { recursive: true });
  const result = spawnSync(
    'npx',
    ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  return out;
}

async function activationTimes() {
  const entry = path.join(repoRoot, '.bench', 'host-activation', 'index.js');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test', 'bench', 'activation.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });
  const times = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) {
    let figure;
    const code = await runInHost({
      repoRoot,
      label: 'bench',
      fixture: 'empty',
      testsPath: entry,
      timeoutMs: 120_000,
      onLine: (line) => {
        if (line.startsWith(BENCH_MARK)) figure = JSON.parse(line.slice(BENCH_MARK.length));
      },
    });
    if (code !== 0 || !figure) throw new Error(`activation run ${i + 1} failed (exit ${code})`);
    times.push(figure.activationMs);
  }
  return times;
}

async function foundationRows() {
  const vsix = await packageVsix();
  const times = await activationTimes();
  return [
    { name: 'dist/extension.js size', value: kilobytes(path.join(repoRoot, 'dist', 'extension.js')), unit: 'KB', note: 'target ≤ 250 KB' },
    { name: 'dist/cli.js size', value: kilobytes(path.join(repoRoot, 'dist', 'cli.js')), unit: 'KB' },
    { name: 'VSIX size', value: kilobytes(vsix), unit: 'KB' },
    {
      name: 'activation time (real host, median)',
      value: median(times),
      unit: 'ms',
      note: `target ≤ 10 ms; min ${Math.min(...times).toFixed(1)}; runs: ${times.map((t) => t.toFixed(1)).join(', ')}`,
    },
  ];
}

function print(section, rows) {
  console.log(`\n${section}`);
  for (const row of rows) {
    const value = Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(row.value < 10 ? 3 : 1);
    console.log(`  ${row.name.padEnd(58)} ${value.padStart(12)} ${row.unit.padEnd(6)} ${row.note ?? ''}`.trimEnd());
  }
}

const only = process.argv.slice(2);
const wants = (name) => only.length === 0 || only.includes(name);
if (wants('foundation')) print('foundation', await foundationRows());
const benchDir = path.join(repoRoot, 'scripts', 'bench');
const areas = existsSync(benchDir) ? readdirSync(benchDir).filter((f) => f.endsWith('.mjs')).sort() : [];
for (const file of areas) {
  const area = file.replace(/\.mjs$/, '');
  if (!wants(area)) continue;
  try {
    const { bench } = await import(pathToFileURL(path.join(benchDir, file)).href);
    print(area, await bench());
  } catch (error) {
    console.log(`\n${area}\n  could not run: ${error instanceof Error ? error.message : String(error)}`);
  }
}
