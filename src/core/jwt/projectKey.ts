import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';

// Reads the SimpleJWT configuration of a Django settings module without running it: the module
// is parsed, never imported, so nothing in it executes.

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
  const top = topLevelAssignments(source);
  const secretKey = top.get('SECRET_KEY');
  const simpleJwt = top.get('SIMPLE_JWT');
  const settings: { -readonly [K in keyof JwtSettings]: JwtSettings[K] } = {};
  if (secretKey) settings.secretKey = valueOf(secretKey, source, top);
  if (simpleJwt?.name === 'DictionaryExpression') {
    const entries = dictionaryEntries(simpleJwt, source);
    const read = (name: string) => {
      const node = entries.get(name);
      return node ? valueOf(node, source, top) : undefined;
    };
    settings.algorithm = read('ALGORITHM');
    settings.signingKey = read('SIGNING_KEY');
    settings.verifyingKey = read('VERIFYING_KEY');
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

/** The settings module manage.py points at, from its `os.environ.setdefault(...)` call. */
export function settingsModuleFromManagePy(source: string): string | undefined {
  const tree = parser.parse(source);
  let found: string | undefined;
  tree.iterate({
    enter: (ref) => {
      if (found !== undefined || ref.name !== 'ArgList') return;
      const args = ref.node.getChildren('String');
      if (args.length >= 2 && stringValue(source.slice(args[0].from, args[0].to)) === 'DJANGO_SETTINGS_MODULE') {
        found = stringValue(source.slice(args[1].from, args[1].to));
      }
    },
  });
  return found;
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

function topLevelAssignments(source: string): Map<string, SyntaxNode> {
  const assignments = new Map<string, SyntaxNode>();
  for (let statement = parser.parse(source).topNode.firstChild; statement; statement = statement.nextSibling) {
    if (statement.name !== 'AssignStatement') continue;
    const target = statement.firstChild;
    const value = statement.lastChild;
    // Later assignments win, as they do when Python runs the module.
    if (target?.name === 'VariableName' && value && value !== target) assignments.set(source.slice(target.from, target.to), value);
  }
  return assignments;
}

function dictionaryEntries(dict: SyntaxNode, source: string): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    if (child.name !== 'String' || child.nextSibling?.name !== ':') continue;
    const value = child.nextSibling.nextSibling;
    const name = stringValue(source.slice(child.from, child.to));
    if (value && name !== undefined) entries.set(name, value);
  }
  return entries;
}

function valueOf(node: SyntaxNode, source: string, top: Map<string, SyntaxNode>): SettingValue {
  const text = source.slice(node.from, node.to);
  const literal = literalString(node, source);
  if (literal !== undefined) return { kind: 'literal', value: literal };
  // SIGNING_KEY = SECRET_KEY is common; follow one plain name to its own literal.
  if (node.name === 'VariableName') {
    const target = top.get(text);
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

/** The value of a Python str literal; undefined for bytes and f-strings, which are not plain text. */
export function stringValue(literal: string): string | undefined {
  const prefix = /^[a-zA-Z]*/.exec(literal)?.[0].toLowerCase() ?? '';
  if (prefix.includes('b') || prefix.includes('f')) return undefined;
  const body = literal.slice(prefix.length);
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  if (!body.endsWith(quote) || body.length < quote.length * 2) return undefined;
  const inner = body.slice(quote.length, body.length - quote.length);
  return prefix.includes('r') ? inner : unescapePython(inner);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescapePython(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, code: string) => {
    if (/^[xuU]/.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code)) return String.fromCodePoint(parseInt(code, 8));
    return SIMPLE_ESCAPES[code] ?? whole;
  });
}
