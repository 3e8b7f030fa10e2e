// URL names benchmark: reading every URLconf of a generated project with 2,000 URL patterns, cold
// (a fresh process, parser tables included), warm, and again after one app's urls.py changes
// (only that module is parsed again); then `django-kit urls` on the same project.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { builtCli, bundleForNode, repoRoot } from '../bundle.mjs';
import { median } from '../benchStats.mjs';

const workDir = path.join(repoRoot, '.bench', 'urls');
const APPS = 40;
const PATTERNS_PER_APP = 50;
const WARM_ROUNDS = 5;

const PROBE = `
import { buildProject } from './src/core/project';
import { readProjectUrls, readText } from './src/core/urls/project';
import { UrlconfReader } from './src/core/urls/read';
export { buildProject, readProjectUrls, readText, UrlconfReader };
`;

function write(root, relative, text) {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function appUrls(app, extra = '') {
  const patterns = Array.from({ length: PATTERNS_PER_APP }, (_, i) =>
    i % 2 === 0 ? `    path('item${i}/<int:pk>/', views.item${i}, name='item-${i}'),` : `    re_path(r'^page${i}/(?P<slug>[-\\w]+)/$', views.Page${i}.as_view(), name='page-${i}'),`,
  );
  return `from django.urls import path, re_path\n\nfrom . import views\n\napp_name = 'app${app}'\n\nurlpatterns = [\n${patterns.join('\n')}\n${extra}]\n`;
}

function generateProject(root) {
  rmSync(root, { recursive: true, force: true });
  write(root, 'manage.py', "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings')\n");
  write(root, 'config/__init__.py', '');
  write(root, 'config/settings.py', `ROOT_URLCONF = 'config.urls'\nINSTALLED_APPS = [${Array.from({ length: APPS }, (_, app) => `'app${app}'`).join(', ')}]\n`);
  const includes = Array.from({ length: APPS }, (_, app) => `    path('app${app}/', include('app${app}.urls')),`);
  write(root, 'config/urls.py', `from django.urls import include, path\n\nurlpatterns = [\n${includes.join('\n')}\n]\n`);
  for (let app = 0; app < APPS; app++) {
    write(root, `app${app}/__init__.py`, '');
    write(root, `app${app}/urls.py`, appUrls(app));
  }
}

// Runs in a fresh Node process: the cold figure includes loading the parser's tables.
const COLD_SCRIPT = `
const { performance } = require('node:perf_hooks');
const started = performance.now();
const cpuStart = process.cpuUsage();
const probe = require(process.argv[1]);
const project = probe.buildProject(process.argv[2]);
const modelMs = performance.now() - started;
const reading = probe.readProjectUrls(project, new probe.UrlconfReader(), probe.readText);
const cpu = process.cpuUsage(cpuStart);
console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, modelMs, urls: reading.urls.length, complete: reading.complete }));
`;

function coldRow(probeFile, manage) {
  const run = spawnSync(process.execPath, ['-e', COLD_SCRIPT, probeFile, manage], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`cold reading failed: ${run.stderr}`);
  const figure = JSON.parse(run.stdout);
  if (figure.urls !== APPS * PATTERNS_PER_APP || !figure.complete) throw new Error(`cold reading found ${figure.urls} URLs`);
  return { name: 'urls: all URLconfs read, cold (fresh process)', value: figure.ms, unit: 'ms', note: `${figure.urls} patterns in ${APPS + 1} modules; CPU ${figure.cpuMs.toFixed(0)} ms; project model ${figure.modelMs.toFixed(1)} ms of it` };
}

/** Wall and CPU milliseconds of one call. */
function timed(action) {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = action();
  const cpu = process.cpuUsage(cpuStart);
  return { ms: performance.now() - start, cpuMs: (cpu.user + cpu.system) / 1000, result };
}

async function inProcessRows(probeFile, root) {
  const probe = (await import(probeFile)).default;
  const project = probe.buildProject(path.join(root, 'manage.py'));
  const reader = new probe.UrlconfReader();
  probe.readProjectUrls(project, reader, probe.readText);
  const warm = Array.from({ length: WARM_ROUNDS }, () => timed(() => probe.readProjectUrls(project, reader, probe.readText)));
  // One app gains a pattern: its module is parsed again, the 40 others are taken from the reader.
  write(root, 'app7/urls.py', appUrls(7, "    path('new/', views.new, name='new'),\n"));
  const changed = timed(() => probe.readProjectUrls(project, reader, probe.readText));
  if (changed.result.urls.length !== APPS * PATTERNS_PER_APP + 1) throw new Error(`the changed reading found ${changed.result.urls.length} URLs`);
  return [
    { name: 'urls: read again, nothing changed (median)', value: median(warm.map((w) => w.ms)), unit: 'ms', note: `${WARM_ROUNDS} rounds, CPU ${median(warm.map((w) => w.cpuMs)).toFixed(1)} ms; files read and compared, nothing parsed` },
    { name: 'urls: read again after one urls.py changed', value: changed.ms, unit: 'ms', note: `CPU ${changed.cpuMs.toFixed(1)} ms; one module parsed again, all includes expanded` },
  ];
}

function cliRow(root) {
  generateProject(root);
  const start = performance.now();
  const run = spawnSync(process.execPath, [builtCli(), 'urls', '--project', root], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`django-kit urls failed (exit ${run.status}): ${run.stderr}`);
  return { name: 'urls: django-kit urls on the same project', value: elapsed, unit: 'ms', note: `${JSON.parse(run.stdout).length} URLs as JSON, process start included` };
}

export async function bench() {
  const root = path.join(workDir, 'project');
  generateProject(root);
  const probeFile = await bundleForNode({ source: PROBE, outfile: path.join(workDir, 'probe.cjs') });
  const cold = coldRow(probeFile, path.join(root, 'manage.py'));
  const rows = await inProcessRows(probeFile, root);
  return [cold, ...rows, cliRow(root)];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? ` (${row.note})` : ''}`);
}
