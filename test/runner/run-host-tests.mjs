// Runs the host suites (dist-test/host/<suite>/) inside a real VS Code extension host: VS Code's
// server from code-server, driven by headless Chromium, fully offline. Each suite gets its own
// server, profile and temporary copy of its fixture workspace (test/host/<suite>/suite.json).
//
//   node test/runner/run-host-tests.mjs [--suite NAME]... [--grep TEXT] [--keep] [--verbose]
//
// suite.json may also set "locale" (VS Code's display language, e.g. "qps-ploc") and
// "pseudoLocalize": true (run from a copy whose messages in that locale are ⟦bracketed⟧).
//
// The suites that run Python ("python": true in suite.json) run once per Django version chosen with
// DJANGO_KIT_DJANGO=3.2|4.2|5.2|all (comma-separated lists too; 3.2 by default); the others run once.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runInHost } from './host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUITE_TIMEOUT_MS = Number(process.env.DJANGO_KIT_SUITE_TIMEOUT_MS ?? 10 * 60_000);
// test/host/index.ts prints this line with the suite's mocha figures.
const RESULT_MARK = 'DJANGO_KIT_RESULT ';
const DJANGO_VERSIONS = ['3.2', '4.2', '5.2'];
// Where scripts/setup-django-versions.sh prepares 4.2 and 5.2; test/python/djangoVersions.ts reads the same.
const DJANGO_CACHE = process.env.DJANGO_KIT_CACHE || path.join(repoRoot, '.cache');

const { values } = parseArgs({
  options: {
    suite: { type: 'string', multiple: true },
    grep: { type: 'string' },
    keep: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});

function suites() {
  const built = path.join(repoRoot, 'dist-test', 'host');
  if (!existsSync(built)) throw new Error('dist-test/host is missing: build with `node esbuild.mjs --tests`');
  const all = readdirSync(built).filter((name) => existsSync(path.join(built, name, 'index.js'))).sort();
  const wanted = values.suite ?? all;
  for (const name of wanted) {
    if (!all.includes(name)) throw new Error(`no host suite named '${name}' (have: ${all.join(', ')})`);
  }
  return wanted.map((name) => {
    const configFile = path.join(repoRoot, 'test', 'host', name, 'suite.json');
    const config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
    return {
      name,
      testsPath: path.join(built, name, 'index.js'),
      fixture: config.workspace ?? 'django-project',
      trusted: config.trusted ?? true,
      runsPython: config.python ?? false,
      locale: config.locale,
      pseudoLocalize: config.pseudoLocalize ?? false,
    };
  });
}

/** The Django versions chosen with DJANGO_KIT_DJANGO; an unknown or unprepared one is an error that names it. */
function chosenDjangoVersions() {
  const wanted = process.env.DJANGO_KIT_DJANGO || '3.2';
  const versions = wanted === 'all' ? DJANGO_VERSIONS : wanted.split(',').map((version) => version.trim());
  for (const version of versions) {
    if (!DJANGO_VERSIONS.includes(version)) throw new Error(`DJANGO_KIT_DJANGO: no Django '${version}' (have: ${DJANGO_VERSIONS.join(', ')}, all)`);
    const python = version === '3.2' ? '/usr/bin/python3' : path.join(DJANGO_CACHE, `django-${version}`, 'venv', 'bin', 'python');
    if (!existsSync(python)) throw new Error(`DJANGO_KIT_DJANGO: Django ${version} is not prepared (${python} is missing): run \`npm run setup\``);
  }
  return versions;
}

/** Each suite once, and each suite that runs Python once per chosen Django version. */
function runs() {
  const versions = chosenDjangoVersions();
  return suites().flatMap((suite) => (suite.runsPython ? versions.map((django) => ({ ...suite, django })) : [{ ...suite, django: versions[0] }]));
}

async function runSuite(suite) {
  let result;
  const code = await runInHost({
    repoRoot,
    label: suite.name,
    fixture: suite.fixture,
    trusted: suite.trusted,
    locale: suite.locale,
    pseudoLocalize: suite.pseudoLocalize,
    testsPath: suite.testsPath,
    env: { DJANGO_KIT_TEST_GREP: values.grep ?? '', DJANGO_KIT_DJANGO: suite.django, DJANGO_KIT_CACHE: DJANGO_CACHE },
    timeoutMs: SUITE_TIMEOUT_MS,
    keep: values.keep,
    verbose: values.verbose,
    onLine: (line) => {
      if (line.startsWith(RESULT_MARK)) result = JSON.parse(line.slice(RESULT_MARK.length));
      else process.stdout.write(`  ${line}\n`);
    },
  });
  if (!result) {
    // The host ended before mocha could report: the tests module failed to load, or it timed out.
    console.log(`  ✗ suite '${suite.name}' ended without a result (exit: ${code})`);
    return { passes: 0, failures: 1, pending: 0 };
  }
  return result;
}

let passes = 0;
let failures = 0;
let pending = 0;
for (const suite of runs()) {
  const django = suite.runsPython ? `, Django ${suite.django}` : '';
  console.log(`\nHost suite '${suite.name}' (workspace: ${suite.fixture}, ${suite.trusted ? 'trusted' : 'Restricted Mode'}${django})`);
  try {
    const result = await runSuite(suite);
    passes += result.passes;
    failures += result.failures;
    pending += result.pending;
  } catch (error) {
    failures += 1;
    console.log(`  ✗ ${error instanceof Error ? error.stack : String(error)}`);
  }
}
console.log(`\nhost: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
