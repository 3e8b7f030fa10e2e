// Runs inside the extension host for `npm run bench -- settings-host`: opens a 5,000-line settings
// module right after activation and hovers its last setting at once, then again once all is quiet.
// The same probe runs against a no-op copy of the extension, whose figures are VS Code's own share.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import vscode = require('vscode');
import { profiled } from './profile';

const EXTENSION_ID = 'django-kit.django-kit';
const QUIET_MS = 2500;
/**
 * A moment after the first check of a file that has just opened starts (OPENED_DELAY_MS in
 * src/features/settings/checks.ts): a hover then meets that check.
 */
const DURING_CHECK_MS = 1030;
const WARM_HOVERS = 15;

async function hoverCount(uri: vscode.Uri, position: vscode.Position): Promise<{ ms: number; hovers: number }> {
  const started = performance.now();
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return { ms: performance.now() - started, hovers: hovers.length };
}

/**
 * Watches the extension host's thread, which our hovers, completion and checks share: the longest time
 * a timer waited past its due time is the longest anything on the thread had to wait.
 */
class ThreadWatch {
  private last = performance.now();
  private timer: NodeJS.Timeout | undefined;
  longestMs = 0;

  start(): void {
    this.last = performance.now();
    this.longestMs = 0;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.longestMs = Math.max(this.longestMs, now - this.last - TICK_MS);
      this.last = now;
    }, TICK_MS);
  }

  stop(): number {
    clearInterval(this.timer);
    return this.longestMs;
  }
}

const TICK_MS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export async function run(): Promise<void> {
  const [file, second] = (process.env.DJANGO_KIT_BENCH_SETTINGS ?? '').split(path.delimiter);
  if (!file || !second) throw new Error('DJANGO_KIT_BENCH_SETTINGS names no two settings modules');
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  await extension.activate();
  const watch = new ThreadWatch();
  watch.start();
  const { document, shownMs, first } = await profiled(async () => {
    const opened = performance.now();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(document);
    const shownMs = performance.now() - opened;
    const position = document.positionAt(document.getText().lastIndexOf('"CONN_MAX_AGE"') + 2);
    return { document, shownMs, first: await hoverCount(document.uri, position) };
  });
  const position = document.positionAt(document.getText().lastIndexOf('"CONN_MAX_AGE"') + 2);
  const blockedUntilHoverMs = watch.stop();
  // The check starts a moment after the file opened and runs now: how long did it hold the thread at most?
  watch.start();
  await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
  const blockedAfterHoverMs = watch.stop();
  const warm: number[] = [];
  for (let i = 0; i < WARM_HOVERS; i++) warm.push((await hoverCount(document.uri, position)).ms);
  // A second module of the same size, hovered when its first check has just started.
  const other = await vscode.workspace.openTextDocument(vscode.Uri.file(second));
  await vscode.window.showTextDocument(other);
  await new Promise((resolve) => setTimeout(resolve, DURING_CHECK_MS));
  const during = await hoverCount(other.uri, other.positionAt(other.getText().lastIndexOf('"CONN_MAX_AGE"') + 2));
  const figures = { duringCheckMs: during.ms, shownMs, firstHoverMs: first.ms, firstHovers: first.hovers, warmHoverMs: median(warm), blockedUntilHoverMs, blockedAfterHoverMs };
  console.log(`DJANGO_KIT_BENCH ${JSON.stringify(figures)}`);
}
