import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

async function cli(args: string[], cwd: string): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const code = await main(['serializers', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    readStdin: async () => '',
    cwd,
  });
  return { code, stdout, stderr };
}

const MODELS = `from django.db import models


class Note(models.Model):
    text = models.TextField()
    pinned = models.BooleanField(default=False)
`;

describe('django-kit serializers', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dk cli é '));
    writeFileSync(path.join(dir, 'models.py'), MODELS);
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints serializers.py alone, with nothing on stderr', async () => {
    const run = await cli(['models.py'], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, '');
    assert.ok(run.stdout.startsWith('from rest_framework import serializers\n\nfrom .models import Note\n'));
    assert.doesNotMatch(run.stdout, /# ---/);
  });

  it('separates views.py and urls.py with header lines', async () => {
    const run = await cli([dir, '--views', 'apiview', '--urls', '--many', '--partial'], dir);
    assert.equal(run.code, 0);
    const [serializers, views, urls] = run.stdout.split(/^# --- (?:views|urls)\.py ---\n/m);
    assert.match(serializers, /class NoteSerializer/);
    assert.match(views, /NoteSerializer\(notes, many=True\)/);
    assert.match(views, /partial=True/);
    assert.match(urls, /path\("notes\/<int:pk>\/", views\.NoteDetail\.as_view\(\), name="note-detail"\)/);
  });

  it('warns on stderr about unknown models and flags that need --views', async () => {
    const run = await cli(['models.py', '--models', 'Note,Ghost', '--many'], dir);
    assert.equal(run.code, 0);
    assert.equal(run.stderr, 'warning: no model named Ghost\nwarning: --many and --partial shape the views: add --views\n');
  });

  it('exits 2 when no model can be read, and on bad arguments', async () => {
    writeFileSync(path.join(dir, 'empty.py'), 'import os\n');
    const empty = await cli(['empty.py'], dir);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /no concrete model could be read from empty\.py/);
    assert.equal((await cli(['models.py', '--views', 'generic'], dir)).code, 2);
    assert.equal((await cli(['models.py', '--urls'], dir)).code, 2);
    assert.equal((await cli([path.join(dir, 'missing')], dir)).code, 2);
  });
});
