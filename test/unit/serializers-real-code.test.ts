// Issue #16: shapes of real models files that broke the generated API, each proven by running the
// generated serializers, views and urls in a real Django + DRF on every interpreter at hand.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateModels, readSourceFiles } from '../../src/core/models/files';
import { introspectModels } from '../../src/core/models/introspect';
import { readModels } from '../../src/core/models/read';
import { type GenerateOptions, type Generation, generate, localName } from '../../src/core/serializers/generate';
import { renderModule } from '../../src/core/serializers/python';
import { runProcess } from '../../src/core/process';
import { availableDjangoPythons } from '../python/djangoVersions';

const CHECKER = path.join(__dirname, '..', 'python', 'check_generated.py');
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'real-code');

const SPEC = [
  { model: 'Import', prefix: 'imports', create: [{ label: 'csv' }], patch: { label: 'tsv' } },
  { model: 'A', prefix: 'as', create: [{ letter: 'x' }], patch: { letter: 'y' } },
  { model: 'Book', prefix: 'books', create: [{ title: 'Dune' }], patch: { title: 'Emma' } },
  { model: 'Review', prefix: 'reviews', create: [{ book_id: 1 }], patch: { stars: 5 } },
  { model: 'Draft', prefix: 'drafts', create: [{ code: 'd1', body: 'first' }], patch: { body: 'second' } },
  { model: 'Status', prefix: 'statuses', create: [{ text: 'on' }], patch: { text: 'off' } },
  { model: 'Tag', prefix: 'tags', create: [{ word: 'red', content_type_id: 1, object_id: 1 }], patch: { word: 'blue' } },
  { model: 'Note', prefix: 'notes', create: [{ title: 'n' }], patch: { title: 'm' } },
  { model: 'Restaurant', prefix: 'restaurants', create: [{ name: 'Luigi' }], patch: { pizza: true } },
  { model: 'Type', prefix: 'types', create: [{ caption: 'big' }], patch: { caption: 'small' } },
];

async function generateFixture(options: GenerateOptions): Promise<{ workDir: string; generation: Generation }> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'django kit real code '));
  cpSync(FIXTURE, workDir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  const location = await locateModels(path.join(workDir, 'realcode'));
  const generation = generate(readModels(await readSourceFiles(location.files)), options);
  for (const file of generation.files) writeFileSync(path.join(workDir, 'realcode', file.fileName), renderModule(file));
  return { workDir, generation };
}

function text(generation: Generation, fileName: string): string {
  const file = generation.files.find((f) => f.fileName === fileName);
  assert.ok(file, `no ${fileName}`);
  return renderModule(file);
}

