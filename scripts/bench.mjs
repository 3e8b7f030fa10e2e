// `npm run bench`: prints figures, never pass/fail. Foundation figures (bundle and VSIX size,
// activation time in the real host) come first, then each feature's scripts/bench/<area>.mjs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildHostModule, runInHost } from '../test/runner/host.mjs';

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
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs'), '--local', '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`vsce package failed:\n${result.stdout}${result.stderr}`);
  return out;
}

function buildActivationProbe() {
  return buildHostModule(
    path.join(repoRoot, 'test', 'bench', 'activation.ts'),
    path.join(repoRoot, '.bench', 'host-activation', 'index.js'),
  );
}

// The same manifest with an activate() that does nothing: what VS Code itself spends activating an
// extension of this shape, so the figure for ours can be read against it.
function baselineExtension() {
  const dir = path.join(repoRoot, '.bench', 'baseline-extension');
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  copyFileSync(path.join(repoRoot, 'package.json'), path.join(dir, 'package.json'));
  writeFileSync(path.join(dir, 'dist', 'extension.js'), 'exports.activate = () => {};\nexports.deactivate = () => {};\n');
  return dir;
}

async function activationTimes(extensionRoot, probe) {
  const times = [];
  for (let i = 0; i < ACTIVATION_RUNS; i++) {
    let figure;
    const code = await runInHost({
      repoRoot: extensionRoot,
      label: 'bench',
      fixture: 'empty',
      testsPath: probe,
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

function activationRow(name, times, note) {
  return { name, value: median(times), unit: 'ms', note: `${note}min ${Math.min(...times).toFixed(1)}; runs: ${times.map((t) => t.toFixed(1)).join(', ')}` };
}

async function foundationRows() {
  const vsix = await packageVsix();
  const probe = await buildActivationProbe();
  const ours = await activationTimes(repoRoot, probe);
  const baseline = await activationTimes(baselineExtension(), probe);
  return [
    { name: 'dist/extension.js size', value: kilobytes(path.join(repoRoot, 'dist', 'extension.js')), unit: 'KB', note: 'target ≤ 250 KB' },
    { name: 'dist/cli.js size', value: kilobytes(path.join(repoRoot, 'dist', 'cli.js')), unit: 'KB' },
    { name: 'VSIX size', value: kilobytes(vsix), unit: 'KB' },
    activationRow('activation time (real host, median)', ours, 'target ≤ 10 ms; '),
    activationRow('  the same for a no-op extension, same manifest', baseline, "VS Code's own share; "),
    { name: '  Django Kit beyond the no-op (difference of medians)', value: median(ours) - median(baseline), unit: 'ms' },
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
