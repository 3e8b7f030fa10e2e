import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase, parseKnowledgeText } from '../../src/core/settings/knowledge-source';
import { SCOPES, validateKnowledgeFile } from '../../src/core/settings/schema';

const repo = path.resolve(__dirname, '..', '..');
const dataDir = path.join(repo, 'data', 'settings');
// The names of current Django's global settings and of DRF's and SimpleJWT's defaults, one a line:
// kept in the repository so the coverage check runs on any fresh clone.
const sharedData = path.join(repo, 'test', 'fixtures', 'setting-names');

function sharedList(file: string): string[] {
  return readFileSync(path.join(sharedData, file), 'utf8').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
}

const validEntry = {
  name: 'PAGE_SIZE',
  summary: 'Items per page',
  explanation: 'Some words.',
  type: 'int | None',
  default: 'None',
  docs: 'https://example.org/page-size',
};

describe('settings knowledge files', () => {
  let knowledge: KnowledgeBase;
  let errors: readonly string[];

  before(() => {
    ({ knowledge, errors } = loadKnowledgeBase(dataDir));
  });

  it('every YAML entry validates against the schema', () => {
    assert.deepEqual(errors, []);
    assert.ok(knowledge.entries().length >= 290, `only ${knowledge.entries().length} entries loaded`);
  });

  for (const [file, scope] of [
    ['django-core-settings.txt', 'django'],
    ['drf-settings.txt', 'drf'],
    ['simplejwt-settings.txt', 'simplejwt'],
  ] as const) {
    it(`has an entry for every name in ${file}`, () => {
      const missing = sharedList(file).filter((name) => !knowledge.get(scope, name));
      assert.deepEqual(missing, [], `missing from scope ${scope}`);
    });
  }

  it('covers the contrib, deployment and dict-key scopes', () => {
    for (const scope of SCOPES) assert.ok(knowledge.entries(scope).length > 0, `scope ${scope} is empty`);
    for (const name of ['SITE_ID', 'ASGI_APPLICATION', 'USE_L10N', 'DEFAULT_FILE_STORAGE']) assert.ok(knowledge.global(name), name);
    assert.ok(knowledge.get('databases', 'CONN_MAX_AGE'));
    assert.ok(knowledge.get('templates-options', 'context_processors'));
    assert.ok(knowledge.get('logging', 'disable_existing_loggers'));
  });

  it('explains the difference between WSGI and ASGI', () => {
    const asgi = knowledge.global('ASGI_APPLICATION');
    assert.match(asgi?.explanation ?? '', /Channels/);
    assert.match(asgi?.explanation ?? '', /synchronous/);
    assert.match(asgi?.explanation ?? '', /long-lived/);
  });

  it('every related reference points at an existing entry', () => {
    const dangling = knowledge
      .entries()
      .flatMap((entry) => (entry.related ?? []).filter((ref) => !knowledge.related(entry, ref)).map((ref) => `${entry.scope}:${entry.name} -> ${ref}`));
    assert.deepEqual(dangling, []);
  });

  it('keeps summaries to one line', () => {
    const multiLine = knowledge.entries().filter((entry) => entry.summary.trim().includes('\n'));
    assert.deepEqual(multiLine.map((entry) => entry.name), []);
  });
});

describe('settings schema validation', () => {
  it('accepts a complete entry with the optional keys', () => {
    const result = validateKnowledgeFile(
      { scope: 'drf', entries: [{ ...validEntry, versions: { added: '3.0' }, related: ['x'], security: 'Careful.' }] },
      'test',
    );
    assert.deepEqual(result.errors, []);
    assert.equal(result.file?.entries[0].scope, 'drf');
  });

  it('rejects unknown keys, wrong types and missing fields, and keeps the good entries', () => {
    const result = validateKnowledgeFile(
      {
        scope: 'drf',
        entries: [
          validEntry,
          { ...validEntry, name: 'A', colour: 'blue' },
          { ...validEntry, name: 'B', default: null },
          { ...validEntry, name: 'C', related: 'D' },
          { ...validEntry, name: 'E', versions: { added: 3 } },
          { ...validEntry, name: 'F', versions: { introduced: '1.0' } },
          { name: 'G' },
          { ...validEntry, name: 'H', docs: 'http://insecure.example' },
        ],
      },
      'test',
    );
    assert.deepEqual(result.file?.entries.map((entry) => entry.name), ['PAGE_SIZE']);
    const text = result.errors.join('\n');
    for (const fault of ["unknown key 'colour'", "'default' must be a non-empty string", "'related' must be a list", "version 'added' must be a string", "unknown version key 'introduced'", "missing 'summary'", 'https URL']) {
      assert.ok(text.includes(fault), `expected "${fault}" in:\n${text}`);
    }
  });

  it('rejects a bad scope, unknown top-level keys and duplicates', () => {
    assert.match(validateKnowledgeFile({ scope: 'nope', entries: [] }, 't').errors.join(), /scope must be one of/);
    assert.match(validateKnowledgeFile({ scope: 'drf', entries: [], extra: 1 }, 't').errors.join(), /unknown top-level key 'extra'/);
    assert.match(validateKnowledgeFile({ scope: 'drf', entries: [validEntry, validEntry] }, 't').errors.join(), /duplicate name/);
    assert.match(validateKnowledgeFile([], 't').errors.join(), /must be a mapping/);
  });

  it('reads several YAML documents and reports broken YAML without throwing', () => {
    const good = parseKnowledgeText('scope: caches\nentries: []\n---\nscope: storages\nentries: []\n', 'two.yaml');
    assert.deepEqual(good.errors, []);
    assert.deepEqual(good.files.map((file) => file.scope), ['caches', 'storages']);
    const broken = parseKnowledgeText('scope: drf\nentries: [\n', 'broken.yaml');
    assert.equal(broken.files.length, 0);
    assert.equal(broken.errors.length, 1);
  });

  it('survives a missing knowledge folder', () => {
    const { knowledge, errors } = loadKnowledgeBase(path.join(repo, 'no-such-folder'));
    assert.equal(knowledge.entries().length, 0);
    assert.match(errors[0], /cannot read/);
  });
});
