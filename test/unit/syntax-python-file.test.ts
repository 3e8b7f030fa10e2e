import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { locateModels, readSourceFiles } from '../../src/core/models/files';
import { readModels } from '../../src/core/models/read';
import { runProcess } from '../../src/core/process';
import { PythonSource } from '../../src/core/syntax/python';
import { codingCookie, decodePythonSource } from '../../src/core/syntax/pythonFile';

const MODELS = 'from django.db import models\n\n\nclass Cafe(models.Model):\n    name = models.CharField(max_length=9, default="Café")\n';

/** What Python itself reads from the file: the default of the field, through the real tokenizer. */
async function pythonReads(file: string): Promise<string> {
  const script = 'import sys, tokenize\nwith tokenize.open(sys.argv[1]) as f: text = f.read()\nprint(ascii(text.split("default=")[1].split(")")[0]))';
  const result = await runProcess({ command: '/usr/bin/python3', args: ['-c', script, file] });
  assert.equal(result.code, 0, result.stderr);
  return result.stdout.trim();
}

describe('reading Python files as Python does (issue #16 item 10)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dk encodings '));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('drops a UTF-8 BOM, so a models file gives no warnings', async () => {
    writeFileSync(path.join(dir, 'models.py'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(MODELS, 'utf8')]));
    const reading = readModels(await readSourceFiles((await locateModels(dir)).files));
    assert.deepEqual(reading.warnings, []);
    assert.equal(reading.models[0].fields[1].options.default, '"Café"');
  });

  it('honours a latin-1 coding cookie on line 1 or 2, as Python\'s tokenizer does', async () => {
    const file = path.join(dir, 'models.py');
    writeFileSync(file, Buffer.from(`#!/usr/bin/env python\n# -*- coding: latin-1 -*-\n${MODELS}`, 'latin1'));
    const reading = readModels(await readSourceFiles([file]));
    assert.equal(reading.models[0].fields[1].options.default, '"Café"');
    assert.equal(await pythonReads(file), "'\"Caf\\xe9\"'");
  });

  it('finds the cookie only where PEP 263 puts it', () => {
    assert.equal(codingCookie(Buffer.from('# vim: set fileencoding=cp1252 :\n')), 'cp1252');
    assert.equal(codingCookie(Buffer.from('import os\n# coding: latin-1\n')), undefined);
    assert.equal(codingCookie(Buffer.from('\n\n# coding: latin-1\n')), undefined);
    assert.equal(decodePythonSource(Buffer.from('# coding: cp1252\nx = "\x80"\n', 'latin1')), '# coding: cp1252\nx = "€"\n');
    assert.equal(decodePythonSource(Buffer.from('# coding: no-such-codec\nx = "é"\n')), '# coding: no-such-codec\nx = "é"\n');
  });
});

describe('syntax errors Python would not report (issue #16 item 9)', () => {
  it('accepts a starred name in a comprehension target', () => {
    for (const text of ['x = [a for a, *_ in y]\n', 'x = {k: v for k, *v in y}\n', 'x = (a for a, *b in y if a)\n']) {
      assert.deepEqual(new PythonSource(text).errorLines(), [], text);
    }
  });

  it('still reports a star with nothing after it', () => {
    assert.deepEqual(new PythonSource('x = [a for a, * in y]\n').errorLines(), [1]);
  });
});
