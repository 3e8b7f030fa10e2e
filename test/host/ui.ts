// Asks the runner, which drives the browser, to read what the workbench shows (test/runner/ui.mjs):
// the request goes out as a log line, the answer comes back as a JSON file.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitFor } from './util';

const UI_REQUEST_MARK = 'DJANGO_KIT_UI ';

async function askUi<T>(action: string, args: unknown): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'django-kit-ui-'));
  const reply = path.join(dir, 'answer.json');
  try {
    console.log(`${UI_REQUEST_MARK}${JSON.stringify({ action, args, reply })}`);
    const answer = await waitFor(`the runner to answer '${action}'`, () => JSON.parse(readFileSync(reply, 'utf8')) as { result?: T; error?: string }, 30_000, 100);
    if (answer.error !== undefined) throw new Error(`UI ${action}: ${answer.error}`);
    return answer.result as T;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The labels of the command palette's rows for `query`, as displayed. */
export function paletteRows(query: string): Promise<string[]> {
  return askUi('paletteRows', { query });
}

/** A piece of text a webview shows: `where` names its element, for failure messages. */
export interface ShownText {
  readonly where: string;
  readonly text: string;
}

/** The text (and placeholder, aria-label, title) of the webview page that has `root`, outside `exclude`. */
export function webviewText(root: string, exclude: readonly string[]): Promise<ShownText[]> {
  return askUi('webviewText', { root, exclude });
}
