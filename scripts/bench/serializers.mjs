// Serializers benchmark: reading a generated 200-model models.py and generating serializers,
// views and urls from it, side by side with CPython's own `ast.parse` of the same file (parsing
// only, in C). Both sides time themselves in-process, so process start-up is left out.
//
// The editor reads a models file when it is shown (and for its CodeLenses), keeping the
// declarations while the text is unchanged; generation then starts from them. Each "first" figure
// comes from a fresh process, as a freshly started editor would be.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../bundle.mjs';
import { median } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, '.bench', 'serializers');
const PYTHON = '/usr/bin/python3';
const MODELS = 200;
const RUNS = 10;
// The machine is shared: the sides take turns, round after round, so load hits them alike.
const ROUNDS = 5;

// Runs in a child process: prints one JSON object of timings in milliseconds. Modes:
//   cold   the first generation in the process, the file never read before (parser start-up included)
//   shown  the read when the file is shown, then the first generation, from the cache
//   shown-uncached  the same first generation, reading the file again (as before the cache)
//   warm   repeated generations from the cache and without it, and the bare parse
const PROBE = `
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parser } from '@lezer/python';
import { DeclarationsCache } from './src/core/models/declarationsCache';
import { readModels } from './src/core/models/read';
import { generate } from './src/core/serializers/generate';
import { renderModule } from './src/core/serializers/python';

const [file, runs, mode] = process.argv.slice(2);
const source = { path: 'models.py', text: readFileSync(file, 'utf8') };
const timed = (work) => {
  const start = performance.now();
  work();
  return performance.now() - start;
};
const generation = (cache) => {
  const reading = readModels([source], cache);
  const generated = generate(reading, { many: true, partial: true, views: 'viewset', urls: true, nested: true });
  generated.files.forEach(renderModule);
};
const cache = new DeclarationsCache();
const result = {};
if (mode === 'cold') result.first = timed(() => generation(undefined));
if (mode === 'shown') {
  result.shown = timed(() => cache.read(source));
  result.first = timed(() => generation(cache));
}
if (mode === 'shown-uncached') {
  readModels([source]);
  result.first = timed(() => generation(undefined));
}
if (mode === 'warm') {
  cache.read(source);
  Object.assign(result, { cached: [], uncached: [], parse: [] });
  for (let i = 0; i <= Number(runs); i++) {
    const times = [timed(() => generation(cache)), timed(() => generation(undefined)), timed(() => parser.parse(source.text))];
    // The first round still compiles the code: it is left out.
    if (i > 0) ['cached', 'uncached', 'parse'].forEach((key, k) => result[key].push(times[k]));
  }
  result.models = readModels([source], cache).models.length;
}
console.log(JSON.stringify(result));
`;

const AST_PROBE = `
import ast, json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for _ in range(int(sys.argv[2]) + 1):
    start = time.perf_counter()
    ast.parse(text)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps(times[1:]))
`;

const FIELD_KINDS = [
  (i) => `models.CharField(max_length=${20 + (i % 200)}, blank=True)`,
  () => 'models.TextField(\n        blank=True,\n        help_text="class Example(models.Model) is only text",\n    )',
  (i) => `models.DecimalField(max_digits=10, decimal_places=${i % 4})`,
  () => 'models.BooleanField(default=False)',
  () => 'models.DateTimeField(auto_now_add=True)',
  () => 'models.IntegerField(null=True, choices=[(1, "One"), (2, "Two")])',
  () => 'models.SlugField(unique=True)',
  () => 'models.UUIDField(editable=False, default=uuid.uuid4)',
];

