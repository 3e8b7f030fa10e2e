// jose ships only as an ES module while this project compiles to CommonJS; a dynamic import
// bridges the two (esbuild inlines it, and Node can load it directly under test).
export type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });
export type { JWK } from 'jose' with { 'resolution-mode': 'import' };

let loading: Promise<Jose> | undefined;

export function loadJose(): Promise<Jose> {
  loading ??= import('jose');
  return loading;
}
