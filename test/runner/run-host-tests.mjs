// Runs the host suites (dist-test/host/<suite>/) inside a real VS Code extension host: VS Code's
// server from code-server, driven by headless Chromium, fully offline. Each suite gets its own
// server, profile and temporary copy of its fixture workspace.
//
//   node test/runner/run-host-tests.mjs [--suite NAME]... [--grep TEXT] [--keep]
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, parseArgs } from 'node:util';
import { launchBrowser, makeRunDir, prepareWorkspace, remoteUri, startServer, workbenchUrl } from './host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SUITE_TIMEOUT_MS = Number(process.env.DJANGO_KIT_SUITE_TIMEOUT_MS ?? 10 * 60_000);
const RESULT_MARK = 'DJANGO_KIT_RESULT ';
// The log hook carries the workbench's own start-up messages too; these say nothing about the tests.
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /additional builtin extensions/,
  /^\[Service Worker\]/,
  /^ChatSessionStore/,
];

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
  for (const name of wanted) if (!all.includes(name)) throw new Error(`no host suite named '${name}' (have: ${all.join(', ')})`);
  return wanted.map((name) => {
    const configFile = path.join(repoRoot, 'test', 'host', name, 'suite.json');
    const config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
    return { name, dir: path.join(built, name), workspace: config.workspace ?? 'django-project', trusted: config.trusted ?? true };
  });
}

async function runSuite(suite) {
  const runDir = makeRunDir(suite.name);
  const workspace = prepareWorkspace(repoRoot, suite.workspace, runDir);
  const env = { DJANGO_KIT_TEST_GREP: values.grep ?? '', DJANGO_KIT_REPO_ROOT: repoRoot };
  const serverLog = [];
  const server = await startServer({ runDir, trusted: suite.trusted, env, log: (text) => serverLog.push(text) });
  const { browser, context } = await launchBrowser();
  let result = { passes: 0, failures: 0, pending: 0 };
  try {
    const page = await context.newPage();
    const exit = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!values.verbose && WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) return;
      if (text.startsWith(RESULT_MARK)) {
        result = JSON.parse(text.slice(RESULT_MARK.length));
        return;
      }
      for (const line of text.split('\n')) process.stdout.write(`  ${line}\n`);
    });
    if (values.verbose) page.on('console', (message) => console.log(`  [browser] ${message.text()}`));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.authority, repoRoot)],
      ['extensionTestsPath', remoteUri(server.authority, path.join(suite.dir, 'index.js'))],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), SUITE_TIMEOUT_MS);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      await page.screenshot({ path: path.join(runDir, '..', 'timeout.png') }).catch(() => {});
      throw new Error(`suite '${suite.name}' did not finish within ${SUITE_TIMEOUT_MS / 1000} s (screenshot in ${runDir}/..)`);
    }
    if (code !== 0 && result.failures === 0) {
      // The host ended badly before mocha could report (e.g. the tests module failed to load).
      result.failures = 1;
      process.stdout.write(`  suite '${suite.name}' ended with exit code ${code}\n${serverLog.join('').replace(/^/gm, '  [server] ')}\n`);
    }
    return result;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    if (!values.keep) rmSync(path.join(runDir, '..'), { recursive: true, force: true });
  }
}

async function main() {
  let passes = 0;
  let failures = 0;
  let pending = 0;
  for (const suite of suites()) {
    console.log(`\nHost suite '${suite.name}' (workspace: ${suite.workspace}, ${suite.trusted ? 'trusted' : 'Restricted Mode'})`);
    try {
      const result = await runSuite(suite);
      passes += result.passes;
      failures += result.failures;
      pending += result.pending;
    } catch (error) {
      failures += 1;
      console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\nhost: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
  process.exitCode = failures > 0 || passes === 0 ? 1 : 0;
}

await main();
