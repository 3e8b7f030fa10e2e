/** `from module import names`, the only import shape the generated files use. */
export interface PythonImport {
  readonly module: string;
  readonly names: readonly string[];
}

/**
 * A top-level piece of a generated file. A `definition` is present when the file already binds
 * `key` at top level; a `statement` (such as a router registration) when the file mentions `key`.
 */
export interface PythonBlock {
  readonly kind: 'definition' | 'statement';
  readonly key: string;
  readonly code: string;
}

/** One entry of `urlpatterns`, present when the file mentions `key`. */
export interface UrlPattern {
  readonly key: string;
  readonly code: string;
}

/** A generated file, kept in parts so it can be merged into a file that already exists. */
export interface GeneratedModule {
  readonly fileName: 'serializers.py' | 'views.py' | 'urls.py';
  readonly imports: readonly PythonImport[];
  readonly blocks: readonly PythonBlock[];
  /** Only for urls.py. */
  readonly urlpatterns?: readonly UrlPattern[];
}

export function renderImport(entry: PythonImport): string {
  return `from ${entry.module} import ${[...entry.names].sort().join(', ')}`;
}

/** Imports of packages first, then the app's own relative ones, each group sorted. */
export function renderImports(imports: readonly PythonImport[]): string {
  const byModule = (a: PythonImport, b: PythonImport) => a.module.localeCompare(b.module);
  const packages = imports.filter((i) => !i.module.startsWith('.')).sort(byModule);
  const local = imports.filter((i) => i.module.startsWith('.')).sort(byModule);
  return [packages, local]
    .filter((group) => group.length > 0)
    .map((group) => group.map(renderImport).join('\n'))
    .join('\n\n');
}

export function renderUrlpatterns(patterns: readonly UrlPattern[], assignment = 'urlpatterns ='): string {
  return `${assignment} [\n${patterns.map((p) => `    ${p.code},\n`).join('')}]`;
}

export function isClassBlock(block: PythonBlock): boolean {
  return block.code.startsWith('class ');
}

/** The whole file, as written when it does not exist yet (PEP 8 spacing). */
export function renderModule(module: GeneratedModule): string {
  let text = renderImports(module.imports);
  const classes = module.blocks.filter(isClassBlock);
  const statements = module.blocks.filter((b) => !isClassBlock(b));
  if (classes.length > 0) text += `\n\n\n${classes.map((b) => b.code).join('\n\n\n')}`;
  if (statements.length > 0) text += `\n\n${statements.map((b) => b.code).join('\n')}`;
  if (module.urlpatterns) text += `\n\n${renderUrlpatterns(module.urlpatterns)}`;
  return `${text}\n`;
}
