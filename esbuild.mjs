// One build script for everything esbuild produces:
//   dist/extension.js       the extension (Node, CommonJS, `vscode` external): what activation needs
//   dist/features/<name>.js features the extension loads on first use, dist/vendor/lezer-python.js the
//                           Python parser (see "Bundles loaded on first use" below)
//   dist/cli.js             the headless `django-kit` command
//   dist/webview/<name>.js  browser bundles, one per folder in src/webview/ that has a main.ts
//   dist-test/host/<suite>/ host test suites (with --tests), one folder per test/host/<suite>/
//   dist/settings-knowledge.json  data/settings/*.yaml, validated with the core's schema, as JSON
//   dist/template-knowledge.json  data/templates/*.yaml (Django's tags and filters), likewise
// Flags: --production (minified, no source maps), --watch, --tests, --analyze (what each extension
// bundle holds, by size, from esbuild's metafile).
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withTests = args.has('--tests');
const analyze = args.has('--analyze');

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
const JOSE_CHUNK = 'vendor/jose.mjs';
function joseOnDemand(outdir = 'dist') {
  return {
    name: 'jose-on-demand',
    setup(build) {
      build.onResolve({ filter: /^jose$/ }, (args) => (args.kind === 'dynamic-import' ? { path: relativeImport(outdir, JOSE_CHUNK), external: true } : undefined));
    },
  };
}
const withJoseOnDemand = { ...nodeCommon, plugins: [oneLezerCopy, joseOnDemand()] };

/** How a bundle written to `outdir` names `file` (a path under dist/) in require() or import(). */
function relativeImport(outdir, file) {
  const relative = path.relative(outdir, path.join('dist', file)).split(path.sep).join('/');
  return relative.startsWith('.') ? relative : `./${relative}`;
}

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

// Bundles loaded on first use. Compiling the whole extension at activation cost 7–9 ms; so each
// module in ON_DEMAND, where src/ loads it with require(), is built into its own file, and
// dist/extension.js keeps only what activation runs. No module is in two bundles: one that the
// extension and an on-demand bundle both need stays in dist/extension.js, one that several
// on-demand bundles need goes to dist/features/shared.js (loaded with the first of them), and the
// others reach it through the table that file exports (`onDemandShared`, each module initialised
// when first asked for). So there is one lezer, one l10n configuration and one copy of each cache.
const ON_DEMAND = {
  'features/serializers': './src/features/serializers',
  'features/jwt': './src/features/jwt',
  'features/settings': './src/features/settings',
  'features/templates': './src/features/templates',
  'features/urls': './src/features/urls',
  'features/migrations': './src/features/migrations',
  'features/environments': './src/features/environments',
  'features/environment-status': './src/features/environments/statusBar',
  'core/project': './src/core/project',
  'vendor/lezer-python': '@lezer/python',
};
const MAIN = 'extension.js';
const SHARED = 'features/shared.js';
const TABLE = 'onDemandShared';
const TABLE_NAMESPACE = 'from-another-bundle';
const INNER = { inner: true };

/** Absolute paths of the ON_DEMAND modules, resolved as the bundles resolve them. */
async function onDemandEntries() {
  const entries = {};
  await esbuild.build({
    ...nodeCommon,
    write: false,
    sourcemap: false,
    stdin: { contents: '', resolveDir: '.', loader: 'js' },
    plugins: [
      {
        name: 'resolve-on-demand',
        setup(build) {
          build.onStart(async () => {
            for (const [name, specifier] of Object.entries(ON_DEMAND)) {
              const found = await build.resolve(specifier, { kind: 'import-statement', resolveDir: path.resolve('.') });
              if (found.errors.length > 0) throw new Error(`on-demand module ${specifier}: ${found.errors[0].text}`);
              entries[name] = found.path;
            }
          });
        },
      },
    ],
  });
  return entries;
}

/**
 * Resolves like the rest of the build, then: an ON_DEMAND module is a require() of its bundle; an import of a module that a host bundle holds (`hosts`: bundle file → modules) reads
 * it from that bundle's table, and is noted in `used` (bundle file → modules asked for).
 */
