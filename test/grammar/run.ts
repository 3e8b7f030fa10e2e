// Runs the grammar assertion files in this folder with vscode-tmgrammar-test, giving it the Django
// grammars from package.json plus VS Code's HTML, CSS and JavaScript grammars they embed (taken
// from the code-server install the host tests use, installed here first if it is missing).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtInGrammarPaths, REPO_ROOT } from './registry';

interface CodeServerInstaller {
  ensureCodeServer(): string;
}

async function main(): Promise<number> {
  const installerUrl = pathToFileURL(path.join(REPO_ROOT, 'test', 'runner', 'install-code-server.mjs')).href;
  const installer = (await import(installerUrl)) as CodeServerInstaller;
  installer.ensureCodeServer();
  const grammars = [...builtInGrammarPaths().values()];
  const args = [
    require.resolve('vscode-tmgrammar-test/dist/unit.js'),
    '--config',
    path.join(REPO_ROOT, 'package.json'),
    ...grammars.flatMap((file) => ['-g', file]),
    path.join(REPO_ROOT, 'test', 'grammar', '*.djhtml'),
    path.join(REPO_ROOT, 'test', 'grammar', '*.djtxt'),
  ];
  return spawnSync(process.execPath, args, { stdio: 'inherit' }).status ?? 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`test:grammar: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
