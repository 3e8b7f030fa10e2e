import type { SyntaxNode, Tree } from '@lezer/common';
import { type SettingsIndex, type Span, scanSettings } from '../settings/scanner';
import { children } from '../syntax/python';
import type { ClaimExpectations } from './claimChecks';
import type { Environment } from './dotenv';
import { evaluate, type StaticValue } from './staticValue';

// Reads the SimpleJWT configuration of a Django settings module without running it: the settings
// scanner parses the module, never imports it, so nothing in it executes.

export interface JwtSettings {
  readonly secretKey?: StaticValue;
  /** The entries of the SIMPLE_JWT dict literal, evaluated statically. */
  readonly simpleJwt: ReadonlyMap<string, StaticValue>;
  /** True when SIMPLE_JWT exists but is not a dict literal (built some other way). */
  readonly simpleJwtOpaque?: boolean;
}

export type KeyPurpose = 'verify' | 'sign';

/** The key SimpleJWT would use, or why there is none to use as is. */
export type ProjectKey =
  | { readonly kind: 'usable'; readonly key: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string; readonly source: string }
  | { readonly kind: 'not-literal'; readonly setting: string; readonly expression: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string }
  /** The setting reads an environment variable that no `.env` file defines. */
  | { readonly kind: 'unset-variable'; readonly setting: string; readonly variable: string; readonly lookedIn: readonly string[]; readonly keyType: 'secret' | 'pem'; readonly algorithm: string }
  | { readonly kind: 'missing'; readonly setting: string; readonly keyType: 'secret' | 'pem'; readonly algorithm: string };

/** SimpleJWT's own default when ALGORITHM is not set. */
export const DEFAULT_ALGORITHM = 'HS256';

export function readJwtSettings(source: string): JwtSettings {
  const index = scanSettings(source, true);
  const module = moduleLevelValues(index);
  const secretKeyNode = module.get('SECRET_KEY');
  const simpleJwtNode = module.get('SIMPLE_JWT');
  const secretKey = secretKeyNode ? evaluate(secretKeyNode, source, module) : undefined;
  if (simpleJwtNode?.name !== 'DictionaryExpression') {
    return { secretKey, simpleJwt: new Map(), ...(simpleJwtNode ? { simpleJwtOpaque: true } : {}) };
  }
  const simpleJwt = new Map<string, StaticValue>();
  for (const [name, node] of dictEntries(simpleJwtNode, source, module)) simpleJwt.set(name, evaluate(node, source, module));
  return { secretKey, simpleJwt };
}

/** The algorithm SimpleJWT signs with: ALGORITHM when written out, else its default. */
export function projectAlgorithm(settings: JwtSettings): string {
  const value = settings.simpleJwt.get('ALGORITHM');
  return value?.kind === 'string' ? value.value : DEFAULT_ALGORITHM;
}

/**
 * Applies SimpleJWT's rules: HMAC algorithms sign and verify with SIGNING_KEY (default
 * SECRET_KEY); the others sign with SIGNING_KEY (a private PEM) and verify with VERIFYING_KEY.
 */
export function projectKey(settings: JwtSettings, environment?: Environment, purpose: KeyPurpose = 'verify'): ProjectKey {
  const algorithm = projectAlgorithm(settings);
  const hmac = algorithm.startsWith('HS');
  const keyType = hmac ? 'secret' : 'pem';
  const candidates: [string, StaticValue | undefined][] = hmac
    ? [['SIMPLE_JWT["SIGNING_KEY"]', settings.simpleJwt.get('SIGNING_KEY')], ['SECRET_KEY', settings.secretKey]]
    : purpose === 'sign'
      ? [['SIMPLE_JWT["SIGNING_KEY"]', settings.simpleJwt.get('SIGNING_KEY')]]
      : [['SIMPLE_JWT["VERIFYING_KEY"]', settings.simpleJwt.get('VERIFYING_KEY')]];
  for (const [setting, value] of candidates) {
    if (!value || value.kind === 'none') continue;
    const found = resolveString(value, environment);
    if (found.kind === 'string') return { kind: 'usable', key: found.value, keyType, algorithm, source: found.from ? `${setting} (${found.from})` : setting };
    if (found.kind === 'unset') return { kind: 'unset-variable', setting, variable: found.variable, lookedIn: environment?.files ?? [], keyType, algorithm };
    return { kind: 'not-literal', setting, expression: found.text, keyType, algorithm };
  }
  return { kind: 'missing', setting: candidates[0][0], keyType, algorithm };
}

type Resolved = { kind: 'string'; value: string; from?: string } | { kind: 'unset'; variable: string } | { kind: 'unknown'; text: string };

/** A string setting, following an environment read to the `.env` file that defines it. */
function resolveString(value: StaticValue, environment: Environment | undefined): Resolved {
  if (value.kind === 'string') return { kind: 'string', value: value.value };
  if (value.kind === 'unknown') return { kind: 'unknown', text: value.text };
  if (value.kind !== 'environment') return { kind: 'unknown', text: `a ${value.kind}, not a string` };
  const found = environment?.lookup(value.variable);
  if (found) return { kind: 'string', value: found.value, from: `${value.variable} in ${found.file}` };
  if (value.fallback?.kind === 'string') return { kind: 'string', value: value.fallback.value, from: `the default of ${value.text}, as no .env file sets ${value.variable}` };
  return { kind: 'unset', variable: value.variable };
}

/** What SimpleJWT checks besides the signature: its AUDIENCE, ISSUER and LEEWAY, and the one ALGORITHM. */
export function projectExpectations(settings: JwtSettings): ClaimExpectations {
  const audience = settings.simpleJwt.get('AUDIENCE');
  const issuer = settings.simpleJwt.get('ISSUER');
  const leeway = settings.simpleJwt.get('LEEWAY');
  return {
    algorithms: [projectAlgorithm(settings)],
    ...(audience?.kind === 'string' ? { audiences: [audience.value] } : {}),
    ...(issuer?.kind === 'string' ? { issuer: issuer.value } : {}),
    ...(leeway?.kind === 'number' ? { leewaySeconds: leeway.value } : leeway?.kind === 'duration' ? { leewaySeconds: leeway.seconds } : {}),
  };
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

/**
 * The `key: value` pairs written in a dict literal, read from its own syntax (comments between
 * entries are skipped); a later duplicate wins, as in Python. `**spread` entries are not followed.
 */
function dictEntries(dict: SyntaxNode, source: string, module: ReadonlyMap<string, SyntaxNode>): Map<string, SyntaxNode> {
  const entries = new Map<string, SyntaxNode>();
  const items = children(dict).filter((node) => !['{', '}', ',', 'Comment'].includes(node.name));
  for (let index = 0; index + 2 < items.length; index++) {
    const key = items[index];
    if (items[index + 1].name !== ':') continue;
    const name = evaluate(key, source, module);
    if (name.kind === 'string') entries.set(name.value, items[index + 2]);
    index += 2;
  }
  return entries;
}

/** The node the scanner took a value span from: the first one that starts there and reaches its end. */
function nodeSpanning(tree: Tree, span: Span): SyntaxNode {
  let node = tree.resolveInner(span.from, 1);
  while (node.to < span.to && node.parent) node = node.parent;
  return node;
}
