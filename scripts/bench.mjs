// `npm run bench`: prints figures, never pass/fail. Foundation figures (bundle and VSIX size,
// activation time, warm hover round trip and host memory in the real host, each beside the same
// figure for a no-op extension, the two runs taking turns) come first, then each feature's
// scripts/bench/<area>.mjs.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { profileEnv } from './benchProfile.mjs';
import { standInExtension } from './standIn.mjs';
import { buildHostModule, runInHost } from '../test/runner/host.mjs';
import { median } from './benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_MARK = 'DJANGO_KIT_BENCH ';
const ACTIVATION_RUNS = 7;
const SESSION_RUNS = 3;
const SESSION_FIXTURE = 'django-project';

function kilobytes(file) {
  return statSync(file).size / 1024;
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

function buildProbe(name) {
  return buildHostModule(path.join(repoRoot, 'test', 'bench', `${name}.ts`), path.join(repoRoot, '.bench', `host-${name}`, 'index.js'));
}

// The same manifest with an activate() that does nothing: what VS Code itself spends activating an
// extension of this shape, so the figure for ours can be read against it. A second one registers a
// Python hover provider that answers nothing: any provider adds a round trip to the extension host
// to every hover, and the first require('vscode') builds the API object for the extension; neither
// shows in the figures of a no-op that does nothing.
const BASELINES = {
  'no-op extension': 'exports.activate = () => {};\nexports.deactivate = () => {};\n',
  'no-op with an empty Python hover provider':
    "const vscode = require('vscode');\nexports.activate = (context) => { context.subscriptions.push(vscode.languages.registerHoverProvider('python', { provideHover: () => undefined })); };\nexports.deactivate = () => {};\n",
};

function baselineExtension(name) {
  const dir = standInExtension(path.join(repoRoot, '.bench', `baseline-${Object.keys(BASELINES).indexOf(name)}`), BASELINES[name]);
  // The host runner copies the workspace from the extension's own fixtures.
  cpSync(path.join(repoRoot, 'test', 'fixtures', SESSION_FIXTURE), path.join(dir, 'test', 'fixtures', SESSION_FIXTURE), { recursive: true });
  return dir;
}

/** One host run of `probe` with the extension at `extensionRoot`: the figure it printed. */
async function probeOnce(extensionRoot, probe, fixture) {
  let figure;
  const code = await runInHost({
    repoRoot: extensionRoot,
    label: 'bench',
    fixture,
    testsPath: probe,
    env: profileEnv(extensionRoot),
    timeoutMs: 120_000,
    onLine: (line) => {
      if (line.startsWith(BENCH_MARK)) figure = JSON.parse(line.slice(BENCH_MARK.length));
    },
  });
  if (code !== 0 || !figure) throw new Error(`${path.basename(path.dirname(probe))} in ${extensionRoot} failed (exit ${code})`);
  return figure;
}

/** `runs` figures for Django Kit and for each baseline named, taking turns so that load changes hit all alike. */
async function interleaved(probe, fixture, runs, baselines) {
  const roots = [repoRoot, ...baselines.map(baselineExtension)];
  const figures = roots.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [index, root] of roots.entries()) figures[index].push(await probeOnce(root, probe, fixture));
  }
  return { ours: figures[0], baselines: Object.fromEntries(baselines.map((name, index) => [name, figures[index + 1]])) };
}

function spread(values) {
  return `min ${Math.min(...values).toFixed(1)}, max ${Math.max(...values).toFixed(1)}; runs: ${values.map((v) => v.toFixed(1)).join(', ')}`;
}

/** A figure for Django Kit, the same for each baseline, and the difference of their medians. */
function comparedRows(name, unit, { ours, baselines }, key, note = '') {
  const a = ours.map((figure) => figure[key]);
  const rows = [{ name: `${name} (median)`, value: median(a), unit, note: `${note}${spread(a)}` }];
  for (const [baseline, figures] of Object.entries(baselines)) {
    const b = figures.map((figure) => figure[key]);
    rows.push(
      { name: `  the same for a ${baseline}`, value: median(b), unit, note: spread(b) },
      { name: '    Django Kit beyond it (difference of medians)', value: median(a) - median(b), unit },
    );
  }
  return rows;
}

function bundleRows() {
  const dist = path.join(repoRoot, 'dist');
  const onDemand = ['core', 'features', 'vendor'].flatMap((folder) =>
    existsSync(path.join(dist, folder)) ? readdirSync(path.join(dist, folder)).filter((f) => f.endsWith('.js')).map((f) => `${folder}/${f}`) : [],
  );
  return [
    { name: 'dist/extension.js size (loaded at activation)', value: kilobytes(path.join(dist, 'extension.js')), unit: 'KB', note: 'target ≤ 250 KB' },
    ...onDemand.sort().map((file) => ({ name: `  dist/${file} (on first use)`, value: kilobytes(path.join(dist, file)), unit: 'KB' })),
    { name: 'dist/cli.js size', value: kilobytes(path.join(dist, 'cli.js')), unit: 'KB' },
  ];
}

async function foundationRows() {
  const vsix = await packageVsix();
  const activation = await interleaved(await buildProbe('activation'), 'empty', ACTIVATION_RUNS, Object.keys(BASELINES));
  const session = await interleaved(await buildProbe('session'), SESSION_FIXTURE, SESSION_RUNS, Object.keys(BASELINES));
  if (!session.ours.every((figure) => figure.found)) throw new Error('the session probe got no hover from Django Kit');
  return [
    ...bundleRows(),
    { name: 'VSIX size', value: kilobytes(vsix), unit: 'KB' },
    ...comparedRows('activation time (real host)', 'ms', activation, 'activationMs', 'target ≤ no-op + 5 ms; '),
    ...comparedRows('warm hover round trip p50, settings.py (real host)', 'ms', session, 'hoverP50Ms', 'target ≤ no-op + 1 ms; '),
    ...comparedRows('  p50 where there is nothing to show (an empty line)', 'ms', session, 'blankHoverP50Ms'),
    ...comparedRows('host heap used after the session', 'MB', session, 'heapUsedMB'),
    ...comparedRows('host RSS after the session', 'MB', session, 'rssMB', 'target ≤ no-op + 10 MB; '),
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
