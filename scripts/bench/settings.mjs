// Settings benchmark, on a generated 5,000-line settings module. Each figure that claims to be a
// "first" runs in its own fresh Node process, so that it really is the first use of the parser:
//   - first hover: what a hover costs before anything was parsed (only the statement under it is);
//   - first full parse: the parse the checks do, cold, and again after a one-off warm-up of the
//     parser on a tiny input (to tell the parser's start-up from the work proportional to the file);
//   - warm figures: repeated full parses, reparse after a keystroke, hovers on the cached scan;
//   - knowledge: loading the compiled JSON the extension reads, and the YAML the build reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../bundle.mjs';
import { percentile } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, '.bench', 'settings');
const TARGET_LINES = 5000;

// Runs inside the child process: prints one JSON object of timings for the mode it is given.
const PROBE = `
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parser } from '@lezer/python';
import { SettingsIndexCache } from './src/core/settings/cache';
import { diagnose, diagnoseInSlices } from './src/core/settings/diagnostics';
import { loadCompiledKnowledge } from './src/core/settings/knowledge';
import { loadKnowledgeBase } from './src/core/settings/knowledge-source';
import { hoverAt } from './src/core/settings/lookup';
import { scanSettings, scanSettingsAround, scanSettingsInSlices, warmUpParser } from './src/core/settings/scanner';
import { runInSlices } from './src/core/settings/slices';

const [mode, file, knowledgeJson, dataDir] = process.argv.slice(2);
const source = readFileSync(file, 'utf8');

// Wall and CPU time of one call. CPU time is what the work costs on a shared machine, where the wall
// clock also counts waiting for a core; it includes V8's compiler and GC threads, part of a first use.
function timed(work) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { result, ms, cpuMs: (used.user + used.system) / 1000 };
}

function firstHover() {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  // The last setting of the module: the statement parsed is as far from the start as can be.
  const offset = source.lastIndexOf('"CONN_MAX_AGE"') + 2;
  const hover = timed(() => hoverAt(scanSettingsAround(source, offset, true), offset, knowledge));
  if (!hover.result) throw new Error('no hover at the probed offset');
  return { firstHoverMs: hover.ms, firstHoverCpuMs: hover.cpuMs };
}

function firstParse() {
  const parse = timed(() => scanSettings(source, true));
  return { firstParseMs: parse.ms, firstParseCpuMs: parse.cpuMs };
}

function firstParseAfterWarmUp() {
  parser.parse('DEBUG = True\\nREST_FRAMEWORK = {"PAGE_SIZE": [1, (2,)]}\\nif X:\\n    Y = 1\\n');
  const parse = timed(() => scanSettings(source, true));
  return { warmedParseMs: parse.ms, warmedParseCpuMs: parse.cpuMs };
}

function knowledgeLoads() {
  const json = timed(() => loadCompiledKnowledge(knowledgeJson));
  const yaml = timed(() => loadKnowledgeBase(dataDir));
  return { jsonMs: json.ms, jsonCpuMs: json.cpuMs, yamlMs: yaml.ms, entries: json.result.knowledge.entries().length };
}

function warm() {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  const index = scanSettings(source, true);
  const parses = [];
  const parseCpus = [];
  for (let i = 0; i < 20; i++) {
    const parse = timed(() => scanSettings(source, true));
    parses.push(parse.ms);
    parseCpus.push(parse.cpuMs);
  }
  // What typing costs: one character inserted in the middle, reparsed from the kept tree.
  const cache = new SettingsIndexCache();
  cache.get('doc', 0, true, () => source);
  const edits = [];
  let text = source;
  for (let version = 1; version <= 20; version++) {
    const at = text.indexOf('"PAGE_SIZE"', (text.length >> 1) + version * 97) + 1;
    text = text.slice(0, at) + 'X' + text.slice(at);
    cache.edit('doc', [{ from: at, to: at, insertedLength: 1 }], version);
    edits.push(timed(() => cache.get('doc', version, true, () => text)).ms);
  }
  // Hover positions: the middle of every site, visited in a fixed shuffled order, several rounds.
  const offsets = index.sites.map((site) => (site.from + site.to) >> 1);
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const hovers = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < offsets.length; i++) {
      const offset = offsets[Math.floor(random() * offsets.length)];
      hovers.push(timed(() => hoverAt(index, offset, knowledge)).ms);
    }
  }
  return { parses, parseCpus, edits, hovers, sites: index.sites.length };
}

const CHECK_OPTIONS = { unknownNames: true, deprecated: true, security: true, production: true };
const hoverOffset = () => source.lastIndexOf('"CONN_MAX_AGE"') + 2;

// The check as it ran before: parse and diagnose in one go, holding the thread throughout.
function checkInOneGo(knowledge) {
  return diagnose(scanSettings(source, true), knowledge, CHECK_OPTIONS);
}

function checkInSlices(knowledge) {
  return runInSlices(() => false, async (slices) => diagnoseInSlices(await scanSettingsInSlices(source, true, slices), knowledge, CHECK_OPTIONS, slices));
}

/** Times a sliced check and the longest stretch it kept the event loop from anything else. */
async function slicedCheckTimes(knowledge) {
  let last = performance.now();
  let longest = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const start = performance.now();
  const found = await checkInSlices(knowledge);
  const ms = performance.now() - start;
  ticking = false;
  return { ms, longest, findings: found.length };
}

/**
 * A hover asked for just after a check started, as when a settings file is opened and hovered at
 * once: how long from the request to the answer, with the check in one go and with the sliced one.
 */
async function hoverDuringCheck(sliced) {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  const cache = new SettingsIndexCache();
  const offset = hoverOffset();
  let check;
  const asked = performance.now();
  const answered = new Promise((resolve) => setImmediate(() => {
    hoverAt(cache.around('doc', 1, true, () => source, offset), offset, knowledge);
    resolve(performance.now() - asked);
  }));
  if (sliced) check = runInSlices(() => false, async (slices) => diagnoseInSlices(await cache.getInSlices('doc', 1, true, () => source, slices), knowledge, CHECK_OPTIONS, slices));
  else check = Promise.resolve(diagnose(cache.get('doc', 1, true, () => source), knowledge, CHECK_OPTIONS));
  const hoverMs = await answered;
  await check;
  return hoverMs;
}

async function hoverDuringCheckInOneGo() {
  return { hoverDuringCheckMs: await hoverDuringCheck(false) };
}

async function hoverDuringSlicedCheck() {
  return { hoverDuringSlicedCheckMs: await hoverDuringCheck(true) };
}

/** Fresh process: the first check cold, then warm, in one go and sliced. */
async function checks() {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  const cold = timed(() => checkInOneGo(knowledge));
  const warmRuns = [];
  for (let i = 0; i < 10; i++) warmRuns.push(timed(() => checkInOneGo(knowledge)).ms);
  // Diagnosing a kept scan: what a re-check costs when only the options changed.
  const index = scanSettings(source, true);
  const diagnoseRuns = [];
  for (let i = 0; i < 10; i++) diagnoseRuns.push(timed(() => diagnose(index, knowledge, CHECK_OPTIONS)).ms);
  const sliced = [];
  for (let i = 0; i < 10; i++) sliced.push(await slicedCheckTimes(knowledge));
  return { coldCheckMs: cold.ms, warmChecks: warmRuns, diagnoseRuns, slicedChecks: sliced.map((run) => run.ms), slicedLongest: sliced.map((run) => run.longest), findings: sliced[0].findings };
}

async function coldSlicedCheck() {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  const run = await slicedCheckTimes(knowledge);
  return { coldSlicedCheckMs: run.ms, coldSlicedLongestMs: run.longest };
}

function warmUpThenHover() {
  const { knowledge } = loadCompiledKnowledge(knowledgeJson);
  const warmUp = timed(() => warmUpParser());
  const offset = hoverOffset();
  const hover = timed(() => hoverAt(scanSettingsAround(source, offset, true), offset, knowledge));
  return { warmUpMs: warmUp.ms, hoverAfterWarmUpMs: hover.ms };
}

const modes = {
  firstHover,
  firstParse,
  firstParseAfterWarmUp,
  knowledgeLoads,
  warm,
  checks,
  coldSlicedCheck,
  hoverDuringCheckInOneGo,
  hoverDuringSlicedCheck,
  warmUpThenHover,
};
void Promise.resolve(modes[mode]()).then((figures) => console.log(JSON.stringify(figures)));
`;

