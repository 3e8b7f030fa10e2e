// Templates benchmark: how fast the django-html grammar tokenizes Django's admin templates (cold,
// with grammar compilation, then warm), what finding extends/include names costs on a large
// template, and how long `django-kit templates` takes on a generated project of many templates.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { requireBundle } from '../bundle.mjs';
import { median, percentile } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// Two levels below the repository, as test/grammar/ is, so the bundled helper finds the same root.
const workDir = path.join(repoRoot, '.bench', 'templates');
const ADMIN_TEMPLATES = '/usr/lib/python3/dist-packages/django/contrib/admin/templates';
const WARM_ROUNDS = 5;
const PROJECT_APPS = 50;
const TEMPLATES_PER_APP = 40;

const PROBE = `
export { createGrammarRegistry, tokenizeLines } from '../../test/grammar/registry';
export { findTemplateReferences } from '../../src/core/templates/references';
export { blockRanges } from '../../src/core/templates/folding';
export { templateLinks } from '../../src/core/templates/project';
export { completionsAt } from '../../src/core/templates/assist';
export { checkTemplate } from '../../src/core/templates/check';
export { loadCompiledTemplateKnowledge } from '../../src/core/templates/knowledge';
export { buildVocabulary } from '../../src/core/templates/vocabulary';
`;

function loadProbe() {
  return requireBundle({
    entry: writeProbeEntry(),
    outfile: path.join(workDir, 'probe.cjs'),
    external: ['vscode-textmate', 'vscode-oniguruma'],
  });
}

// The probe's imports are relative to .bench/templates/, so it is written there as a file.
function writeProbeEntry() {
  mkdirSync(workDir, { recursive: true });
  const entry = path.join(workDir, 'probe-entry.ts');
  writeFileSync(entry, PROBE);
  return entry;
}

function adminTemplates() {
  return readdirSync(ADMIN_TEMPLATES, { recursive: true })
    .map((relative) => path.join(ADMIN_TEMPLATES, relative))
    .filter((file) => statSync(file).isFile())
    .map((file) => readFileSync(file, 'utf8'));
}

function tokenizeAll(probe, grammar, texts) {
  const start = performance.now();
  for (const text of texts) probe.tokenizeLines(grammar, text);
  return performance.now() - start;
}

async function grammarRows(probe) {
  const texts = adminTemplates();
  const lines = texts.reduce((sum, text) => sum + text.split('\n').length, 0);
  const { registry } = probe.createGrammarRegistry();
  const start = performance.now();
  const grammar = await registry.loadGrammar('text.html.django');
  const coldMs = performance.now() - start + tokenizeAll(probe, grammar, texts);
  const warmMs = median(Array.from({ length: WARM_ROUNDS }, () => tokenizeAll(probe, grammar, texts)));
  return [
    { name: 'templates: admin templates tokenized, cold', value: coldMs, unit: 'ms', note: `${texts.length} files, ${lines} lines, grammar load and compile included` },
    { name: 'templates: admin templates tokenized, warm (median)', value: warmMs, unit: 'ms', note: `${WARM_ROUNDS} rounds` },
    { name: 'templates: tokenizing throughput, warm', value: (lines / warmMs) * 1000, unit: 'lines/s' },
  ];
}

function referenceRows(probe) {
  const block = '{% extends "base.html" %}\n{% block content %}\n<div class="{{ cls }}">{% include "row.html" with x=y %}</div>\n{% endblock %}\n';
  const text = block.repeat(2500);
  const lines = text.split('\n').length;
  let start = performance.now();
  const references = probe.findTemplateReferences(text).length;
  const referencesMs = performance.now() - start;
  start = performance.now();
  const ranges = probe.blockRanges(text).length;
  const foldingMs = performance.now() - start;
  return [
    { name: 'templates: extends/include names found', value: referencesMs, unit: 'ms', note: `${lines} lines, ${references} names` },
    { name: 'templates: block tags paired for folding', value: foldingMs, unit: 'ms', note: `${lines} lines, ${ranges} ranges` },
  ];
}

// Issue 16 item 17: line numbers of links used to cost a re-slice of the text each, quadratic in
// the links of one file. Two sizes show whether the cost now grows with the links, not their square.
function linkRows(probe) {
  return [20_000, 200_000].map((count) => {
    const text = '{% include "row.html" %}\n'.repeat(count);
    const start = performance.now();
    const links = probe.templateLinks([{ path: 'templates/page.html', text }]).length;
    return { name: `templates: ${count} includes of one file linked`, value: performance.now() - start, unit: 'ms', note: `${links} links` };
  });
}

function generateProject(root) {
  rmSync(root, { recursive: true, force: true });
  mkdirSync(path.join(root, 'templates'), { recursive: true });
  writeFileSync(path.join(root, 'templates', 'base.html'), '<html>{% block content %}{% endblock %}</html>\n');
  for (let app = 0; app < PROJECT_APPS; app++) {
    const folder = path.join(root, `app${app}`, 'templates', `app${app}`);
    mkdirSync(folder, { recursive: true });
    for (let i = 0; i < TEMPLATES_PER_APP; i++) {
      const body = `{% extends "base.html" %}\n{% block content %}{% include "app${app}/part${(i + 1) % TEMPLATES_PER_APP}.html" %}{% endblock %}\n`;
      writeFileSync(path.join(folder, `part${i}.html`), body);
    }
  }
}

