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

  it('words its reading warnings in English, unchanged by the localization the editor does', async () => {
    const models = [
      'from django.db import models',
      'from model_utils.models import TimeStampedModel',
      'from wagtail.models import Page',
      '',
      'x = = 1',
      '',
      '',
      'class Post(TimeStampedModel):',
      '    title = models.CharField(max_length=20)',
      '',
      '',
      'class HomePage(Page):',
      '    pass',
      '',
      '',
      'class Broken(models.Model):',
      '    name = models.CharField(max_length=20)',
      '    other = )',
      '    size = models.IntegerField()',
      '',
    ];
    writeFileSync(path.join(dir, 'warned.py'), models.join('\n'));
    const run = await cli(['warned.py'], dir);
    assert.equal(
      run.stderr,
      'warning: warned.py:5: syntax error; the code around it was skipped\n' +
        'warning: warned.py:18: syntax error in class Broken; its fields from line 18 on may be missing\n' +
        'warning: warned.py:8: Post derives from TimeStampedModel (model_utils.models.TimeStampedModel), which is not in this app: ' +
        'the fields it adds, and its primary key, could not be read; add them to the serializer by hand\n' +
        'warning: warned.py:12: HomePage derives from Page (wagtail.models.Page), which is not in this app, and declares no fields: ' +
        'it was not taken for a model, so it gets no serializer\n',
    );
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
