import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';

interface Captured {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: () => Promise.resolve(''),
    cwd,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function write(root: string, relative: string, text: string | Buffer): void {
  const file = path.join(root, ...relative.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('templates: django-kit templates', () => {
  let project: string;

  beforeEach(() => {
    project = mkdtempSync(path.join(os.tmpdir(), 'django kit é '));
    write(project, 'templates/base.html', '<html>{% block body %}{% endblock %}</html>\n');
    write(project, 'shop/templates/shop/list.html', '{% extends "base.html" %}\n{% block body %}{% include "./row.html" %}{% endblock %}\n');
    write(project, 'shop/templates/shop/row.html', '<li>{{ item }}</li>\n');
    write(project, 'shop/templates/shop/logo.png', Buffer.from([0x89, 0x50, 0x00, 0x7b, 0x25]));
    write(project, '.venv/lib/site-packages/app/templates/x.html', '{% include "nowhere.html" %}\n');
  });

  afterEach(() => {
    rmSync(project, { recursive: true, force: true });
  });

  it('prints each name with where it resolves and exits 0 when all are found', async () => {
    const result = await cli(['templates'], project);
    assert.equal(result.stderr, '');
    assert.equal(
      result.stdout,
      [
        'shop/templates/shop/list.html:1:13: extends "base.html" -> templates/base.html',
        'shop/templates/shop/list.html:2:29: include "./row.html" -> shop/templates/shop/row.html',
        '2 template names, 0 not found',
        '',
      ].join('\n'),
    );
    assert.equal(result.code, 0);
  });

  it('reports names no templates folder has and exits 1', async () => {
    write(project, 'shop/templates/shop/detail.html', '{% include "shop/missing.html" %}\n');
    const result = await cli(['templates', project, '--json'], os.tmpdir());
    const report = JSON.parse(result.stdout) as { links: { file: string; name: string; target: string | null }[]; notFound: number };
    assert.equal(report.notFound, 1);
    assert.deepEqual(report.links.find((l) => l.name === 'shop/missing.html'), {
      file: 'shop/templates/shop/detail.html',
      line: 1,
      column: 13,
      tag: 'include',
      name: 'shop/missing.html',
      target: null,
    });
    assert.equal(result.code, 1);
  });

  it('rejects a project that is not a folder with exit 2 and the usage', async () => {
    const result = await cli(['templates', 'no such folder'], project);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /no such folder is not a folder/);
    assert.match(result.stderr, /Usage: django-kit templates/);
  });
});
