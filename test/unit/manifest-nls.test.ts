import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// Every text a user reads from package.json comes from package.nls.json (and, for a translated
// editor, package.nls.<locale>.json), referenced as "%key%".
const ROOT = path.resolve(__dirname, '..', '..');
const PLACEHOLDER = /^%([^%\s]+)%$/;

// The manifest fields VS Code shows to users, wherever they sit under `contributes`.
const TEXT_FIELDS = new Set([
  'title',
  'shortTitle',
  'category',
  'name',
  'label',
  'contextualTitle',
  'contents',
  'altText',
  'description',
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'deprecationMessage',
  'markdownDeprecationMessage',
  'enumItemLabels',
]);

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

interface Manifest {
  displayName: string;
  description: string;
  capabilities: Record<string, { description?: string }>;
  contributes: {
    commands: { command: string; title: string; category: string }[];
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
  } & Record<string, Json>;
}

function readJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(ROOT, relative), 'utf8')) as T;
}

const manifest = readJson<Manifest>('package.json');
const nls = readJson<Record<string, string>>('package.nls.json');

/** Every string in a JSON value with the path that leads to it. */
function* strings(value: Json, at: string[] = []): Generator<{ at: string[]; text: string }> {
  if (typeof value === 'string') yield { at, text: value };
  else if (Array.isArray(value)) for (const [i, item] of value.entries()) yield* strings(item, [...at, String(i)]);
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) yield* strings(item, [...at, key]);
}

/** The text field a string belongs to: its own key, or the key of the array holding it. */
function fieldOf(at: string[]): string | undefined {
  const last = at[at.length - 1];
  return /^\d+$/.test(last) ? at[at.length - 2] : last;
}

function referencedKeys(): string[] {
  return [...strings(manifest as unknown as Json)].flatMap(({ text }) => PLACEHOLDER.exec(text)?.[1] ?? []);
}

describe('manifest strings live in package.nls.json', () => {
  it('resolves every %key% in package.json', () => {
    const missing = referencedKeys().filter((key) => !(key in nls));
    assert.deepEqual(missing, []);
  });

  it('has no key package.json does not use', () => {
    const used = new Set(referencedKeys());
    assert.deepEqual(Object.keys(nls).filter((key) => !used.has(key)), []);
  });

  it('leaves no user-visible text as a literal in contributes', () => {
    const literals = [...strings(manifest.contributes as unknown as Json, ['contributes'])]
      .filter(({ at, text }) => TEXT_FIELDS.has(fieldOf(at) ?? '') && !PLACEHOLDER.test(text))
      .map(({ at, text }) => `${at.join('.')}: ${text}`);
    assert.deepEqual(literals, []);
  });

  it('references the listing name, description and workspace-support notes', () => {
    const texts = [manifest.displayName, manifest.description, ...Object.values(manifest.capabilities).map((c) => c.description)];
    for (const text of texts) assert.match(text ?? '', PLACEHOLDER);
  });

  it('names command and setting keys after their ids, so a key says where its text shows', () => {
    for (const { command, title, category } of manifest.contributes.commands) {
      assert.equal(title, `%command.${command.replace(/^djangoKit\./, '')}.title%`);
      assert.equal(category, '%command.category%');
    }
    for (const [id, setting] of Object.entries(manifest.contributes.configuration.properties)) {
      assert.equal(setting.markdownDescription ?? setting.description, `%config.${id.replace(/^djangoKit\./, '')}.description%`);
    }
  });

  it('keeps every text non-empty, and every translation to keys the English file has', () => {
    for (const [key, text] of Object.entries(nls)) assert.ok(text.trim(), `${key} has text`);
    const translations = readdirSync(ROOT).filter((file) => /^package\.nls\.[\w-]+\.json$/.test(file));
    for (const file of translations) {
      const unknown = Object.keys(readJson<Record<string, string>>(file)).filter((key) => !(key in nls));
      assert.deepEqual(unknown, [], `${file} translates only keys of package.nls.json`);
    }
  });
});
