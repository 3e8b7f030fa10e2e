import assert from 'node:assert/strict';
import path from 'node:path';
import type { KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase, parseKnowledgeText } from '../../src/core/settings/knowledge-source';
import { SCOPES, validateKnowledgeFile } from '../../src/core/settings/schema';

const repo = path.resolve(__dirname, '..', '..');
const dataDir = path.join(repo, 'data', 'settings');
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

  // Coverage of every name Django, DRF and SimpleJWT define is judged by the releases themselves:
  // see versions-settings.test.ts.

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

  it('accepts earlier defaults oldest first and a release, and rejects malformed ones', () => {
    const earlier = [{ before: '4.0', default: 'False' }, { before: '5.0', default: 'None' }];
    const good = validateKnowledgeFile({ scope: 'django', release: '5.2', entries: [{ ...validEntry, earlier_defaults: earlier }] }, 't');
    assert.deepEqual(good.errors, []);
    assert.equal(good.file?.entries[0].release, '5.2');
    for (const bad of [[], [{ before: 'soon', default: 'x' }], [{ before: '4.0' }], [...earlier].reverse(), [{ before: '4.0', default: 'x', note: 'y' }]]) {
      assert.match(validateKnowledgeFile({ scope: 'drf', entries: [{ ...validEntry, earlier_defaults: bad }] }, 't').errors.join(), /earlier_defaults/, JSON.stringify(bad));
    }
    assert.match(validateKnowledgeFile({ scope: 'drf', release: 3, entries: [] }, 't').errors.join(), /release must be a string/);
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