describe('generated code for real-world model shapes (issue #16)', () => {
  const nested: GenerateOptions = { many: true, partial: true, views: 'apiview', urls: true, nested: true };

  it('writes valid, non-keyword, non-shadowing locals and reaches rows through the right manager', async () => {
    const { workDir, generation } = await generateFixture(nested);
    rmSync(workDir, { recursive: true, force: true });
    const views = text(generation, 'views.py');
    assert.match(views, /\n {8}import_obj = get_object_or_404\(Import, pk=pk\)/);
    assert.match(views, /\n {8}as_list = A\.objects\.all\(\)/);
    assert.match(views, /\n {8}status_obj = get_object_or_404\(Status, pk=pk\)/);
    assert.match(views, /\n {8}type_obj = get_object_or_404\(Type, pk=pk\)/);
    assert.match(views, /\n {8}books = Book\._default_manager\.all\(\)/);
    assert.match(text(generation, 'serializers.py'), /queryset=Book\._default_manager\.all\(\)/);
  });

  it('never names a local after a keyword, a soft keyword or a name the module uses', () => {
    const taken = new Set(['status', 'status_obj', 'Book']);
    assert.equal(localName('book', 'obj', taken), 'book');
    for (const keyword of ['import', 'class', 'as', 'match', 'case', 'type', '_']) assert.equal(localName(keyword, 'obj', taken), `${keyword}_obj`);
    assert.equal(localName('status', 'obj', taken), 'status_obj_');
    assert.equal(localName('9lives', 'obj', taken), 'obj');
  });

  it('imports what the package does not re-export from its own module', async () => {
    const { workDir, generation } = await generateFixture(nested);
    rmSync(workDir, { recursive: true, force: true });
    const serializers = text(generation, 'serializers.py');
    assert.match(serializers, /^from \.models import Book, Import, Note, Place, Restaurant, Review, Tag, Type$/m);
    assert.match(serializers, /^from \.models\.library import A, Draft, Status$/m);
  });

  it('leaves out generic relations, the parent link and an unread base\'s key, and says why', async () => {
    const { workDir, generation } = await generateFixture(nested);
    rmSync(workDir, { recursive: true, force: true });
    const serializers = text(generation, 'serializers.py');
    assert.match(serializers, /# content_object \(GenericForeignKey\) is left out/);
    assert.match(serializers, /# tags \(GenericRelation\) is left out/);
    assert.match(serializers, /model = Note\n {8}fields = \["id", "title", "data"\]\n {8}read_only_fields = \["id", "data"\]/);
    assert.match(serializers, /model = Restaurant\n {8}fields = \["id", "name", "pizza"\]/);
    assert.match(serializers, /# The fields of Coded \(from outside this app\) could not be read/);
    assert.match(serializers, /model = Draft\n {8}fields = \["body"\]/);
    assert.match(serializers, /model = Type\n {8}fields = \["id", "caption"\]/);
    assert.match(text(generation, 'urls.py'), /"drafts\/<str:pk>\/"/);
  });

  for (const { version, python } of availableDjangoPythons()) {
    for (const views of ['apiview', 'viewset'] as const) {
      // ViewSets on the oldest Django only: the two styles share their method bodies.
      if (views === 'viewset' && version !== '3.2') continue;
      it(`serves every model through ${views}s, nested, in Django ${version}`, async () => {
        const { workDir } = await generateFixture({ ...nested, views });
        try {
          const result = await runProcess({ command: python, args: ['-B', CHECKER, workDir, 'realcode', JSON.stringify(SPEC)], cwd: workDir });
          assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
          assert.match(result.stdout, /fields resolved for 11 serializers/);
          assert.match(result.stdout, /Type: PATCH updated caption only/);
          assert.match(result.stdout, /Tag: list returned a JSON list of 1/);
        } finally {
          rmSync(workDir, { recursive: true, force: true });
        }
      });
    }
  }

  describe('as Django itself describes them', () => {
    // A field with no column of its own, as money fields add beside their columns: not for ModelSerializer.
    const GADGETS = `from django.db import models


class Shout(models.Field):
    def get_attname_column(self):
        return self.get_attname(), None

    def contribute_to_class(self, cls, name, private_only=False):
        super().contribute_to_class(cls, name, private_only=True)


class Gadget(models.Model):
    name = models.CharField(max_length=20)
    loud_name = Shout(editable=False)
`;

    function project(): string {
      const dir = mkdtempSync(path.join(tmpdir(), 'django kit introspect real code '));
      cpSync(FIXTURE, dir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
      mkdirSync(path.join(dir, 'proj'));
      mkdirSync(path.join(dir, 'gadgets'));
      writeFileSync(path.join(dir, 'proj', '__init__.py'), '');
      writeFileSync(path.join(dir, 'gadgets', '__init__.py'), '');
      writeFileSync(path.join(dir, 'gadgets', 'models.py'), GADGETS);
      writeFileSync(
        path.join(dir, 'proj', 'settings.py'),
        'SECRET_KEY = "x"\nINSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.auth", "realcode", "gadgets"]\n' +
          'DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}\nDEFAULT_AUTO_FIELD = "django.db.models.AutoField"\n',
      );
      writeFileSync(
        path.join(dir, 'manage.py'),
        'import os, sys\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.settings")\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n',
      );
      return dir;
    }

    for (const { version, python } of availableDjangoPythons()) {
      it(`gives managers, modules, generic relations and only concrete fields, in Django ${version}`, async () => {
        const dir = project();
        try {
          const manageFile = path.join(dir, 'manage.py');
          const reading = await introspectModels({ python, manageFile, appDir: path.join(dir, 'realcode') });
          const model = (name: string) => reading.models.find((m) => m.name === name);
          assert.equal(model('Book')?.manager, 'articles');
          assert.equal(model('Import')?.manager, 'objects');
          assert.equal(model('Import')?.module, '.models');
          assert.equal(model('A')?.module, '.models.library');
          assert.deepEqual(model('Tag')?.fields.filter((f) => f.generic).map((f) => f.name), ['content_object']);
          assert.deepEqual(model('Restaurant')?.fields.map((f) => f.name), ['id', 'name', 'pizza']);
          assert.equal(model('Draft')?.pk, 'code');
          const gadgets = await introspectModels({ python, manageFile, appDir: path.join(dir, 'gadgets') });
          assert.deepEqual(gadgets.models[0].fields.map((f) => f.name), ['id', 'name']);
          const serializers = renderModule(generate(gadgets, { many: false, partial: false, urls: false, nested: false }).files[0]);
          assert.match(serializers, /fields = \["id", "name"\]/);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    }
  });
});
