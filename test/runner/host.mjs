// Starts VS Code's server on 127.0.0.1 with a private profile, and opens the workbench in headless
// Chromium. Used by the host test runner, `npm run try` and the benchmarks.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { bundleForNode } from '../../scripts/bundle.mjs';
import { buildPseudoLocaleCopy } from '../../scripts/pseudo-locale.mjs';
import { codeServerEntry, ensureCodeServer } from './install-code-server.mjs';
import { answerUiRequest, UI_REQUEST_MARK } from './ui.mjs';

export const CHROMIUM_PATH = process.env.DJANGO_KIT_CHROMIUM ?? '/usr/bin/chromium';

// Flags that keep Chromium from reaching out to the network these machines do not have.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A fresh folder to run in. Its path holds a space and non-ASCII characters on purpose, so every
 * suite proves that paths like the ones users have work end to end.
 */
export function makeRunDir(label) {
  const base = mkdtempSync(path.join(os.tmpdir(), `django-kit-${label}-`));
  const dir = path.join(base, 'Django Kit é');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Copies a fixture (a folder under test/fixtures/, or "empty") into `runDir` and returns its path. */
export function prepareWorkspace(repoRoot, fixture, runDir) {
  const target = path.join(runDir, fixture === 'empty' ? 'empty-folder' : fixture);
  if (fixture === 'empty') mkdirSync(target, { recursive: true });
  else cpSync(path.join(repoRoot, 'test', 'fixtures', fixture), target, { recursive: true });
  return target;
}

function userSettings(trusted) {
  return {
    // Trusted suites switch trust off entirely; restricted ones keep it on and never prompt, so the
    // folder opens in Restricted Mode as it would for a user who has not trusted it.
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'never',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
  };
}

/**
 * Makes `locale` a display language the server offers without any download. The server serves the
 * workbench in a language only when languagepacks.json (in the user data folder) lists a pack for
 * it with the pack's core translations; the workbench then reports that language to the extension
 * host, which loads l10n/bundle.l10n.<locale>.json and package.nls.<locale>.json of each extension.
 * The pack here translates nothing of VS Code's own, so the workbench stays in English and only
 * the extensions' own files change the text.
 */
function offerLanguage(userDataDir, locale) {
  const translations = path.join(userDataDir, `language-${locale}`, 'main.i18n.json');
  mkdirSync(path.dirname(translations), { recursive: true });
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The workbench lists a pack's first extension when it offers languages, so the entry names one.
  const extensions = [{ extensionIdentifier: { id: `django-kit-test.language-pack-${locale}` }, version: '0.0.0' }];
  const pack = { hash: `django-kit-test-${locale}`, extensions, translations: { vscode: translations }, label: locale };
  writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * Starts the server. Returns { baseUrl, authority, stop() }. `env` is added to the server's
 * environment, which the extension host inherits. `locale` (e.g. 'qps-ploc') runs VS Code in that
 * display language; see offerLanguage.
 */
export async function startServer({ runDir, trusted = true, locale, env = {}, log = () => {} }) {
  ensureCodeServer();
  const port = await freePort();
  const profile = path.join(runDir, '..', 'profile');
  const dirs = Object.fromEntries(
    ['config', 'data', 'tmp', 'user-data', 'extensions'].map((name) => [name, path.join(profile, name)]),
  );
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  writeFileSync(path.join(dirs['user-data'], 'User', 'settings.json'), JSON.stringify(userSettings(trusted), null, 2));
  if (locale) offerLanguage(dirs['user-data'], locale);

  const child = spawn(
    process.execPath,
    [
      codeServerEntry(),
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--user-data-dir', dirs['user-data'],
      '--extensions-dir', dirs.extensions,
      ...(locale ? ['--locale', locale] : []),
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        ...env,
        XDG_CONFIG_HOME: dirs.config,
        XDG_DATA_HOME: dirs.data,
        TMPDIR: dirs.tmp,
        // An empty gallery: otherwise the server tries to reach the marketplace.
        EXTENSIONS_GALLERY: '{}',
      },
    },
  );
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  const baseUrl = `http://127.0.0.1:${port}/`;
  await new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`code-server did not start within 60 s:\n${output}`));
    }, 60_000);
    const onData = (chunk) => {
      const text = chunk.toString();
      output += text;
      log(text);
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before it listened:\n${output}`));
    });
  });
  const authority = await readRemoteAuthority(baseUrl);
  return { baseUrl, authority, stop, child };
}

// The web workbench resolves file paths against the server through its remote authority, which
// the served page embeds in its configuration.
async function readRemoteAuthority(baseUrl) {
  const html = await (await fetch(baseUrl)).text();
  const match = /&quot;remoteAuthority&quot;:&quot;([^&]+)&quot;/.exec(html);
  if (!match) throw new Error('could not find remoteAuthority in the workbench page');
  return match[1];
}

/** The workbench URL that opens `folder` with `payload` ([key, value] pairs the workbench reads). */
export function workbenchUrl({ baseUrl, authority }, folder, payload = []) {
  const url = new URL(baseUrl);
  url.searchParams.set('folder', folder);
  if (payload.length > 0) url.searchParams.set('payload', JSON.stringify(payload));
  return url.toString();
}

export function remoteUri(authority, fsPath) {
  return `vscode-remote://${authority}${fsPath.split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Bundles a module for the extension host to run in place of tests (a benchmark probe, screenshot scenes). */
export function buildHostModule(entry, outfile) {
  return bundleForNode({ entry, outfile, external: ['vscode'] });
}

/** Launches headless Chromium whose only reachable host is the loopback server. */
export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/*', (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === '127.0.0.1' || hostname === 'localhost') return route.continue();
    return route.abort();
  });
  return { browser, context };
}

// The log hook carries the workbench's own start-up messages too; these say nothing about the tests.
const WORKBENCH_CHATTER = [
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket/,
  /additional builtin extensions/,
  /^\[Service Worker\]/,
  /^ChatSessionStore/,
  /^Creation of workbench contribution/,
];

/**
 * Opens `fixture` (copied to a fresh folder) in a new server and browser with the repository
 * loaded as the extension under development, and has the extension host run `testsPath`
 * (a module exporting `run()`). Every line the host logs goes to `onLine`. Resolves to the
 * host's exit code, or 'timeout'. `onLine` also receives the Playwright page (for screenshots).
 * `locale` runs VS Code in that display language; with `pseudoLocalize` the extension (and the
 * tests, so that they share its API object) run from a copy whose messages for that locale are
 * bracketed (scripts/pseudo-locale.mjs). Lines the tests log with UI requests (test/host/ui.ts)
 * are answered from the page, not passed on.
 */
export async function runInHost({ repoRoot, label, fixture, trusted = true, locale, pseudoLocalize = false, testsPath, env = {}, onLine, timeoutMs, keep = false, verbose = false }) {
  const runDir = makeRunDir(label);
  const workspace = prepareWorkspace(repoRoot, fixture, runDir);
  let extensionPath = repoRoot;
  if (pseudoLocalize) {
    if (!locale) throw new Error('pseudoLocalize needs a locale');
    extensionPath = buildPseudoLocaleCopy({ extensionDir: repoRoot, locale, outDir: path.join(runDir, '..', 'extension') });
    testsPath = path.join(extensionPath, path.relative(repoRoot, testsPath));
  }
  const serverLog = [];
  const server = await startServer({ runDir, trusted, locale, env, log: (text) => serverLog.push(text) });
  const { browser, context } = await launchBrowser();
  try {
    const page = await context.newPage();
    const exit = new Promise((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (_type, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      if (!verbose && WORKBENCH_CHATTER.some((pattern) => pattern.test(text))) return;
      for (const line of text.split('\n')) {
        if (line.startsWith(UI_REQUEST_MARK)) void answerUiRequest(page, line);
        else onLine(line, page);
      }
    });
    if (verbose) page.on('console', (message) => onLine(`[browser] ${message.text()}`));
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server.authority, extensionPath)],
      ['extensionTestsPath', remoteUri(server.authority, testsPath)],
    ];
    await page.goto(workbenchUrl(server, workspace, payload));
    let timer;
    const timeout = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    if (code === 'timeout') {
      const shot = path.join(runDir, '..', 'timeout.png');
      await page.screenshot({ path: shot }).catch(() => {});
      onLine(`timed out after ${timeoutMs / 1000} s; screenshot: ${shot}`);
      keep = true;
    } else if (code !== 0) {
      for (const line of serverLog.join('').split('\n')) onLine(`[server] ${line}`);
    }
    return code;
  } finally {
    await browser.close().catch(() => {});
    server.stop();
    if (!keep) rmSync(path.join(runDir, '..'), { recursive: true, force: true });
  }
}
