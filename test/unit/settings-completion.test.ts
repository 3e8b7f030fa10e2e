import assert from 'node:assert/strict';
import path from 'node:path';
import { type Completion, completionAt, type CompletionItem } from '../../src/core/settings/completion';
import type { KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { scanSettings } from '../../src/core/settings/scanner';
import { PythonSource } from '../../src/core/syntax/python';

const repo = path.resolve(__dirname, '..', '..');
const knowledge: KnowledgeBase = loadKnowledgeBase(path.join(repo, 'data', 'settings')).knowledge;

/** The completion at the `|` in `text` (which is removed). */
function completeAt(text: string): { source: string; completion: Completion | undefined } {
  const offset = text.indexOf('|');
  const source = text.slice(0, offset) + text.slice(offset + 1);
  return { source, completion: completionAt(scanSettings(source, true), offset, knowledge) };
}

/** The source after accepting `label`, as the editor applies it: the range replaced by the insert text. */
function accept(source: string, completion: Completion, label: string): string {
  const item = completion.items.find((i) => i.label === label);
  assert.ok(item, `${label} is offered`);
  return source.slice(0, completion.from) + item.insertText + source.slice(completion.to);
}

function labels(items: readonly CompletionItem[]): string[] {
  return items.map((item) => item.label);
}

describe('settings completion', () => {
  it('offers setting names at the start of a module-level line', () => {
    const { source, completion } = completeAt('DEBUG = True\nINSTALL|\n');
    assert.ok(completion);
    assert.equal(source.slice(completion.from, completion.to), 'INSTALL');
    const apps = completion.items.find((item) => item.label === 'INSTALLED_APPS');
    assert.equal(apps?.insertText, 'INSTALLED_APPS');
    assert.equal(apps?.filterText, 'INSTALLED_APPS');
    assert.match(apps?.documentation ?? '', /\S/);
    assert.ok(completion.items.some((item) => item.label === 'SITE_ID'));
  });

  it('after a lone quote, writes the whole key with its closing quote and ": "', () => {
    const { source, completion } = completeAt("SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    '|\n}\n");
    assert.ok(completion);
    assert.equal(source.slice(completion.from, completion.to), "'");
    assert.equal(completion.items.find((i) => i.label === 'SIGNING_KEY')?.filterText, "'SIGNING_KEY");
    const after = accept(source, completion, 'SIGNING_KEY');
    assert.equal(after, "SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    'SIGNING_KEY': \n}\n");
  });

  it('replaces a half-typed key in an auto-closed string, keeping a colon that is there', () => {
    const closed = completeAt('REST_FRAMEWORK = {\n    "DEFAULT_PA|"\n}\n');
    assert.ok(closed.completion);
    assert.equal(accept(closed.source, closed.completion, 'DEFAULT_PAGINATION_CLASS'), 'REST_FRAMEWORK = {\n    "DEFAULT_PAGINATION_CLASS": \n}\n');
    const withValue = completeAt('REST_FRAMEWORK = {\n    "PAGE_SI|": 10,\n}\n');
    assert.ok(withValue.completion);
    assert.equal(accept(withValue.source, withValue.completion, 'PAGE_SIZE'), 'REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n}\n');
  });

  it('quotes a bare word and fills an empty key slot in the file\'s quote style', () => {
    const bare = completeAt("SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    SIGN|\n}\n");
    assert.ok(bare.completion);
    assert.equal(accept(bare.source, bare.completion, 'SIGNING_KEY'), "SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    'SIGNING_KEY': \n}\n");
    const empty = completeAt("SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    |\n}\n");
    assert.ok(empty.completion);
    assert.equal(empty.completion.from, empty.completion.to);
    assert.equal(empty.completion.items.find((i) => i.label === 'SIGNING_KEY')?.insertText, "'SIGNING_KEY': ");
  });

  it('leaves out the keys the dict already has, but offers the one being edited', () => {
    const { completion } = completeAt('REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n    "DEFAULT_PAGINATION_CLASS": "x",\n    "|"\n}\n');
    assert.ok(completion);
    const offered = labels(completion.items);
    assert.ok(!offered.includes('PAGE_SIZE'));
    assert.ok(!offered.includes('DEFAULT_PAGINATION_CLASS'));
    assert.equal(offered.length, knowledge.entries('drf').length - 2);
    const editing = completeAt('REST_FRAMEWORK = {\n    "PAGE_SI|": 10,\n}\n');
    assert.ok(editing.completion && labels(editing.completion.items).includes('PAGE_SIZE'));
  });

  it('still completes keys when a later statement does not parse', () => {
    const { source, completion } = completeAt('REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n    "DEF|\n}\n\nBROKEN = (1,\nif x\nSIMPLE_JWT = {"ALG\n');
    assert.ok(completion, 'keys are offered, not plain words');
    assert.ok(labels(completion.items).includes('DEFAULT_AUTHENTICATION_CLASSES'));
    assert.ok(!labels(completion.items).includes('PAGE_SIZE'));
    const after = accept(source, completion, 'DEFAULT_AUTHENTICATION_CLASSES');
    assert.ok(after.startsWith('REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n    "DEFAULT_AUTHENTICATION_CLASSES": \n}\n'));
  });

  it('gives a statement that parses once a value is typed', () => {
    for (const text of ["SIMPLE_JWT = {\n    '|\n}\n", 'REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n    "DEF|"\n}\n', 'CACHES = {"default": {\n    LOC|\n}}\n']) {
      const { source, completion } = completeAt(text);
      assert.ok(completion, text);
      const [first] = completion.items;
      const after = accept(source, completion, first.label);
      const withValue = after.replace(': \n', ': None\n');
      assert.deepEqual(new PythonSource(withValue).errorLines(), [], withValue);
    }
  });

  it('offers DATABASES entry keys below an alias', () => {
    const { completion } = completeAt('DATABASES = {\n    "default": {\n        "ENGINE": "x",\n        "CONN|\n    }\n}\n');
    assert.ok(completion?.items.some((i) => i.label === 'CONN_MAX_AGE'));
    assert.ok(!completion?.items.some((i) => i.label === 'ENGINE'));
  });

  it('offers nothing in values or in dicts that hold no settings', () => {
    const source = 'REST_FRAMEWORK = {"PAGE_SIZE": 1}\nOTHER = {"A": 1, "B\n}\nX = foo(B\n';
    const index = scanSettings(source, true);
    assert.equal(completionAt(index, source.indexOf(': 1}') + 2, knowledge), undefined);
    assert.equal(completionAt(index, source.indexOf('"B') + 2, knowledge), undefined);
    assert.equal(completionAt(index, source.indexOf('foo(B') + 5, knowledge), undefined);
  });
});
