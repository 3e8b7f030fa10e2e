// Stand-in extensions for the benchmarks: Django Kit's manifest (with its package.nls.json, so the
// host reads the same contributions) and an activate() of the bench's choosing, to be measured beside
// Django Kit in the same run.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './bundle.mjs';

/** Writes the stand-in to `dir`, with `source` as its dist/extension.js; returns `dir`. */
export function standInExtension(dir, source) {
  mkdirSync(path.join(dir, 'dist'), { recursive: true });
  for (const file of ['package.json', 'package.nls.json']) copyFileSync(path.join(repoRoot, file), path.join(dir, file));
  writeFileSync(path.join(dir, 'dist', 'extension.js'), source);
  return dir;
}
