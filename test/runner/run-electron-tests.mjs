// The same host suites, run in desktop VS Code through @vscode/test-electron, for a developer
// machine with internet (it downloads VS Code into .vscode-test/ the first time).
//
//   node test/runner/run-electron-tests.mjs [--suite NAME]... [--grep TEXT]
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runTests } from '@vscode/test-electron';
import { makeRunDir, prepareWorkspace } from './host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { values } = parseArgs({ options: { suite: { type: 'string', multiple: true }, grep: { type: 'string' } } });

const built = path.join(repoRoot, 'dist-test', 'host');
const names = values.suite ?? readdirSync(built).filter((name) => existsSync(path.join(built, name, 'index.js')));
let failed = 0;
for (const name of names) {
  const configFile = path.join(repoRoot, 'test', 'host', name, 'suite.json');
  const config = existsSync(configFile) ? JSON.parse(readFileSync(configFile, 'utf8')) : {};
  if (config.pseudoLocalize) {
    // It reads the palette and webviews through the browser page, which only the code-server runner drives.
    console.log(`\nHost suite '${name}' skipped: it runs only with npm run test:host`);
    continue;
  }
  const trusted = config.trusted ?? true;
  const runDir = makeRunDir(name);
  const workspace = prepareWorkspace(repoRoot, config.workspace ?? 'django-project', runDir);
  const userData = path.join(runDir, '..', 'user-data');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ 'security.workspace.trust.enabled': !trusted, 'security.workspace.trust.startupPrompt': 'never' }),
  );
  console.log(`\nHost suite '${name}' (desktop VS Code)`);
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(built, name, 'index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
      extensionTestsEnv: { DJANGO_KIT_TEST_GREP: values.grep ?? '' },
    });
  } catch (error) {
    failed += 1;
    console.log(`  ✗ ${error instanceof Error ? error.message : String(error)}`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
