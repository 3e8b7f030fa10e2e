import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateModels, readSourceFiles } from '../../src/core/models/files';
import { readModels } from '../../src/core/models/read';
import { type GenerateOptions, generate } from '../../src/core/serializers/generate';
import { renderModule } from '../../src/core/serializers/python';
import { runProcess } from '../../src/core/process';

// The Debian interpreter has Django and DRF; the `python3` on PATH may not.
const PYTHON = '/usr/bin/python3';
const CHECKER = path.join(__dirname, '..', 'python', 'check_generated.py');
const FIXTURE_APP = path.join(__dirname, '..', 'fixtures', 'django-project', 'catalog');
const AUTH_MODELS = '/usr/lib/python3/dist-packages/django/contrib/auth/models.py';

async function djangoAvailable(): Promise<boolean> {
  if (!existsSync(PYTHON)) return false;
  try {
    const result = await runProcess({ command: PYTHON, args: ['-c', 'import django, rest_framework'] });
    return result.code === 0;
  } catch {
    return false;
  }
}

/** Writes the generated files into `appDir` and runs the checker on it. */
async function check(workDir: string, app: string, modelsPath: string, options: GenerateOptions, spec: unknown[]): Promise<string> {
  const location = await locateModels(modelsPath);
  const generation = generate(readModels(await readSourceFiles(location.files)), options);
  for (const file of generation.files) writeFileSync(path.join(workDir, app, file.fileName), renderModule(file));
  const result = await runProcess({ command: PYTHON, args: ['-B', CHECKER, workDir, app, JSON.stringify(spec)], cwd: workDir });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

const CATALOG_SPEC = [
  { model: 'Category', prefix: 'categories', create: [{ name: 'Books', slug: 'books' }, { name: 'Games', slug: 'games' }], patch: { name: 'Novels' } },
  {
    model: 'Product',
    prefix: 'products',
    create: [{ name: 'Dune', price: '9.50', category_id: 1 }],
    patch: { status: 'live' },
    volatile: ['updated'],
  },
];

const AUTH_SPEC = [
  { model: 'Group', prefix: 'groups', create: [{ name: 'editors' }], patch: { name: 'authors' } },
  { model: 'User', prefix: 'users', create: [{ username: 'ana' }, { username: 'bo' }], patch: { first_name: 'Bo' } },
];

// Inheritance of every kind, a UUID key, a through model, a self relation and a model named like
// DRF's Response, in one app.
const TRICKY_MODELS = `import uuid

from django.db import models as m


class Stamped(m.Model):
    created = m.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Place(Stamped):
    name = m.CharField(max_length=50)
    parent = m.ForeignKey("self", null=True, blank=True, on_delete=m.CASCADE)


class Restaurant(Place):
    serves_pizza = m.BooleanField(default=False)


class OrderedPlace(Place):
    class Meta:
        proxy = True


class Dish(m.Model):
    code = m.UUIDField(primary_key=True, default=uuid.uuid4)
    title = m.CharField(max_length=50)
    places = m.ManyToManyField(Place, through="Menu", related_name="dishes")


class Menu(m.Model):
    place = m.ForeignKey(Place, on_delete=m.CASCADE)
    dish = m.ForeignKey(Dish, on_delete=m.CASCADE)
    price = m.IntegerField(default=0)


class Response(m.Model):
    answer = m.TextField()
`;

const TRICKY_SPEC = [
  { model: 'Place', prefix: 'places', create: [{ name: 'Hall' }], patch: { name: 'Big hall' } },
  { model: 'Restaurant', prefix: 'restaurants', create: [{ name: 'Luigi', serves_pizza: true }], patch: { serves_pizza: false } },
  { model: 'Dish', prefix: 'dishes', create: [{ title: 'Soup' }], patch: { title: 'Hot soup' } },
  { model: 'Response', prefix: 'responses', create: [{ answer: 'yes' }], patch: { answer: 'no' } },
];

describe('generated code in a real Django + DRF', function () {
  let workDir: string;

  before(async function () {
    if (!(await djangoAvailable())) this.skip();
  });

  beforeEach(() => {
    workDir = mkdtempSync(path.join(tmpdir(), 'django kit été '));
  });

  afterEach(() => {
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  function copyCatalog(): void {
    cpSync(FIXTURE_APP, path.join(workDir, 'catalog'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
  }

  it('serves the fixture app through APIViews: list with many=True, PATCH with partial=True', async () => {
    copyCatalog();
    const out = await check(workDir, 'catalog', path.join(workDir, 'catalog'), { many: true, partial: true, views: 'apiview', urls: true, nested: false }, CATALOG_SPEC);
    assert.match(out, /fields resolved for 2 serializers/);
    assert.match(out, /Product: PATCH updated status only/);
  });

  it('serves the fixture app through ViewSets with nested relations', async () => {
    copyCatalog();
    const out = await check(workDir, 'catalog', path.join(workDir, 'catalog'), { many: true, partial: true, views: 'viewset', urls: true, nested: true }, CATALOG_SPEC);
    assert.match(out, /Category: list returned a JSON list of 2/);
  });

  it('handles multi-table and proxy inheritance, a UUID key, a through model and a Response model, nested', async () => {
    const app = path.join(workDir, 'tricky');
    mkdirSync(app);
    writeFileSync(path.join(app, '__init__.py'), '');
    writeFileSync(path.join(app, 'models.py'), TRICKY_MODELS);
    const out = await check(workDir, 'tricky', app, { many: true, partial: true, views: 'apiview', urls: true, nested: true }, TRICKY_SPEC);
    assert.match(out, /fields resolved for 6 serializers/);
    assert.match(out, /Restaurant: PATCH updated serves_pizza only/);
    assert.match(out, /Dish: PATCH updated title only/);
  });

  it("serves django.contrib.auth's own models", async () => {
    const app = path.join(workDir, 'auth_api');
    // Django's own file is read where it is; a small app re-exports its models so that the
    // generated `from .models import ...` finds them.
    mkdirSync(app);
    writeFileSync(path.join(app, '__init__.py'), '');
    writeFileSync(path.join(app, 'models.py'), 'from django.contrib.auth.models import Group, Permission, User  # noqa: F401\n');
    const out = await check(workDir, 'auth_api', AUTH_MODELS, { many: true, partial: true, views: 'viewset', urls: true, nested: false }, AUTH_SPEC);
    assert.match(out, /fields resolved for 3 serializers/);
    assert.match(out, /User: PATCH updated first_name only/);
  });
});