function cliRows() {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const project = path.join(workDir, 'project');
  generateProject(project);
  const start = performance.now();
  const run = spawnSync(process.execPath, [cli, 'templates', project], { encoding: 'utf8' });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`django-kit templates failed (exit ${run.status}): ${run.stderr}`);
  const pages = PROJECT_APPS * TEMPLATES_PER_APP;
  // Each generated page extends base.html and includes a sibling: two names per page.
  return [{ name: 'templates: django-kit templates on a generated project', value: elapsed, unit: 'ms', note: `${pages + 1} templates, ${2 * pages} names, process start included` }];
}

const CHECKED_TEMPLATES = 2000;
const COMPLETION_LINES = 3000;
const COMPLETION_SAMPLES = 300;

function generateCheckedProject(root) {
  rmSync(root, { recursive: true, force: true });
  const write = (relative, text) => {
    const file = path.join(root, ...relative.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  write('manage.py', "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'site_config.settings')\n");
  write('site_config/__init__.py', '');
  write('site_config/settings.py', "INSTALLED_APPS = ['django.contrib.humanize', 'shop']\nTEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'DIRS': ['templates'], 'APP_DIRS': True}]\n");
  write('shop/__init__.py', '');
  write('shop/templatetags/__init__.py', '');
  write('shop/templatetags/shop_tags.py', 'from django import template\nregister = template.Library()\n\n@register.filter\ndef price(value, currency="EUR"):\n    return value\n');
  write('templates/base.html', '<html>{% block title %}{% endblock %}{% block content %}{% endblock %}</html>\n');
  for (let i = 0; i < CHECKED_TEMPLATES; i++) {
    write(
      `shop/templates/shop/page${i}.html`,
      `{% extends "base.html" %}\n{% load humanize shop_tags %}\n{% block title %}Page ${i}{% endblock %}\n{% block content %}\n{% for item in items %}\n  <p>{{ item.name|title }} {{ item.sold|intcomma }} {{ item.amount|price:"USD" }}</p>\n{% empty %}<p>None</p>{% endfor %}\n{% endblock %}\n`,
    );
  }
}

function checkRows() {
  const cli = path.join(repoRoot, 'dist', 'cli.js');
  const project = path.join(workDir, 'checked');
  generateCheckedProject(project);
  const start = performance.now();
  const run = spawnSync(process.execPath, [cli, 'templates', 'check', project, '--project', project], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const elapsed = performance.now() - start;
  if (run.status !== 0) throw new Error(`django-kit templates check failed (exit ${run.status}): ${run.stderr}${run.stdout.slice(0, 2000)}`);
  return [{ name: 'templates: django-kit templates check on a generated project', value: elapsed, unit: 'ms', note: `${CHECKED_TEMPLATES + 1} templates, process start included` }];
}

function completionRows(probe) {
  const { libraries } = probe.loadCompiledTemplateKnowledge(path.join(repoRoot, 'dist', 'template-knowledge.json'));
  const vocabulary = probe.buildVocabulary({ knowledge: libraries, modules: [], complete: true, builtinsComplete: true });
  const line = (i) => (i % 3 === 0 ? `{% if item${i}.ok %}<b>{{ item${i}.name|title }}</b>{% endif %}` : `<p class="row">{{ value${i}|default:"-" }} text</p>`);
  const lines = Array.from({ length: COMPLETION_LINES }, (_, i) => line(i));
  const texts = [
    { kind: 'tag', text: [...lines.slice(0, 1500), '{%  %}', ...lines.slice(1500)].join('\n'), probe: '{% ', offset: 2 + 1 },
    { kind: 'filter', text: [...lines.slice(0, 1500), '{{ x| }}', ...lines.slice(1500)].join('\n'), probe: '{{ x|', offset: 5 },
  ];
  return texts.map(({ kind, text, probe: marker, offset }) => {
    const at = text.indexOf(marker) + offset;
    const times = [];
    let count = 0;
    for (let i = 0; i < COMPLETION_SAMPLES; i++) {
      const start = performance.now();
      count = probe.completionsAt(text, at, { vocabulary, parentBlocks: ['title', 'content'] }).length;
      times.push(performance.now() - start);
    }
    return { name: `templates: ${kind} completion in a ${COMPLETION_LINES}-line template (p99)`, value: percentile(times, 99), unit: 'ms', note: `${COMPLETION_SAMPLES} runs, ${count} items, median ${median(times).toFixed(2)} ms` };
  });
}

function sizeRows() {
  return ['django-html.tmLanguage.json', 'django-txt.tmLanguage.json'].map((file) => ({
    name: `templates: ${file} size`,
    value: statSync(path.join(repoRoot, 'syntaxes', file)).size / 1024,
    unit: 'KB',
  }));
}

export async function bench() {
  const probe = await loadProbe();
  return [...(await grammarRows(probe)), ...referenceRows(probe), ...linkRows(probe), ...cliRows(), ...checkRows(), ...completionRows(probe), ...sizeRows()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? ` (${row.note})` : ''}`);
}