/** A realistic large app: abstract bases, foreign keys, many-to-many, Meta and methods. */
function modelsFile() {
  const lines = ['import uuid', '', 'from django.conf import settings', 'from django.db import models', '', ''];
  lines.push('class Stamped(models.Model):', '    created = models.DateTimeField(auto_now_add=True)', '    updated = models.DateTimeField(auto_now=True)', '');
  lines.push('    class Meta:', '        abstract = True', '', '');
  for (let i = 0; i < MODELS; i++) {
    lines.push(`class Model${i}(${i % 3 === 0 ? 'Stamped' : 'models.Model'}):`, `    """Model number ${i}."""`, '');
    for (let f = 0; f < 8; f++) lines.push(`    field_${f} = ${FIELD_KINDS[(i + f) % FIELD_KINDS.length](i + f)}`);
    if (i > 0) lines.push(`    parent = models.ForeignKey(Model${i - 1}, on_delete=models.CASCADE, related_name="children_${i}")`);
    if (i > 1) lines.push(`    peers = models.ManyToManyField("Model${i - 2}", blank=True)`);
    lines.push('    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)', '');
    lines.push('    class Meta:', `        ordering = ["-id"]`, '');
    lines.push('    def __str__(self):', `        return f"Model${i} {self.pk}"`, '', '');
  }
  return `${lines.join('\n')}\n`;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: workDir, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed:\n${result.stdout}${result.stderr}`);
  return JSON.parse(result.stdout);
}

export async function bench() {
  mkdirSync(workDir, { recursive: true });
  const file = path.join(workDir, 'models.py');
  const text = modelsFile();
  writeFileSync(file, text);
  const probe = path.join(workDir, 'probe.js');
  await bundleForNode({ source: PROBE, outfile: probe });
  const lines = text.split('\n').length - 1;
  const python = existsSync(PYTHON);
  const ours = (mode) => run(process.execPath, [probe, file, String(RUNS), mode]);
  const times = { cold: [], shown: [], first: [], firstUncached: [], cached: [], uncached: [], parse: [], ast: [] };
  let models = 0;
  for (let round = 0; round < ROUNDS; round++) {
    times.cold.push(ours('cold').first);
    const shown = ours('shown');
    times.shown.push(shown.shown);
    times.first.push(shown.first);
    times.firstUncached.push(ours('shown-uncached').first);
    const warm = ours('warm');
    models = warm.models;
    times.cached.push(...warm.cached);
    times.uncached.push(...warm.uncached);
    times.parse.push(...warm.parse);
    if (python) times.ast.push(...run(PYTHON, ['-c', AST_PROBE, file, String(RUNS)]));
  }
  const firsts = `${MODELS} models, ${lines} lines; median of ${ROUNDS} fresh processes`;
  const repeated = `median of ${ROUNDS}×${RUNS} runs, the sides alternating`;
  const rows = [
    { name: 'serializers: first generation, file never read before', value: median(times.cold), unit: 'ms', note: `${firsts}; parser start-up included` },
    { name: 'serializers: reading the file when it is shown', value: median(times.shown), unit: 'ms', note: 'done at idle, before anyone asks' },
    { name: 'serializers: first generation after the file was shown', value: median(times.first), unit: 'ms', note: 'from the parse made when it was shown' },
    { name: 'serializers: same, without the cache (parsed again)', value: median(times.firstUncached), unit: 'ms', note: 'as before the cache' },
    { name: 'serializers: generation, file already parsed', value: median(times.cached), unit: 'ms', note: `${models} classes read as models; ${repeated}` },
    { name: 'serializers: read + generate, without the cache', value: median(times.uncached), unit: 'ms', note: repeated },
    { name: 'serializers: @lezer/python parse alone', value: median(times.parse), unit: 'ms', note: 'the floor for any reading built on it' },
  ];
  if (!python) return [...rows, { name: 'serializers: CPython ast.parse', value: 0, unit: 'ms', note: `${PYTHON} is missing: not measured` }];
  const ast = median(times.ast);
  const ratio = (name, value, note) => ({ name: `serializers: ${name} / ast.parse`, value: value / ast, unit: '×', note });
  return [
    ...rows,
    { name: 'serializers: CPython ast.parse, same file', value: ast, unit: 'ms', note: repeated },
    ratio('generation, file already parsed', median(times.cached), 'target ≤ 1.0'),
    ratio('first generation after the file was shown', median(times.first), 'target ≤ 2.0'),
    ratio('same, without the cache', median(times.firstUncached), 'before'),
    ratio('first generation, file never read before', median(times.cold), 'a command run before any models file was shown'),
    ratio('read + generate, without the cache', median(times.uncached), 'medians'),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
}
