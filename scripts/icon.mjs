// `npm run icon`: the Marketplace and Open VSX icon (media/icon.png, 128×128) drawn from the activity-bar
// glyph in media/django-kit.svg, so the two never drift apart. The glyph is a 24-unit line drawing in
// `currentColor`; here it is centred on a rounded tile of Django's green and drawn in white, rendered by
// the Chromium the host tests use. test/unit/packaging.test.ts checks the committed file is 128×128.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/runner/host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 128;
// The listing's banner (galleryBanner.color in package.json) and the tile share Django's brand green.
const TILE = '#0C4B33';
// Share of the tile the glyph's bounding box may fill, and the glyph's stroke in its own 24-unit space
// (the activity bar's 1.6 reads thin at 128 px).
const GLYPH_SHARE = 0.62;
const GLYPH_STROKE = 2;

const page = `<!doctype html><html><body style="margin:0;background:transparent">
<svg id="icon" xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect width="${SIZE}" height="${SIZE}" rx="${SIZE * 0.19}" fill="${TILE}"/>
  <g id="glyph" fill="none" stroke="#FFFFFF" stroke-width="${GLYPH_STROKE}" stroke-linecap="round" stroke-linejoin="round"></g>
</svg></body></html>`;

// The glyph's shapes are moved into the tile (the browser parses the SVG), then centred by their drawn
// bounds (stroke included), not by the 24×24 box, which they fill unevenly.
function placeGlyph({ svg, size, share, stroke }) {
  const glyph = document.getElementById('glyph');
  const source = new DOMParser().parseFromString(svg, 'image/svg+xml').documentElement;
  if (source.localName !== 'svg') throw new Error('media/django-kit.svg is not an SVG document');
  glyph.append(...[...source.children].map((shape) => document.importNode(shape, true)));
  const box = glyph.getBBox();
  const scale = (size * share) / Math.max(box.width + stroke, box.height + stroke);
  const x = size / 2 - scale * (box.x + box.width / 2);
  const y = size / 2 - scale * (box.y + box.height / 2);
  glyph.setAttribute('transform', `translate(${x} ${y}) scale(${scale})`);
}

const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  const tab = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
  await tab.setContent(page);
  const svg = readFileSync(path.join(repoRoot, 'media', 'django-kit.svg'), 'utf8');
  await tab.evaluate(placeGlyph, { svg, size: SIZE, share: GLYPH_SHARE, stroke: GLYPH_STROKE });
  const out = path.join(repoRoot, 'media', 'icon.png');
  await tab.locator('#icon').screenshot({ path: out, omitBackground: true });
  console.log(`wrote ${path.relative(repoRoot, out)}`);
} finally {
  await browser.close();
}
