import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readModels } from '../../src/core/models/read';
import { generate } from '../../src/core/serializers/generate';
import { MergeError, mergeModule } from '../../src/core/serializers/merge';
import { PythonSource } from '../../src/core/syntax/python';

const MODELS = readModels([
  {
    path: 'models.py',
    text: 'from django.db import models\n\nclass Author(models.Model):\n    name = models.CharField(max_length=9)\n\nclass Book(models.Model):\n    author = models.ForeignKey(Author, on_delete=models.CASCADE)\n',
  },
]);
const GENERATED = generate(MODELS, { many: true, partial: true, views: 'viewset', urls: true, nested: true }).files;

// Lines that real serializers, views and urls files are made of, plus some broken ones.
const LINE = fc.constantFrom(
  'from rest_framework import serializers',
  'from .models import Author',
  'from . import views',
  'import os',
  '"""Docstring."""',
  '# class BookSerializer is mentioned in a comment',
  'class AuthorSerializer(serializers.ModelSerializer):',
  '    pass',
  'router = DefaultRouter()',
  'urlpatterns = []',
  'urlpatterns = [',
  '    path("x/", views.x),',
  ']',
  'x = "class BookViewSet"',
  'def helper():',
  '    return 1',
  '',
  'class Broken(',
  '    if',
);

/** Removes the inserted text again, last insertion first, to get back what the file was. */
function withoutInsertions(text: string, insertions: readonly { offset: number; text: string }[]): string {
  let shift = 0;
  const placed = [...insertions]
    .map((insertion, index) => ({ ...insertion, index }))
    .sort((a, b) => a.offset - b.offset || a.index - b.index)
    .map((insertion) => {
      const at = insertion.offset + shift;
      shift += insertion.text.length;
      return { at, length: insertion.text.length };
    });
  let result = text;
  for (const { at, length } of placed.reverse()) result = result.slice(0, at) + result.slice(at + length);
  return result;
}

describe('serializers: properties', () => {
  it('reads any text without throwing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const reading = readModels([{ path: 'models.py', text }]);
        assert.ok(Array.isArray(reading.models));
      }),
      { numRuns: 300 },
    );
  });

  it('merging only ever adds valid code: the insertions taken out give back the file, a second merge adds nothing', () => {
    fc.assert(
      fc.property(fc.array(LINE, { maxLength: 14 }), fc.integer({ min: 0, max: GENERATED.length - 1 }), (lines, which) => {
        const existing = `${lines.join('\n')}\n`;
        const module = GENERATED[which];
        let merge;
        try {
          merge = mergeModule(existing, module);
        } catch (error) {
          assert.ok(error instanceof MergeError);
          return;
        }
        assert.equal(withoutInsertions(merge.text, merge.insertions), existing);
        assert.deepEqual(new PythonSource(merge.text).errorLines(), [], merge.text);
        assert.deepEqual(mergeModule(merge.text, module).insertions, []);
      }),
      { numRuns: 300 },
    );
  });
});
