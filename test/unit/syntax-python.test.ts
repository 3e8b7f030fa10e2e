import assert from 'node:assert/strict';
import { LineIndex, PythonSource, stringValue } from '../../src/core/syntax/python';

describe('syntax: Python source text', () => {
  it('maps offsets and positions both ways, with CRLF line breaks', () => {
    const text = 'A = 1\r\nB = 2\r\n';
    const lines = new LineIndex(text);
    assert.equal(lines.lineCount, 3);
    assert.equal(lines.lineEnd(0), 5, 'the line ends before \\r\\n');
    assert.equal(lines.offsetAt(1, 99), 12, 'a character past the end stops at the line break');
    assert.deepEqual(lines.positionAt(text.indexOf('B')), { line: 1, character: 0 });
    assert.equal(new PythonSource(text).lineAt(text.indexOf('2')), 2);
  });

  it('reads literals from a CRLF file as Python does, with plain \\n line breaks', () => {
    assert.equal(stringValue('"""a\r\nb"""'), 'a\nb');
    assert.equal(stringValue("r'''a\r\nb'''"), 'a\nb');
    assert.equal(stringValue("'a\\\r\nb'"), 'ab', 'a backslash before CRLF continues the line');
    assert.equal(stringValue(String.raw`'a\r\nb'`), 'a\r\nb', 'written escapes are still decoded');
  });
});
