// One way for the benchmarks and the host runner to bundle TypeScript for Node: a file (`entry`) or
// a few lines of source (`source`, resolved from the repository root) become one CommonJS file.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function bundleForNode({ entry, source, outfile, external = [], minify = false }) {
  mkdirSync(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    ...(source === undefined
      ? { entryPoints: [entry] }
      : { stdin: { contents: source, resolveDir: repoRoot, loader: 'ts', sourcefile: path.basename(outfile, path.extname(outfile)) + '.ts' } }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify,
    external,
    logLevel: 'warning',
  });
  return outfile;
}

/** Bundles, then loads the result in this process. */
export async function requireBundle(options) {
  return createRequire(import.meta.url)(await bundleForNode(options));
}

/** The CLI as `npm run bench` has just built it: the benchmarks time what ships. */
export function builtCli() {
  return path.join(repoRoot, 'dist', 'cli.js');
}
