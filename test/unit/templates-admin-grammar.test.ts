import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { IGrammar } from 'vscode-textmate';
import { createGrammarRegistry, type GrammarRegistry, type LineToken, tokenizeLines } from '../grammar/registry';

// Django's own admin is a large, real-world body of templates: HTML, attributes, <script> tags and
// every common template construct. The Debian python3-django package ships it.
const ADMIN_TEMPLATES = '/usr/lib/python3/dist-packages/django/contrib/admin/templates';

const DELIMITERS: Readonly<Record<string, { scope: string; region: string }>> = {
  '{%': { scope: 'punctuation.section.embedded.begin.django', region: 'meta.embedded.tag.django' },
  '%}': { scope: 'punctuation.section.embedded.end.django', region: 'meta.embedded.tag.django' },
  '{{': { scope: 'punctuation.section.embedded.begin.django', region: 'meta.embedded.variable.django' },
  '}}': { scope: 'punctuation.section.embedded.end.django', region: 'meta.embedded.variable.django' },
};

function templateFiles(folder: string): string[] {
  // Missing is reported by the first test below, not by a crash while mocha loads the file.
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** Offsets of every delimiter in a line, read left to right without overlaps, as Django's lexer does. */
function delimiterOffsets(line: string): { offset: number; delimiter: string }[] {
  const found: { offset: number; delimiter: string }[] = [];
  for (let i = 0; i < line.length - 1; ) {
    const pair = line.slice(i, i + 2);
    if (pair in DELIMITERS) {
      found.push({ offset: i, delimiter: pair });
      i += 2;
    } else {
      i += 1;
    }
  }
  return found;
}

function delimiterProblems(lines: string[], tokens: LineToken[][]): string[] {
  const problems: string[] = [];
  lines.forEach((line, index) => {
    for (const { offset, delimiter } of delimiterOffsets(line)) {
      const token = tokens[index].find((t) => t.start <= offset && offset < t.end);
      const expected = DELIMITERS[delimiter];
      const ok =
        token !== undefined &&
        token.start === offset &&
        token.end === offset + 2 &&
        token.scopes.includes(expected.scope) &&
        token.scopes.includes(expected.region);
      if (!ok) problems.push(`line ${index + 1} col ${offset + 1} ${delimiter}: ${token ? token.scopes.join(' ') : 'no token'}`);
    }
  });
  return problems;
}

function invalidTokens(tokens: LineToken[][]): string[] {
  return tokens.flatMap((line, index) =>
    line.filter((t) => t.scopes.some((s) => s.startsWith('invalid.'))).map((t) => `line ${index + 1}: "${t.text}" ${t.scopes.join(' ')}`),
  );
}

describe('templates grammar on Django admin templates', () => {
  let loaded: GrammarRegistry;
  let grammar: IGrammar;
  const files = templateFiles(ADMIN_TEMPLATES);

  before(async () => {
    loaded = createGrammarRegistry();
    const found = await loaded.registry.loadGrammar('text.html.django');
    assert.ok(found, 'text.html.django did not load');
    grammar = found;
  });

  it('finds the admin templates of the python3-django package', () => {
    assert.ok(files.length >= 40, `expected the admin templates in ${ADMIN_TEMPLATES}, found ${files.length}`);
  });

  for (const file of files) {
    it(`tokenizes ${file} with every delimiter scoped as Django and nothing invalid`, () => {
      const text = readFileSync(path.join(ADMIN_TEMPLATES, file), 'utf8');
      const tokens = tokenizeLines(grammar, text);
      assert.deepEqual(delimiterProblems(text.split(/\r?\n/), tokens), []);
      assert.deepEqual(invalidTokens(tokens), []);
    });
  }

  it('needed no grammar beyond HTML, CSS and JavaScript', () => {
    assert.deepEqual([...loaded.missingScopes], []);
  });
});
