import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// What the VSIX holds and what the Marketplace and Open VSX read from the manifest. `vsce ls` applies
// .vscodeignore exactly as `vsce package` does, offline.
const ROOT = path.resolve(__dirname, '..', '..');

// Everything we mean to ship; a file outside these is a leak, a pattern nothing matches is a loss.
const SHIPPED = [
  /^package\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^dist\/(extension|cli)\.js$/,
  // The bundles loaded on first use (esbuild.mjs ON_DEMAND).
  /^dist\/(features|core)\/[\w-]+\.js$/,
  /^dist\/vendor\/[\w.-]+\.m?js$/,
  /^dist\/webview\/[\w-]+\.(js|css)$/,
  /^dist\/[\w-]+-knowledge\.json$/,
  /^syntaxes\/[\w-]+\.tmLanguage\.json$/,
  /^snippets\/[\w-]+\.code-snippets$/,
  /^language-configuration\/[\w-]+\.json$/,
  /^media\/icon\.png$/,
  /^media\/django-kit\.svg$/,
  /^media\/walkthrough\/[\w-]+\.md$/,
];

// Our vsce, run directly: npx in a folder without node_modules would go looking for one on the network.
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');

function vsceLs(cwd: string): string[] {
  const out = execFileSync(process.execPath, [VSCE, 'ls', '--no-dependencies'], { cwd, encoding: 'utf8', timeout: 60_000 });
  return out.split('\n').filter(Boolean).sort();
}

function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  // The IHDR chunk comes first: width and height are its first two 32-bit fields.
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface Manifest {
  icon?: string;
  license?: string;
  repository?: string | { url: string };
  homepage?: string;
  bugs?: unknown;
  galleryBanner?: { color?: string; theme?: string };
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Manifest;

describe('packaging: the listing', () => {
  it('has a 128×128 PNG icon (registries reject SVG icons)', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    assert.deepEqual(pngSize(path.join(ROOT, manifest.icon)), { width: 128, height: 128 });
  });

  it('has a gallery banner and the licence Open VSX requires', () => {
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9A-Fa-f]{6}$/);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.equal(manifest.license, 'MIT');
    assert.ok(existsSync(path.join(ROOT, 'LICENSE')));
  });

  it('keeps the public address in "repository" alone: vsce derives the homepage and issue links from it', () => {
    assert.equal(manifest.homepage, undefined);
    assert.equal(manifest.bugs, undefined);
  });
});

describe('packaging: what the VSIX holds', function () {
  this.timeout(120_000);

  it('ships only the files we mean to, and the translation files', () => {
    const files = vsceLs(ROOT);
    assert.deepEqual(files.filter((file) => !SHIPPED.some((pattern) => pattern.test(file))), [], 'nothing else ships');
    for (const file of ['package.json', 'package.nls.json', 'l10n/bundle.l10n.json', 'media/icon.png', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
      assert.ok(files.includes(file), `${file} ships`);
    }
  });

  // The real tree depends on what was built; a made-up one shows the allowlist itself at work.
  it('keeps sources, tests, source maps, screenshots and local folders out', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'django-kit-vsix-'));
    try {
      for (const file of ['.vscodeignore', 'package.json', 'package.nls.json']) copyFileSync(path.join(ROOT, file), path.join(dir, file));
      const tree = [
        'dist/extension.js', 'dist/extension.js.map', 'dist/cli.js', 'dist/webview/jwt.js', 'dist/webview/jwt.css.map',
        'dist-test/host/first-run/index.js', 'src/extension.ts', 'test/unit/a.test.ts', 'data/settings/django.yaml',
        'docs/screenshots/jwt-panel.png', 'scripts/package.mjs', '.bench/django-kit.vsix', '.cache/venv/bin/python',
        'l10n/bundle.l10n.json', 'l10n/bundle.l10n.de.json', 'package.nls.de.json', 'media/icon.png', 'README.md',
        'CHANGELOG.md', 'LICENSE', 'django-kit.vsix', 'tsconfig.json', 'esbuild.mjs',
      ];
      for (const file of tree) {
        mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        writeFileSync(path.join(dir, file), '');
      }
      assert.deepEqual(vsceLs(dir), [
        'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/extension.js', 'dist/webview/jwt.js',
        'l10n/bundle.l10n.de.json', 'l10n/bundle.l10n.json', 'media/icon.png', 'package.json', 'package.nls.de.json',
        'package.nls.json',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
