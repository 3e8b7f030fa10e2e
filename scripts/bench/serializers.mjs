// Serializers benchmark: reading a generated 200-model models.py and generating serializers,
// views and urls from it, side by side with CPython's own `ast.parse` of the same file (parsing
// only, in C). Both sides time themselves in-process, so process start-up is left out.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../bundle.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, '.bench', 'serializers');
const PYTHON = '/usr/bin/python3';
const MODELS = 200;
const RUNS = 20;
// The machine is shared: the two sides take turns, round after round, so load hits both alike.
const ROUNDS = 3;

// Runs in a child process: prints one JSON object of timings in milliseconds.
const PROBE = `
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parser } from '@lezer/python';
import { readModels } from './src/core/models/read';
import { generate } from './src/core/serializers/generate';
import { renderModule } from './src/core/serializers/python';

const [file, runs] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const once = () => {
  const reading = readModels([{ path: 'models.py', text }]);
  const generation = generate(reading, { many: true, partial: true, views: 'viewset', urls: true, nested: true });
  generation.files.forEach(renderModule);
  return reading.models.length;
};
const times = [];
const parseTimes = [];
let models = 0;
for (let i = 0; i < Number(runs); i++) {
  let start = performance.now();
  models = once();
  times.push(performance.now() - start);
  start = performance.now();
  parser.parse(text);
  parseTimes.push(performance.now() - start);
}
console.log(JSON.stringify({ times, parseTimes, models }));
`;

const AST_PROBE = `
import ast, json, sys, time
text = open(sys.argv[1], encoding="utf-8").read()
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter()
    ast.parse(text)
    times.append((time.perf_counter() - start) * 1000)
print(json.dumps(times))
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

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
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
  const note = `${MODELS} models, ${lines} lines; median of ${ROUNDS}×${RUNS} runs, the two sides alternating`;
  const python = existsSync(PYTHON);
  const ourTimes = [];
  const parseTimes = [];
  const astTimes = [];
  let first;
  let models = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const ours = run(process.execPath, [probe, file, String(RUNS)]);
    first ??= ours.times[0];
    models = ours.models;
    // The first run of each process pays for compiling the parser: it is reported on its own.
    ourTimes.push(...ours.times.slice(1));
    parseTimes.push(...ours.parseTimes.slice(1));
    if (python) astTimes.push(...run(PYTHON, ['-c', AST_PROBE, file, String(RUNS)]).slice(1));
  }
  const rows = [
    { name: 'serializers: read + generate, first run in a process', value: first, unit: 'ms', note: `${models} classes read as models, abstract ones included` },
    { name: 'serializers: read + generate', value: median(ourTimes), unit: 'ms', note },
    { name: 'serializers: of which @lezer/python parse alone', value: median(parseTimes), unit: 'ms', note: 'the floor for any reading built on it' },
  ];
  if (!python) return [...rows, { name: 'serializers: CPython ast.parse', value: 0, unit: 'ms', note: `${PYTHON} is missing: not measured` }];
  return [
    ...rows,
    { name: 'serializers: CPython ast.parse, same file', value: median(astTimes), unit: 'ms', note },
    { name: 'serializers: read + generate / ast.parse', value: median(ourTimes) / median(astTimes), unit: '×', note: 'medians; target ≤ 1.0' },
    { name: 'serializers: read + generate / ast.parse, best runs', value: Math.min(...ourTimes) / Math.min(...astTimes), unit: '×', note: 'fastest run of each side' },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const row of await bench()) console.log(`${row.name}: ${row.value.toFixed(2)} ${row.unit}${row.note ? `  (${row.note})` : ''}`);
}