/** A settings module as projects grow them: plain settings, settings dicts, custom names and comments. */
export function generateSettings() {
  const lines = ['"""Generated settings for the benchmark."""', 'import os', 'from datetime import timedelta', ''];
  for (let block = 0; lines.length < TARGET_LINES; block++) {
    lines.push(
      `# Block ${block}`,
      'DEBUG = False',
      `ALLOWED_HOSTS = ["host${block}.example.com", "localhost"]`,
      `TIME_ZONE = "Europe/Paris"`,
      `MY_FEATURE_FLAG_${block} = True`,
      // A typo, so the checks' "did you mean" has work to do.
      'SECURE_HSTS_SECOND = 3600',
      'INSTALLED_APPS += ["django.contrib.admin"]',
      'REST_FRAMEWORK = {',
      '    "DEFAULT_AUTHENTICATION_CLASSES": [',
      '        "rest_framework_simplejwt.authentication.JWTAuthentication",',
      '    ],',
      '    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],',
      `    "PAGE_SIZE": ${block % 100},`,
      '}',
      'SIMPLE_JWT = {',
      '    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5),',
      '    "ALGORITHM": "HS256",',
      '}',
      'DATABASES = {',
      '    "default": {',
      '        "ENGINE": "django.db.backends.postgresql",',
      `        "NAME": "db${block}",`,
      '        "CONN_MAX_AGE": 60,',
      '    },',
      '}',
      `DATABASES["default"]["HOST"] = os.environ.get("DB_HOST", "localhost")`,
      '',
    );
  }
  return `${lines.slice(0, TARGET_LINES).join('\n')}\n`;
}

