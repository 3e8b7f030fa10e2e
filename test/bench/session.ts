// Runs inside the extension host for `npm run bench`, with Django Kit or the no-op extension loaded
// in the django-project fixture: opens the settings module, hovers a setting's name many times
// (warm round trips through the host, as the editor asks), then reports the host's memory after a full
// garbage collection. The same session with the no-op extension is what the host costs by itself.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import vscode = require('vscode');

const EXTENSION_ID = 'django-kit.django-kit';
const HOVERS = 100;
const SETTING = 'INSTALLED_APPS';

/**
 * A full garbage collection, so that the memory figures are what the session keeps, not garbage that
 * the collector happened not to reach yet (that varied by up to 14 MB between identical runs).
 */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))];
}

async function hoverOnce(uri: vscode.Uri, position: vscode.Position): Promise<{ ms: number; found: boolean }> {
  const started = performance.now();
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return { ms: performance.now() - started, found: hovers.length > 0 };
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  const [settings] = await vscode.workspace.findFiles('**/settings.py', undefined, 1);
  if (!settings) throw new Error('the fixture has no settings.py');
  const document = await vscode.workspace.openTextDocument(settings);
  await vscode.window.showTextDocument(document);
  const offset = document.getText().indexOf(SETTING);
  if (offset < 0) throw new Error(`${SETTING} is not in ${settings.fsPath}`);
  const position = document.positionAt(offset + 2);
  // The first hover loads what the feature needs (and asks the interpreter once); the figure is the warm one.
  const first = await hoverOnce(settings, position);
  const times: number[] = [];
  for (let i = 0; i < HOVERS; i++) times.push((await hoverOnce(settings, position)).ms);
  // The same where no provider has anything to say: the host's messages alone, without a payload.
  const blankLine = Array.from({ length: document.lineCount }, (_, line) => line).find((line) => document.lineAt(line).isEmptyOrWhitespace) ?? 0;
  const blank = new vscode.Position(blankLine, 0);
  const blankTimes: number[] = [];
  for (let i = 0; i < HOVERS; i++) blankTimes.push((await hoverOnce(settings, blank)).ms);
  collectGarbage();
  const memory = process.memoryUsage();
  const figure = {
    firstHoverMs: first.ms,
    found: first.found,
    hoverP50Ms: percentile(times, 50),
    hoverP90Ms: percentile(times, 90),
    blankHoverP50Ms: percentile(blankTimes, 50),
    heapUsedMB: memory.heapUsed / 2 ** 20,
    rssMB: memory.rss / 2 ** 20,
  };
  console.log(`DJANGO_KIT_BENCH ${JSON.stringify(figure)}`);
}
