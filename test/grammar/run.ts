// Runs the grammar assertion files in this folder with vscode-tmgrammar-test, giving it the Django
// grammars from package.json plus VS Code's HTML, CSS and JavaScript grammars they embed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { builtInGrammarPaths, REPO_ROOT } from './registry';

function main(): number {
  let grammars: string[];
  try {
    grammars = [...builtInGrammarPaths().values()];
  } catch (error) {
    process.stderr.write(`test:grammar: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  const cli = require.resolve('vscode-tmgrammar-test/dist/unit.js');
  const args = [
    cli,
    '--config',
    path.join(REPO_ROOT, 'package.json'),
    ...grammars.flatMap((file) => ['-g', file]),
    path.join(REPO_ROOT, 'test', 'grammar', '*.djhtml'),
    path.join(REPO_ROOT, 'test', 'grammar', '*.djtxt'),
  ];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

process.exitCode = main();
