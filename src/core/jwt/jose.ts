// jose ships only as an ES module while this project compiles to CommonJS; a dynamic import
// bridges the two. It also defers the cost: the bundles load jose from its own file (see
// esbuild.mjs) the first time a signature is checked, and Node loads it directly under test.
export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
export type { JWK } from 'jose' with { 'resolution-mode': 'import' };

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loading ??= import('jose');
  return loading;
}