function onDemandSplit({ entries, outdir, hosts = new Map(), used = new Map() }) {
  const bundleOf = new Map(Object.entries(entries).map(([name, file]) => [file, name]));
  const hostOf = (file) => [...hosts].find(([, modules]) => modules.has(file))?.[0];
  return {
    name: 'on-demand-split',
    setup(build) {
      build.onResolve({ filter: /.*/, namespace: TABLE_NAMESPACE }, (args) => ({ path: args.path, external: true }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind === 'entry-point' || args.pluginData === INNER || args.namespace !== 'file') return undefined;
        const kind = args.kind === 'require-call' && args.path.startsWith('@lezer/') ? 'import-statement' : args.kind;
        const found = await build.resolve(args.path, { kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: INNER });
        if (found.errors.length > 0 || found.external) return undefined;
        const bundle = bundleOf.get(found.path);
        // Its bundle exports what the module does; another on-demand bundle may import it too.
        if (bundle !== undefined) return { path: relativeImport(outdir, `${bundle}.js`), external: true };
        const host = hostOf(found.path);
        if (host !== undefined) {
          if (!used.has(host)) used.set(host, new Set());
          used.get(host).add(found.path);
          return { path: found.path, namespace: TABLE_NAMESPACE, pluginData: host };
        }
        return { path: found.path, namespace: found.namespace, sideEffects: found.sideEffects };
      });
      build.onLoad({ filter: /.*/, namespace: TABLE_NAMESPACE }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(relativeImport(outdir, args.pluginData))}).${TABLE}[${JSON.stringify(tableKey(args.path))}]();`,
        loader: 'js',
      }));
    },
  };
}

function tableKey(file) {
  return path.relative('.', file).split(path.sep).join('/');
}

/** A bundle written to dist/`file` with the exports of `exportsFrom` (if any) and a table of `table`. */
function hostBuild(entries, file, { exportsFrom, table, hosts, used }) {
  const outdir = path.dirname(path.join('dist', file));
  const rows = [...table].sort().map((module) => `  ${JSON.stringify(tableKey(module))}: () => require(${JSON.stringify(module)}),`);
  return {
    ...nodeCommon,
    plugins: [onDemandSplit({ entries, outdir, hosts, used }), oneLezerCopy, joseOnDemand(outdir)],
    stdin: {
      contents: `${exportsFrom ? `export * from '${exportsFrom}';\n` : ''}export const ${TABLE} = {\n${rows.join('\n')}\n};\n`,
      resolveDir: '.',
      loader: 'ts',
      sourcefile: `${path.basename(file, '.js')}-entry.ts`,
    },
    outfile: path.join('dist', file),
    external: ['vscode'],
  };
}

function onDemandBuild(entries, name, hosts, used) {
  const outdir = path.dirname(path.join('dist', name));
  return {
    ...nodeCommon,
    plugins: [onDemandSplit({ entries, outdir, hosts, used }), oneLezerCopy, joseOnDemand(outdir)],
    entryPoints: { [path.basename(name)]: entries[name] },
    outdir,
    external: ['vscode'],
  };
}

function inputsOf(result) {
  return new Set(Object.keys(result.metafile.inputs).filter((key) => !key.includes(':') && !key.startsWith('<')).map((key) => path.resolve(key)));
}

async function inputs(options) {
  return inputsOf(await esbuild.build({ ...options, write: false, metafile: true }));
}

/**
 * The extension's bundles. Which module lives where is found by building: first what activation
 * imports, then the on-demand bundles against it; a module that two of them would each carry moves
 * to dist/features/shared.js, until none is carried twice.
 */
async function extensionBuilds() {
  const entries = await onDemandEntries();
  const names = Object.keys(entries);
  const main = (table) => hostBuild(entries, MAIN, { exportsFrom: './src/extension', table, hosts: new Map() });
  const inMain = await inputs(main(new Set()));
  for (const name of names) {
    if (inMain.has(entries[name])) throw new Error(`${ON_DEMAND[name]} is on demand, but what activation loads imports it: load it only with require()`);
  }
  const sharedModules = new Set();
  for (;;) {
    const used = new Map();
    const shared = (table) => hostBuild(entries, SHARED, { table, hosts: new Map([[MAIN, inMain]]), used });
    const inShared = sharedModules.size > 0 ? await inputs(shared(sharedModules)) : new Set();
    const hosts = new Map([[MAIN, inMain], [SHARED, inShared]]);
    const carried = new Map();
    for (const name of names) {
      for (const file of await inputs(onDemandBuild(entries, name, hosts, used))) carried.set(file, (carried.get(file) ?? 0) + 1);
    }
    const twice = [...carried].filter(([file, n]) => n > 1 && !names.some((name) => entries[name] === file)).map(([file]) => file);
    if (twice.length === 0) {
      return [
        main(used.get(MAIN) ?? new Set()),
        ...(inShared.size > 0 ? [shared(new Set([...sharedModules, ...(used.get(SHARED) ?? [])]))] : []),
        ...names.map((name) => onDemandBuild(entries, name, hosts, new Map())),
      ];
    }
    for (const file of twice) sharedModules.add(file);
  }
}

async function builds() {
  const list = [
    ...(watch ? [{ ...withJoseOnDemand, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode'] }] : await extensionBuilds()),
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
  for (const options of await builds()) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  const results = await Promise.all((await builds()).map((options) => esbuild.build({ ...options, metafile: analyze })));
  if (analyze) {
    for (const result of results) {
      if (Object.keys(result.metafile.outputs).some((file) => /^dist\/(extension|core\/|features\/|vendor\/lezer)/.test(file))) console.log(await esbuild.analyzeMetafile(result.metafile));
    }
  }
}
