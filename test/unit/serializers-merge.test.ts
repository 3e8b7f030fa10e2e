import assert from 'node:assert/strict';
import { readModels } from '../../src/core/models/read';
import { generate } from '../../src/core/serializers/generate';
import { MergeError, mergeModule } from '../../src/core/serializers/merge';
import type { GeneratedModule } from '../../src/core/serializers/python';

const MODELS = `
from django.db import models

class Author(models.Model):
    name = models.CharField(max_length=50)

class Book(models.Model):
    title = models.CharField(max_length=50)
`;

function generated(fileName: GeneratedModule['fileName'], views: 'apiview' | 'viewset' = 'viewset'): GeneratedModule {
  const generation = generate(readModels([{ path: 'models.py', text: MODELS }]), { many: true, partial: true, views, urls: true, nested: false });
  const file = generation.files.find((f) => f.fileName === fileName);
  assert.ok(file);
  return file;
}

describe('merging into existing files', () => {
  it('adds only the missing class and extends the existing import, touching nothing else', () => {
    const existing = `"""The API."""
from rest_framework import serializers

from .models import Author


class AuthorSerializer(serializers.ModelSerializer):
    # Hand-written: must stay exactly as it is.
    class Meta:
        model = Author
        fields = "__all__"
`;
    const merge = mergeModule(existing, generated('serializers.py'));
    assert.deepEqual(merge.added, ['BookSerializer']);
    assert.deepEqual(merge.kept, ['AuthorSerializer']);
    assert.match(merge.text, /^from \.models import Author, Book$/m);
    assert.equal(merge.text.match(/class AuthorSerializer/g)?.length, 1);
    assert.ok(merge.text.startsWith(existing.slice(0, existing.indexOf('Author\n'))));
    assert.ok(merge.text.includes('# Hand-written: must stay exactly as it is.\n    class Meta:\n        model = Author\n        fields = "__all__"\n'));
    assert.match(merge.text, /fields = "__all__"\n\n\nclass BookSerializer\(serializers\.ModelSerializer\):/);
    // Every insertion only adds: removing the inserted text gives back the original.
    assert.equal(merge.text.length, existing.length + merge.insertions.reduce((n, i) => n + i.text.length, 0));
  });

  it('is idempotent: merging into its own output adds nothing', () => {
    const once = mergeModule('', generated('views.py'));
    const twice = mergeModule(once.text, generated('views.py'));
    assert.deepEqual(twice.insertions, []);
    assert.equal(twice.text, once.text);
  });

  it('adds imports after the last import, or after the docstring, with names already bound skipped', () => {
    const merge = mergeModule('"""Views."""\n\nfrom .models import *\n\nX = 1\n', generated('views.py', 'apiview'));
    assert.doesNotMatch(merge.text, /from \.models import Author/);
    assert.match(merge.text, /from \.models import \*\nfrom django\.shortcuts import get_object_or_404\n/);
    const bare = mergeModule('"""Views."""\nX = 1\n', generated('views.py', 'apiview'));
    assert.match(bare.text, /^"""Views\."""\nfrom django\.shortcuts/);
  });

  it('extends a parenthesised import', () => {
    const merge = mergeModule('from .models import (\n    Author,\n)\n', generated('serializers.py'));
    assert.match(merge.text, /from \.models import \(\n {4}Author, Book,\n\)/);
  });

  it('adds missing url entries inside the existing urlpatterns list', () => {
    const existing = 'from django.urls import path\n\nfrom . import views\n\nurlpatterns = [\n    path("authors/", views.AuthorList.as_view()),\n]\n';
    const merge = mergeModule(existing, generated('urls.py', 'apiview'));
    assert.deepEqual(merge.kept, ['AuthorList']);
    assert.equal(
      merge.text,
      `from django.urls import path

from . import views

urlpatterns = [
    path("authors/", views.AuthorList.as_view()),
    path("authors/<int:pk>/", views.AuthorDetail.as_view(), name="author-detail"),
    path("books/", views.BookList.as_view(), name="book-list"),
    path("books/<int:pk>/", views.BookDetail.as_view(), name="book-detail"),
]
`,
    );
  });

  it('registers viewsets before urlpatterns reads router.urls', () => {
    const existing = 'from django.urls import path\n\nurlpatterns = [path("health/", lambda r: None)]\n';
    const merge = mergeModule(existing, generated('urls.py'));
    const text = merge.text;
    assert.ok(text.indexOf('router.register("books"') < text.indexOf('urlpatterns ='));
    assert.match(text, /^from django\.urls import path, include$/m);
    assert.ok(text.includes('urlpatterns = [path("health/", lambda r: None),\n    path("", include(router.urls)),]'), text);
  });

  it('keeps Windows line endings', () => {
    const existing = 'from rest_framework import serializers\r\n\r\nfrom .models import Author\r\n';
    const merge = mergeModule(existing, generated('serializers.py'));
    assert.doesNotMatch(merge.text.replace(/\r\n/g, ''), /\n/);
    assert.match(merge.text, /\r\n\r\n\r\nclass AuthorSerializer/);
  });

  it('refuses a file with a syntax error and changes nothing', () => {
    assert.throws(() => mergeModule('class Broken(\n', generated('serializers.py')), MergeError);
  });
});
