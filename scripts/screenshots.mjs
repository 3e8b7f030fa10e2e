// `npm run screenshots`: README pictures taken in the real host (code-server + Chromium), written
// to docs/screenshots/ (kept out of the VSIX). The scenes are set up by test/screenshots/scenes.ts inside the host.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHostModule, runInHost } from '../test/runner/host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHOT_MARK = 'DJANGO_KIT_SCREENSHOT ';
const outDir = path.join(repoRoot, 'docs', 'screenshots');
mkdirSync(outDir, { recursive: true });

// A real token from the fixture project's SimpleJWT, so the panel verifies it with the project key.
function mintToken() {
  const mint = path.join(repoRoot, 'test', 'python', 'mint_simplejwt.py');
  return execFileSync('/usr/bin/python3', [mint, path.join(repoRoot, 'test', 'fixtures', 'django-project'), '42'], { encoding: 'utf8' }).trim();
}

// The extension API cannot size views, so the page itself is arranged: the Migrations section is
// collapsed and the side bar dragged wider, leaving the JWT panel room to show a whole token.
async function widenJwtPanel(page) {
  await page.locator('.pane-header', { hasText: 'Migrations' }).first().click();
  // The sash that resizes the side bar sits on its right edge.
  const sidebar = await page.locator('.part.sidebar').boundingBox();
  if (!sidebar) return;
  const edge = { x: sidebar.x + sidebar.width + 1, y: sidebar.y + sidebar.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(760, edge.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(800);
}

// Hovering a long migration name shows its tooltip, and the pointer over the view shows its title-bar actions.
async function pointAtMigration(page) {
  await page.locator('.monaco-list-row', { hasText: 'logentry_remove_auto_add' }).first().hover();
  await page.waitForTimeout(1500);
}

const PREPARE = { 'jwt-panel': widenJwtPanel, 'migrations-view': pointAtMigration };

// The scenes wait for a file named after each shot here before they change the screen again.
const acks = mkdtempSync(path.join(os.tmpdir(), 'django-kit-shots-'));

const entry = await buildHostModule(
  path.join(repoRoot, 'test', 'screenshots', 'scenes.ts'),
  path.join(repoRoot, '.bench', 'screenshots', 'index.js'),
);
const pending = [];
const code = await runInHost({
  repoRoot,
  label: 'screenshots',
  fixture: 'django-project',
  testsPath: entry,
  env: { DJANGO_KIT_SCREENSHOT_TOKEN: mintToken(), DJANGO_KIT_SCREENSHOT_ACKS: acks },
  timeoutMs: 360_000,
  onLine: (line, page) => {
    if (!line.startsWith(SHOT_MARK)) {
      if (line.trim()) console.log(`  ${line}`);
      return;
    }
    const name = line.slice(SHOT_MARK.length).trim();
    const file = path.join(outDir, `${name}.png`);
    const prepare = PREPARE[name] ? PREPARE[name](page) : Promise.resolve();
    pending.push(
      prepare
        .then(() => page.screenshot({ path: file }))
        .then(() => {
          writeFileSync(path.join(acks, name), '');
          console.log(`  wrote ${path.relative(repoRoot, file)}`);
        }),
    );
  },
});
await Promise.all(pending);
rmSync(acks, { recursive: true, force: true });
process.exitCode = code === 0 ? 0 : 1;
