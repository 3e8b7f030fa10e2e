import assert from 'node:assert/strict';
import path from 'node:path';
import { locateModels, readSourceFiles } from '../../src/core/models/files';
import { DeclarationsCache } from '../../src/core/models/declarationsCache';
import { readModels } from '../../src/core/models/read';
import type { SourceFile } from '../../src/core/models/types';
import { generate } from '../../src/core/serializers/generate';
import { renderModule } from '../../src/core/serializers/python';

const BOOK = `from django.db import models


class Stamped(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Book(Stamped):
    title = models.CharField(max_length=200)
`;

function generated(files: readonly SourceFile[], cache?: DeclarationsCache): string[] {
  const reading = readModels(files, cache);
  return generate(reading, { many: true, partial: true, views: 'viewset', urls: true, nested: true }).files.map(renderModule);
}

describe('the declarations cache', () => {
  it('parses a file once while its text stays the same', () => {
    const cache = new DeclarationsCache();
    const first = cache.read({ path: 'shop/models.py', text: BOOK });
    assert.equal(cache.read({ path: 'shop/models.py', text: BOOK.slice(0, 10) + BOOK.slice(10) }), first);
  });

  it('reads the file again once its text has changed', () => {
    const cache = new DeclarationsCache();
    const before = readModels([{ path: 'shop/models.py', text: BOOK }], cache);
    const edited = BOOK.replace('title = ', 'isbn = models.CharField(max_length=13)\n    title = ');
    const after = readModels([{ path: 'shop/models.py', text: edited }], cache);
    assert.deepEqual(before.models[1].fields.map((f) => f.name), ['id', 'created', 'title']);
    assert.deepEqual(after.models[1].fields.map((f) => f.name), ['id', 'created', 'isbn', 'title']);
    assert.deepEqual(after, readModels([{ path: 'shop/models.py', text: edited }]));
  });

  it('gives the same models and the same generated code as reading without it, however often it is reused', async () => {
    for (const app of ['django-project/catalog', 'real-code/realcode']) {
      const location = await locateModels(path.join(__dirname, '..', 'fixtures', app));
      const files = await readSourceFiles(location.files);
      const cache = new DeclarationsCache();
      const uncached = generated(files);
      assert.deepEqual(readModels(files, cache), readModels(files), app);
      // Generation must not change what the cache holds for the next reading.
      assert.deepEqual(generated(files, cache), uncached, app);
      assert.deepEqual(generated(files, cache), uncached, app);
      assert.deepEqual(readModels(files, cache), readModels(files), app);
    }
  });

  it('reads a forgotten file again', () => {
    const cache = new DeclarationsCache();
    const first = cache.read({ path: 'shop/models.py', text: BOOK });
    cache.forget('shop/models.py');
    const again = cache.read({ path: 'shop/models.py', text: BOOK });
    assert.notEqual(again, first);
    assert.deepEqual(again, first);
  });

  it('lets the least recently read file go when full', () => {
    const cache = new DeclarationsCache(2);
    const a = cache.read({ path: 'a/models.py', text: BOOK });
    const b = cache.read({ path: 'b/models.py', text: BOOK });
    assert.equal(cache.read({ path: 'a/models.py', text: BOOK }), a);
    cache.read({ path: 'c/models.py', text: BOOK });
    assert.equal(cache.read({ path: 'a/models.py', text: BOOK }), a);
    assert.notEqual(cache.read({ path: 'b/models.py', text: BOOK }), b);
  });
});
