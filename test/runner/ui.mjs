// Lets a host test read what the workbench shows, which the extension API cannot see: the command
// palette's rows and a webview's page. The test logs a request line (test/host/ui.ts writes it);
// the runner, which drives the browser, answers by writing JSON to the file the request names.
import { writeFileSync } from 'node:fs';

export const UI_REQUEST_MARK = 'DJANGO_KIT_UI ';

/** Opens the command palette, types `query`, and returns the rows' labels as displayed; then closes it. */
async function paletteRows(page, { query }) {
  await page.keyboard.press('Escape');
  await page.locator('.monaco-workbench').click({ position: { x: 5, y: 5 } }).catch(() => {});
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${query}`);
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 10_000 });
  // The list filters as it is typed into; wait until it has settled on the final query.
  let labels = [];
  for (let previous; JSON.stringify(labels) !== previous; await page.waitForTimeout(200)) {
    previous = JSON.stringify(labels);
    labels = await rows.evaluateAll((nodes) =>
      nodes.map((row) => row.querySelector('.quick-input-list-label .label-name, .label-name')?.textContent ?? row.getAttribute('aria-label') ?? ''),
    );
  }
  await page.keyboard.press('Escape');
  return labels;
}

/**
 * The text a person reads in the webview whose page has `root`: every non-blank text node outside
 * the `exclude` selectors (places that show data, such as the token itself), and the placeholder,
 * aria-label and title attributes outside them, each as `{ where, text }`.
 */
async function webviewText(page, { root, exclude = [] }) {
  for (const frame of page.frames()) {
    const runs = await frame
      .evaluate(
        ({ root, exclude }) => {
          const top = document.querySelector(root);
          if (!top) return undefined;
          const skip = (node) => exclude.some((selector) => node.closest(selector));
          const describe = (node) => `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}${node.className ? `.${String(node.className).split(' ').join('.')}` : ''}`;
          const found = [];
          const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
          for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const parent = text.parentElement;
            if (!parent || skip(parent) || parent.closest('[hidden], script, style')) continue;
            if (text.textContent.trim()) found.push({ where: describe(parent), text: text.textContent.trim() });
          }
          for (const element of top.querySelectorAll('[placeholder], [aria-label], [title]')) {
            if (skip(element) || element.closest('[hidden]')) continue;
            for (const name of ['placeholder', 'aria-label', 'title']) {
              const value = element.getAttribute(name);
              if (value?.trim()) found.push({ where: `${describe(element)}[${name}]`, text: value.trim() });
            }
          }
          return found;
        },
        { root, exclude },
      )
      .catch(() => undefined);
    if (runs) return runs;
  }
  throw new Error(`no webview page has ${root}`);
}

const ACTIONS = { paletteRows, webviewText };

/** Answers one request line; any failure is the answer, so the test reports it instead of waiting. */
export async function answerUiRequest(page, line) {
  const request = JSON.parse(line.slice(UI_REQUEST_MARK.length));
  let answer;
  try {
    const action = ACTIONS[request.action];
    if (!action) throw new Error(`unknown UI action '${request.action}'`);
    answer = { result: await action(page, request.args ?? {}) };
  } catch (error) {
    answer = { error: error instanceof Error ? error.message : String(error) };
  }
  try {
    writeFileSync(request.reply, JSON.stringify(answer));
  } catch {
    // The test gave up waiting and removed its folder: nobody reads the answer.
  }
}
