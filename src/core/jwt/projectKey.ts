import type { SyntaxNode, Tree } from '@lezer/common';
import { type SettingsIndex, type Span, scanSettings } from '../settings/scanner';
import { children, stringValue } from '../syntax/python';

// Reads the SimpleJWT configuration of a Django settings module without running it: the settings
// scanner parses the module, never imports it, so nothing in it executes.

/** A setting's value as written: a string literal we can use, or an expression we cannot evaluate. */
export type SettingValue = { readonly kind: 'literal'; readonly value: string } | { readonly kind: 'expression'; readonly text: string };

export interface JwtSettings {
  readonly secretKey?: SettingValue;
  readonly algorithm?: SettingValue;
  readonly signingKey?: SettingValue;
  readonly verifyingKey?: SettingValue;
  /** True when SIMPLE_JWT exists but is not a dict literal (built some other way). */
  readonly simpleJwtOpaque?: boolean;
}

/** The key "Verify with Project Key" should use, or why there is none to use as is. */
export type ProjectKey =
  | { readonly kind: 'usable'; readonly key: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string; readonly source: string }
  | { readonly kind: 'not-literal'; readonly setting: string; readonly expression: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string }
  | { readonly kind: 'missing'; readonly setting: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string };

/** SimpleJWT's own default when ALGORITHM is not set. */
const DEFAULT_ALGORITHM = 'HS256';

export function readJwtSettings(source: string): JwtSettings {
  const index = scanSettings(source, true);
  const module = moduleLevelValues(index);
  const read = (node: SyntaxNode | undefined) => (node ? valueOf(node, source, module) : undefined);
  const secretKey = module.get('SECRET_KEY');
  const simpleJwt = module.get('SIMPLE_JWT');
  const settings: { -readonly [K in keyof JwtSettings]: JwtSettings[K] } = {};
  if (secretKey) settings.secretKey = read(secretKey);
  if (simpleJwt?.name === 'DictionaryExpression') {
    const entries = simpleJwtEntries(index, simpleJwt);
    settings.algorithm = read(entries.get('ALGORITHM'));
    settings.signingKey = read(entries.get('SIGNING_KEY'));
    settings.verifyingKey = read(entries.get('VERIFYING_KEY'));
  } else if (simpleJwt) {
    settings.simpleJwtOpaque = true;
  }
  return settings;
}

/**
 * Applies SimpleJWT's rules: HMAC algorithms verify with SIGNING_KEY (default SECRET_KEY); the
 * others with VERIFYING_KEY, a PEM public key.
 */
export function projectKey(settings: JwtSettings): ProjectKey {
  const algorithmValue = settings.algorithm;
  const algorithm = algorithmValue?.kind === 'literal' ? algorithmValue.value : DEFAULT_ALGORITHM;
  const hmac = algorithm.startsWith('HS');
  const keyType = hmac ? 'secret' : 'pem';
  const candidates: [string, SettingValue | undefined][] = hmac
    ? [['SIMPLE_JWT["SIGNING_KEY"]', settings.signingKey], ['SECRET_KEY', settings.secretKey]]
    : [['SIMPLE_JWT["VERIFYING_KEY"]', settings.verifyingKey]];
  for (const [source, value] of candidates) {
    if (!value) continue;
    if (value.kind === 'expression') return { kind: 'not-literal', setting: source, expression: value.text, keyType, algorithm };
    return { kind: 'usable', key: value.value, keyType, algorithm, source };
  }
  return { kind: 'missing', setting: candidates[0][0], keyType, algorithm };
}

/**
 * Where a dotted settings module may live, relative to the folder of manage.py: a module file or
 * a package's __init__.py.
 */
export function settingsFileCandidates(module: string): string[][] {
  const parts = module.split('.').filter((part) => part !== '');
  if (parts.length === 0) return [];
  const last = parts[parts.length - 1];
  return [
    [...parts.slice(0, -1), `${last}.py`],
    [...parts, '__init__.py'],
  ];
}

/**
 * The value of each name the scanner saw assigned outside any block (not `+=`); later assignments
 * win, as they do when Python runs the module.
 */
function moduleLevelValues(index: SettingsIndex): Map<string, SyntaxNode> {
  const topLevel = new Set(children(index.tree.topNode).map((statement) => statement.from));
  const values = new Map<string, SyntaxNode>();
  for (const site of index.sites) {
    if (site.kind !== 'assignment' || site.augmented || !site.value || !site.statement || !topLevel.has(site.statement.from)) continue;
    values.set(site.name, nodeSpanning(index.tree, site.value));
  }
  return values;
}

/** The keys the scanner found written in the SIMPLE_JWT dict literal itself. */
function simpleJwtEntries(index: SettingsIndex, dict: SyntaxNode): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  for (const site of index.sites) {
    if (site.kind !== 'key' || site.scope !== 'simplejwt' || !site.value || site.from < dict.from || site.to > dict.to) continue;
    entries.set(site.name, nodeSpanning(index.tree, site.value));
  }
  return entries;
}

/** The node the scanner took a value span from: the first one that starts there and reaches its end. */
function nodeSpanning(tree: Tree, span: Span): SyntaxNode {
  let node = tree.resolveInner(span.from, 1);
  while (node.to < span.to && node.parent) node = node.parent;
  return node;
}

function valueOf(node: SyntaxNode, source: string, module: Map<string, SyntaxNode>): SettingValue {
  const text = source.slice(node.from, node.to);
  const literal = literalString(node, source);
  if (literal !== undefined) return { kind: 'literal', value: literal };
  // SIGNING_KEY = SECRET_KEY is common; follow one plain name to its own literal.
  if (node.name === 'VariableName') {
    const target = module.get(text);
    const resolved = target ? literalString(target, source) : undefined;
    if (resolved !== undefined) return { kind: 'literal', value: resolved };
  }
  return { kind: 'expression', text };
}

function literalString(node: SyntaxNode, source: string): string | undefined {
  if (node.name === 'String') return stringValue(source.slice(node.from, node.to));
  if (node.name !== 'ContinuedString') return undefined;
  const parts = node.getChildren('String').map((part) => stringValue(source.slice(part.from, part.to)));
  return parts.every((part) => part !== undefined) ? parts.join('') : undefined;
}
