import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntrospectError, introspectModels, parseIntrospection } from '../../src/core/models/introspect';
import { readModels } from '../../src/core/models/read';
import { runProcess } from '../../src/core/process';

const PYTHON = '/usr/bin/python3';
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');

async function djangoAvailable(): Promise<boolean> {
  if (!existsSync(PYTHON)) return false;
  const result = await runProcess({ command: PYTHON, args: ['-c', 'import django, rest_framework, rest_framework_simplejwt'] });
  return result.code === 0;
}

describe('asking Django for the models', function () {
  let project: string;

  before(async function () {
    if (!(await djangoAvailable())) this.skip();
    project = mkdtempSync(path.join(tmpdir(), 'dk introspect ñ '));
    cpSync(FIXTURE, project, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  });

  after(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('describes the fixture app as the static reading does, with exact field classes', async () => {
    const appDir = path.join(project, 'catalog');
    const django = await introspectModels({ python: PYTHON, manageFile: path.join(project, 'manage.py'), appDir });
    const modelsFile = path.join(appDir, 'models.py');
    const statics = readModels([{ path: modelsFile, text: readFileSync(modelsFile, 'utf8') }]).models.filter((m) => !m.abstract);
    assert.deepEqual(
      django.models.map((m) => [m.name, m.fields.map((f) => f.name)]),
      statics.map((m) => [m.name, m.fields.map((f) => f.name)]),
    );
    const product = django.models.find((m) => m.name === 'Product');
    assert.equal(product?.fields[0].fieldClass, 'BigAutoField');
    assert.equal(product?.fields[0].implicit, true);
    assert.deepEqual(product?.fields.find((f) => f.name === 'owner')?.relation, { kind: 'foreign-key', target: 'auth.User' });
    assert.equal(product?.fields.find((f) => f.name === 'sku')?.options.editable, false);
  });

  it('says so when no installed app lives in the folder', async () => {
    await assert.rejects(
      introspectModels({ python: PYTHON, manageFile: path.join(project, 'manage.py'), appDir: path.join(project, 'templates') }),
      (error: Error) => error instanceof IntrospectError && /no installed app/.test(error.message),
    );
  });

  it('names a missing interpreter', async () => {
    await assert.rejects(
      introspectModels({ python: path.join(project, 'no python'), manageFile: path.join(project, 'manage.py'), appDir: project }),
      (error: Error) => error instanceof IntrospectError && /was not found/.test(error.message),
    );
  });
});

describe('reading what Django printed', () => {
  it('skips whatever settings print before the description', () => {
    const line = 'DJANGO_KIT_MODELS {"app": "a", "models": [{"name": "M", "proxy": false, "parent": null, "pk": "id", "fields": []}]}';
    const reading = parseIntrospection(`settings loaded\n${line}\n`, '/app');
    assert.deepEqual(reading.models.map((m) => m.name), ['M']);
    assert.throws(() => parseIntrospection('nothing\n', '/app'), IntrospectError);
  });
});
