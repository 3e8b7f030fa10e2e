// Project model benchmark, on a generated workspace of 50 Django projects and 5,000 Python files
// (split settings, five apps each with an AppConfig, templatetags and templates, and plain modules
// to make up the count). In a fresh Node process it times the first build of the whole model (the
// search for manage.py files included), then the update after one settings file changes, which
// rebuilds only the project that reads it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../bundle.mjs';
import { percentile } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, '.bench', 'project');
const PROJECTS = 50;
const PYTHON_FILES = 5000;
const APPS = 5;
const UPDATES = 20;

const PROBE = `
import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildProjectModel, updateProjectModel } from './src/core/project';

const [workspace] = process.argv.slice(2);
const start = performance.now();
const model = buildProjectModel([workspace]);
const firstBuildMs = performance.now() - start;
const apps = model.projects.reduce((sum, project) => sum + project.apps.length, 0);
const libraries = model.projects.reduce((sum, project) => sum + project.templateLibraries.length, 0);
const settings = path.join(workspace, 'project17', 'conf', 'settings', 'base.py');
const updates = [];
let current = model;
for (let i = 0; i < ${UPDATES}; i++) {
  appendFileSync(settings, '\\nDEBUG = ' + (i % 2 === 0 ? 'True' : 'False') + '\\n');
  const began = performance.now();
  const { model: next, rebuilt } = updateProjectModel(current, [settings], () => ({}));
  updates.push(performance.now() - began);
  if (rebuilt.length !== 1) throw new Error('expected one project rebuilt, got ' + rebuilt.length);
  current = next;
}
console.log(JSON.stringify({ firstBuildMs, projects: model.projects.length, apps, libraries, updates }));
`;

function write(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/** One project: manage.py, split settings, apps; returns how many Python files it holds. */
function generateProject(root, index, filesPerProject) {
  let files = 0;
  const py = (relative, text) => {
    write(path.join(root, relative), text);
    files++;
  };
  py('manage.py', "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'conf.settings.dev')\n");
  py('conf/__init__.py', '');
  py('conf/settings/__init__.py', '');
  const apps = Array.from({ length: APPS }, (_, a) => `app${a}`);
  py(
    'conf/settings/base.py',
    [
      'from pathlib import Path',
      'BASE_DIR = Path(__file__).resolve().parent.parent.parent',
      `SECRET_KEY = 'bench-${index}'`,
      'INSTALLED_APPS = [',
      "    'django.contrib.admin',",
      "    'django.contrib.auth',",
      ...apps.map((app, a) => (a % 2 === 0 ? `    'apps.${app}.apps.${app[0].toUpperCase()}${app.slice(1)}Config',` : `    'apps.${app}',`)),
      ']',
      "ROOT_URLCONF = 'conf.urls'",
      "TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': [BASE_DIR / 'templates'], 'APP_DIRS': True, 'OPTIONS': {}}]",
      "STATICFILES_DIRS = [BASE_DIR / 'static']",
      '',
    ].join('\n'),
  );
  py('conf/settings/dev.py', "from .base import *\nDEBUG = True\nINSTALLED_APPS += ['debug_toolbar']\n");
  py('conf/urls.py', 'urlpatterns = []\n');
  py('apps/__init__.py', '');
  for (const app of apps) {
    const config = `${app[0].toUpperCase()}${app.slice(1)}Config`;
    py(`apps/${app}/__init__.py`, '');
    py(`apps/${app}/apps.py`, `from django.apps import AppConfig\n\n\nclass ${config}(AppConfig):\n    name = 'apps.${app}'\n    label = '${app}_${index}'\n`);
    py(`apps/${app}/models.py`, 'from django.db import models\n');
    py(`apps/${app}/templatetags/__init__.py`, '');
    py(`apps/${app}/templatetags/${app}_tags.py`, 'from django import template\n\nregister = template.Library()\n');
    write(path.join(root, 'apps', app, 'templates', app, 'index.html'), '{% load static %}\n');
  }
  for (let i = 0; files < filesPerProject; i++) py(`apps/app${i % APPS}/services/module${i}.py`, `def handler_${i}(value):\n    return value\n`);
  return files;
}

function generateWorkspace() {
  const workspace = path.join(workDir, 'workspace');
  rmSync(workspace, { recursive: true, force: true });
  let files = 0;
  for (let p = 0; p < PROJECTS; p++) files += generateProject(path.join(workspace, `project${p}`), p, PYTHON_FILES / PROJECTS);
  // Folders the search must skip without reading them.
  write(path.join(workspace, 'node_modules', 'pkg', 'manage.py'), '');
  write(path.join(workspace, 'venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
  return { workspace, files };
}

export async function bench() {
  mkdirSync(workDir, { recursive: true });
  const script = await bundleForNode({ source: PROBE, outfile: path.join(workDir, 'probe.js') });
  const { workspace, files } = generateWorkspace();
  const run = spawnSync(process.execPath, [script, workspace], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr || `probe exited ${run.status}`);
  const figures = JSON.parse(run.stdout.trim().split('\n').pop());
  const note = `${figures.projects} projects, ${files} Python files, ${figures.apps} apps, ${figures.libraries} libraries; load average ${os.loadavg()[0].toFixed(1)}`;
  return [
    { name: 'project model: first build (fresh process)', value: figures.firstBuildMs, unit: 'ms', note: `${note}; search and read, parser start-up included` },
    { name: 'project model: update after a settings edit p50', value: percentile(figures.updates, 50), unit: 'ms', note: `${UPDATES} edits of one base.py; one project rebuilt` },
    { name: 'project model: update after a settings edit max', value: Math.max(...figures.updates), unit: 'ms' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(`${row.name.padEnd(50)} ${row.value.toFixed(3).padStart(10)} ${row.unit}  ${row.note ?? ''}`);
}
