import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'urls-project');

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), readStdin: () => Promise.resolve(''), cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('urls: django-kit urls', () => {
  let project: string;

  beforeEach(() => {
    project = path.join(mkdtempSync(path.join(os.tmpdir(), 'django kit urls é ')), 'site');
    cpSync(FIXTURE, project, { recursive: true });
  });

  afterEach(() => {
    rmSync(path.dirname(project), { recursive: true, force: true });
  });

  it('prints every URL with exactly name, route, view, file and line, paths relative to the project', async () => {
    const result = await cli(['urls', '--project', project], os.tmpdir());
    assert.equal(result.code, 0, result.stderr);
    const rows = JSON.parse(result.stdout) as Record<string, unknown>[];
    assert.deepEqual(Object.keys(rows[0]), ['name', 'route', 'view', 'file', 'line']);
    assert.deepEqual(
      rows.find((row) => row.name === 'shop:order-detail'),
      { name: 'shop:order-detail', route: 'shop/orders/<int:pk>/', view: 'shop.views.OrderDetail', file: path.join('shop', 'urls.py'), line: 8 },
    );
  });

  it('checks files and folders: exit 0 when clean, 1 with the diagnostics as JSON', async () => {
    const clean = await cli(['urls', 'check', 'shop', 'templates'], project);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, '[]\n');
    writeFileSync(path.join(project, 'templates', 'bad.html'), "<p>\n  {% url 'blog:psot' 2024 'x' %}\n</p>\n");
    const dirty = await cli(['urls', 'check', '.'], project);
    assert.equal(dirty.code, 1);
    assert.deepEqual(JSON.parse(dirty.stdout), [
      {
        file: path.join('templates', 'bad.html'),
        line: 2,
        column: 11,
        severity: 'error',
        code: 'unknown-url-name',
        message: 'Unknown URL name `blog:psot`. Did you mean `blog:post`?',
      },
    ]);
  });

  it('reports nothing, and says why on stderr, when the URLconf cannot be read completely', async () => {
    writeFileSync(path.join(project, 'blog', 'urls.py'), 'from django.urls import path\nurlpatterns = build()\n');
    writeFileSync(path.join(project, 'templates', 'bad.html'), "{% url 'nowhere' %}\n");
    const result = await cli(['urls', 'check', 'templates'], project);
    assert.equal(result.code, 0);
    assert.equal(result.stdout, '[]\n');
    assert.match(result.stderr, /could not be read completely.*blog[\\/]urls\.py:2/);
  });

  it('exits 2 on wrong arguments', async () => {
    for (const args of [['urls', 'check'], ['urls', 'list'], ['urls', 'check', 'missing.py'], ['urls', '--project', 'nowhere'], ['urls', 'check', '.', '--python', 'python3']]) {
      const result = await cli(args, project);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, /Usage:/);
    }
  });
});