/** Runs one mode of the probe in a fresh Node process. */
function probe(script, mode, settingsFile) {
  const knowledgeJson = path.join(repoRoot, 'dist', 'settings-knowledge.json');
  const args = [script, mode, settingsFile, knowledgeJson, path.join(repoRoot, 'data', 'settings')];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`settings probe (${mode}) failed:\n${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout);
}

export async function bench() {
  mkdirSync(workDir, { recursive: true });
  const script = path.join(workDir, 'probe.js');
  await bundleForNode({ source: PROBE, outfile: script });
  const settingsFile = path.join(workDir, 'settings.py');
  writeFileSync(settingsFile, generateSettings());
  const figures = {};
  const modes = ['firstHover', 'firstParse', 'firstParseAfterWarmUp', 'knowledgeLoads', 'warm', 'checks', 'coldSlicedCheck', 'warmUpThenHover'];
  for (const mode of modes) {
    Object.assign(figures, probe(script, mode, settingsFile));
  }
  // The two ways of checking, interleaved, each in fresh processes: the load on the machine changes.
  const duringOneGo = [];
  const duringSliced = [];
  for (let i = 0; i < 5; i++) {
    duringOneGo.push(probe(script, 'hoverDuringCheckInOneGo', settingsFile).hoverDuringCheckMs);
    duringSliced.push(probe(script, 'hoverDuringSlicedCheck', settingsFile).hoverDuringSlicedCheckMs);
  }
  // The machine is shared; the load at measurement time says how far the wall times are inflated.
  const note = `${TARGET_LINES} lines, ${figures.sites} setting sites, load average ${os.loadavg()[0].toFixed(1)}`;
  return [
    { name: 'settings: first hover (fresh process)', value: figures.firstHoverMs, unit: 'ms', note: `${note}; last statement of the file; target ≤ 20 ms` },
    { name: 'settings: first hover CPU time', value: figures.firstHoverCpuMs, unit: 'ms', note: 'user + system, all threads' },
    { name: 'settings: first full parse (fresh process)', value: figures.firstParseMs, unit: 'ms', note: 'what the checks parse, off the hover path' },
    { name: 'settings: first full parse CPU time', value: figures.firstParseCpuMs, unit: 'ms', note: 'user + system, all threads' },
    { name: 'settings: first full parse, parser warmed', value: figures.warmedParseMs, unit: 'ms', note: 'fresh process, after one parse of a 4-line input' },
    { name: 'settings: first full parse, warmed, CPU', value: figures.warmedParseCpuMs, unit: 'ms', note: 'user + system, all threads' },
    { name: 'settings: repeated full parse p50', value: percentile(figures.parses, 50), unit: 'ms', note: '20 runs, warm parser' },
    { name: 'settings: repeated full parse CPU p50', value: percentile(figures.parseCpus, 50), unit: 'ms', note: 'user + system, all threads' },
    { name: 'settings: reparse after a keystroke p50', value: percentile(figures.edits, 50), unit: 'ms', note: '20 one-character edits, kept tree reused' },
    { name: 'settings: warm hover p50', value: percentile(figures.hovers, 50), unit: 'ms', note: `${figures.hovers.length} hovers on the cached scan; target ≤ 1 ms` },
    { name: 'settings: warm hover p99', value: percentile(figures.hovers, 99), unit: 'ms', note: 'target ≤ 1 ms' },
    { name: 'settings: first check in one go (fresh process)', value: figures.coldCheckMs, unit: 'ms', note: `parse + diagnose, ${figures.findings} findings; as before: holds the thread throughout` },
    { name: 'settings: check in one go, warm p50', value: percentile(figures.warmChecks, 50), unit: 'ms', note: '10 runs, full parse each' },
    { name: 'settings: diagnose a kept scan p50', value: percentile(figures.diagnoseRuns, 50), unit: 'ms', note: '10 runs; candidate names listed once, suggestions remembered' },
    { name: 'settings: first sliced check (fresh process)', value: figures.coldSlicedCheckMs, unit: 'ms', note: 'wall time from start to findings' },
    { name: 'settings: first sliced check, longest slice', value: figures.coldSlicedLongestMs, unit: 'ms', note: 'the longest anything else waited' },
    { name: 'settings: sliced check, warm p50', value: percentile(figures.slicedChecks, 50), unit: 'ms', note: '10 runs' },
    { name: 'settings: sliced check, warm longest slice p50', value: percentile(figures.slicedLongest, 50), unit: 'ms', note: `the longest wait of each of 10 runs: ${figures.slicedLongest.map((v) => v.toFixed(1)).join(', ')}` },
    { name: 'settings: hover asked as a check starts, in one go', value: percentile(duringOneGo, 50), unit: 'ms', note: `median of 5 fresh processes: ${duringOneGo.map((v) => v.toFixed(1)).join(', ')}` },
    { name: 'settings: hover asked as a check starts, sliced', value: percentile(duringSliced, 50), unit: 'ms', note: `median of 5, interleaved with the above: ${duringSliced.map((v) => v.toFixed(1)).join(', ')}` },
    { name: 'settings: parser warm-up (fresh process)', value: figures.warmUpMs, unit: 'ms', note: 'paid when a settings module is shown, or at idle' },
    { name: 'settings: first hover after the warm-up', value: figures.hoverAfterWarmUpMs, unit: 'ms', note: 'same process' },
    { name: 'settings: load knowledge (JSON, run time)', value: figures.jsonMs, unit: 'ms', note: `${figures.entries} entries from dist/settings-knowledge.json, fresh process` },
    { name: 'settings: load knowledge CPU time', value: figures.jsonCpuMs, unit: 'ms', note: 'user + system, all threads' },
    { name: 'settings: read knowledge YAML (build time)', value: figures.yamlMs, unit: 'ms', note: 'for comparison: what every first hover paid before' },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const row of await bench()) console.log(`${row.name.padEnd(44)} ${row.value.toFixed(3).padStart(10)} ${row.unit}  ${row.note ?? ''}`);
}
