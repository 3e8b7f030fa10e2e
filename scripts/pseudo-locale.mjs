// Builds a pseudo-localized copy of the extension, to see which user-facing text is localized:
// every message of the l10n bundle and of package.nls.json comes back as ⟦message⟧ (placeholders
// such as {0} untouched), so text without brackets in that copy never went through l10n.
//
//   node scripts/pseudo-locale.mjs [--locale qps-ploc] [--out DIR] [EXTENSION_DIR]
//
// The bundle is exported afresh from src/ with `vscode-l10n-dev export` into the copy, so a stale
// l10n/bundle.l10n.json cannot hide a message; nothing is written into the extension folder itself.
// `vscode-l10n-dev generate-pseudo` is not used: it writes beside its input and replaces letters
// with accented ones, which a test cannot tell apart from untranslated text as plainly as brackets.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const PSEUDO_LOCALE = 'qps-ploc';
export const OPEN = '⟦';
export const CLOSE = '⟧';

// What the extension needs at run time (as .vscodeignore lets it ship), plus the built host tests:
// these are copied, so that the host sees their files inside the copy and gives them its API object.
// Everything else is linked (node_modules for mocha, test/ for the scripts the suites run).
const COPIED = ['package.json', 'dist', 'dist-test', 'syntaxes', 'snippets', 'language-configuration', 'media', 'README.md', 'CHANGELOG.md', 'LICENSE'];
const NEVER = new Set(['.git', 'l10n']);

/** One message, marked as localized. */
export function pseudoLocalize(message) {
  return `${OPEN}${message}${CLOSE}`;
}

/**
 * A bundle or package.nls file's entries, each value marked. A translated file holds plain strings:
 * the `{ message, comment }` form is only the English export's way of carrying a translator's note.
 */
export function pseudoLocalizeEntries(entries) {
  return Object.fromEntries(
    Object.entries(entries).map(([key, value]) => [
      key,
      pseudoLocalize(typeof value === 'string' ? value : value.message),
    ]),
  );
}

const l10nDev = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

/** `vscode-l10n-dev export` of `sourceDir` into `outDir`: the bundle as `npm run l10n` writes it. */
export function exportBundle(sourceDir, outDir) {
  mkdirSync(outDir, { recursive: true });
  execFileSync(process.execPath, [l10nDev, 'export', '--outDir', outDir, sourceDir], { stdio: 'pipe' });
  const file = path.join(outDir, 'bundle.l10n.json');
  // The tool writes nothing when it finds no message.
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

function writeJson(file, value) {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Writes the copy into `outDir` (a new temporary folder by default) and returns its path. The copy
 * has l10n/bundle.l10n.<locale>.json and, when the extension has package.nls.json,
 * package.nls.<locale>.json.
 */
export function buildPseudoLocaleCopy({ extensionDir, locale = PSEUDO_LOCALE, outDir }) {
  const source = path.resolve(extensionDir);
  const target = outDir ?? mkdtempSync(path.join(os.tmpdir(), `django-kit-${locale}-`));
  mkdirSync(target, { recursive: true });
  for (const entry of readdirSync(source)) {
    if (NEVER.has(entry) || /^package\.nls(\..+)?\.json$/.test(entry)) continue;
    const from = path.join(source, entry);
    const to = path.join(target, entry);
    if (COPIED.includes(entry)) cpSync(from, to, { recursive: true });
    else symlinkSync(from, to);
  }
  // Other locales' files (none yet) come along, so the copy differs only by the pseudo locale.
  if (existsSync(path.join(source, 'l10n'))) cpSync(path.join(source, 'l10n'), path.join(target, 'l10n'), { recursive: true });
  const bundle = exportBundle(path.join(source, 'src'), path.join(target, 'l10n'));
  writeJson(path.join(target, 'l10n', `bundle.l10n.${locale}.json`), pseudoLocalizeEntries(bundle));
  const nls = path.join(source, 'package.nls.json');
  if (existsSync(nls)) {
    cpSync(nls, path.join(target, 'package.nls.json'));
    writeJson(path.join(target, `package.nls.${locale}.json`), pseudoLocalizeEntries(JSON.parse(readFileSync(nls, 'utf8'))));
  }
  return target;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({ options: { locale: { type: 'string' }, out: { type: 'string' } }, allowPositionals: true });
  const extensionDir = positionals[0] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  console.log(buildPseudoLocaleCopy({ extensionDir, locale: values.locale, outDir: values.out }));
}
