// One build script for everything esbuild produces:
//   dist/extension.js       the extension (Node, CommonJS, `vscode` external)
//   dist/cli.js             the headless `django-kit` command
//   dist/webview/<name>.js  browser bundles, one per folder in src/webview/ that has a main.ts
//   dist-test/host/<suite>/ host test suites (with --tests), one folder per test/host/<suite>/
//   dist/settings-knowledge.json  data/settings/*.yaml, validated with the core's schema, as JSON
//   dist/template-knowledge.json  data/templates/*.yaml (Django's tags and filters), likewise
// Flags: --production (minified, no source maps), --watch, --tests.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

// The Python parser is loaded with require() on first use (src/core/syntax/python.ts). Resolving that
// require to the same ESM files that static imports get keeps one copy of each @lezer package in the
// bundle (one Tree class, one NodeProp), and esbuild then evaluates the parser module lazily.
const oneLezerCopy = {
  name: 'one-lezer-copy',
  setup(build) {
    build.onResolve({ filter: /^@lezer\// }, (args) =>
      args.kind === 'require-call'
        ? build.resolve(args.path, { kind: 'import-statement', resolveDir: args.resolveDir, importer: args.importer })
        : undefined,
    );
  },
};

const nodeCommon = { ...common, platform: 'node', format: 'cjs', target: 'node20', plugins: [oneLezerCopy] };

// jose is needed only when a signature is verified (src/core/jwt/jose.ts imports it dynamically), so
// the extension and the CLI load it from its own file, dist/vendor/jose.mjs, at that moment: the
// bundles that load at activation stay smaller and compile faster.
const JOSE_CHUNK = './vendor/jose.mjs';
const joseOnDemand = {
  name: 'jose-on-demand',
  setup(build) {
    build.onResolve({ filter: /^jose$/ }, (args) => (args.kind === 'dynamic-import' ? { path: JOSE_CHUNK, external: true } : undefined));
  },
};
const withJoseOnDemand = { ...nodeCommon, plugins: [oneLezerCopy, joseOnDemand] };

function subfolders(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
}

function webviewEntries() {
  return subfolders('src/webview')
    .filter((name) => existsSync(`src/webview/${name}/main.ts`))
    .map((name) => ({ in: `src/webview/${name}/main.ts`, out: name }));
}

function hostSuiteEntries() {
  const entries = [];
  for (const suite of subfolders('test/host')) {
    entries.push({ in: 'test/host/index.ts', out: `${suite}/index` });
    for (const file of readdirSync(`test/host/${suite}`)) {
      if (file.endsWith('.test.ts')) {
        entries.push({ in: `test/host/${suite}/${file}`, out: `${suite}/${file.replace(/\.ts$/, '')}` });
      }
    }
  }
  return entries;
}

function builds() {
  const list = [
    { ...withJoseOnDemand, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
    { ...withJoseOnDemand, entryPoints: { cli: 'src/cli.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
    {
      ...common,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      stdin: { contents: "export * from 'jose';", resolveDir: '.', loader: 'js' },
      outfile: path.join('dist', JOSE_CHUNK),
    },
  ];
  const webviews = webviewEntries();
  if (webviews.length > 0) {
    list.push({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: webviews, outdir: 'dist/webview' });
  }
  if (withTests) {
    list.push({
      ...nodeCommon,
      minify: false,
      sourcemap: 'inline',
      entryPoints: hostSuiteEntries(),
      outdir: 'dist-test/host',
      external: ['vscode', 'mocha'],
    });
  }
  return list;
}

// The extension and the CLI load the knowledge as JSON, so that no YAML is parsed at run time. The
// YAML is read with the core's own loader; an entry that fails its schema fails the build rather
// than vanishing from the hovers.
async function compileKnowledge({ loaderSource, read, dir, outfile }) {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'django-kit-knowledge-'));
  try {
    const loader = path.join(scratch, 'knowledge-source.cjs');
    await esbuild.build({ ...nodeCommon, minify: false, sourcemap: false, entryPoints: [loaderSource], outfile: loader });
    const compiled = createRequire(import.meta.url)(loader)[read](dir);
    if (compiled.errors.length > 0) throw new Error(`${dir} has invalid entries:\n  ${compiled.errors.join('\n  ')}`);
    mkdirSync('dist', { recursive: true });
    writeFileSync(path.join('dist', outfile), JSON.stringify(compiled.files ?? compiled.libraries));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const knowledgeBuilds = [
  { loaderSource: 'src/core/settings/knowledge-source.ts', read: 'readKnowledgeFiles', dir: 'data/settings', outfile: 'settings-knowledge.json' },
  { loaderSource: 'src/core/templates/knowledge-source.ts', read: 'readTemplateKnowledge', dir: 'data/templates', outfile: 'template-knowledge.json' },
];

if (!watch) {
  rmSync('dist', { recursive: true, force: true });
  if (withTests) rmSync(path.join('dist-test', 'host'), { recursive: true, force: true });
}

await Promise.all(knowledgeBuilds.map(compileKnowledge));

if (watch) {
  for (const options of builds()) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds().map((options) => esbuild.build(options)));
}
