// Generated serializers, views and urls loaded and served by each prepared DRF (3.14, 3.16, 3.18),
// for the fixture app and for the auth models of that same Django.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { locateModels, readSourceFiles } from '../../src/core/models/files';
import { readModels } from '../../src/core/models/read';
import { type GenerateOptions, generate } from '../../src/core/serializers/generate';
import { renderModule } from '../../src/core/serializers/python';
import { runProcess } from '../../src/core/process';
import { availableDjangoPythons } from '../python/djangoVersions';

const CHECKER = path.join(__dirname, '..', 'python', 'check_generated.py');
const FIXTURE_APP = path.join(__dirname, '..', 'fixtures', 'django-project', 'catalog');

const CATALOG_SPEC = [
  { model: 'Category', prefix: 'categories', create: [{ name: 'Books', slug: 'books' }, { name: 'Games', slug: 'games' }], patch: { name: 'Novels' } },
  { model: 'Product', prefix: 'products', create: [{ name: 'Dune', price: '9.50', category_id: 1 }], patch: { status: 'live' }, volatile: ['updated'] },
];
const AUTH_SPEC = [
  { model: 'Group', prefix: 'groups', create: [{ name: 'editors' }], patch: { name: 'authors' } },
  { model: 'User', prefix: 'users', create: [{ username: 'ana' }, { username: 'bo' }], patch: { first_name: 'Bo' } },
];

async function generateAndCheck(python: string, workDir: string, app: string, modelsPath: string, options: GenerateOptions, spec: unknown[]): Promise<string> {
  const location = await locateModels(modelsPath);
  const generation = generate(readModels(await readSourceFiles(location.files)), options);
  for (const file of generation.files) writeFileSync(path.join(workDir, app, file.fileName), renderModule(file));
  const result = await runProcess({ command: python, args: ['-B', CHECKER, workDir, app, JSON.stringify(spec)], cwd: workDir });
  assert.equal(result.code, 0, `${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

for (const { version, python } of availableDjangoPythons()) {
  describe(`serializers in the DRF of Django ${version} (real Django + DRF)`, function () {
    this.timeout(60_000);
    let workDir: string;
    beforeEach(() => {
      workDir = mkdtempSync(path.join(os.tmpdir(), `dk serializers ${version} `));
    });
    afterEach(() => rmSync(workDir, { recursive: true, force: true }));

    for (const options of [
      { many: true, partial: true, views: 'apiview', urls: true, nested: false },
      { many: true, partial: true, views: 'viewset', urls: true, nested: true },
    ] as const) {
      it(`serves the fixture app through ${options.views} views${options.nested ? ', nested' : ''}`, async () => {
        cpSync(FIXTURE_APP, path.join(workDir, 'catalog'), { recursive: true, filter: (src) => !src.includes('__pycache__') });
        const out = await generateAndCheck(python, workDir, 'catalog', path.join(workDir, 'catalog'), options, CATALOG_SPEC);
        assert.match(out, /fields resolved for 2 serializers/);
        assert.match(out, /Product: PATCH updated status only/);
      });
    }

    it("serves that Django's own auth models", async () => {
      const found = await runProcess({ command: python, args: ['-c', 'import django.contrib.auth as a, os; print(os.path.join(os.path.dirname(a.__file__), "models.py"))'] });
      assert.equal(found.code, 0, found.stderr);
      const app = path.join(workDir, 'auth_api');
      mkdirSync(app);
      writeFileSync(path.join(app, '__init__.py'), '');
      writeFileSync(path.join(app, 'models.py'), 'from django.contrib.auth.models import Group, Permission, User  # noqa: F401\n');
      const out = await generateAndCheck(python, workDir, 'auth_api', found.stdout.trim(), { many: true, partial: true, views: 'viewset', urls: true, nested: false }, AUTH_SPEC);
      assert.match(out, /fields resolved for 3 serializers/);
      assert.match(out, /User: PATCH updated first_name only/);
    });
  });
}
