// The pseudo-locale copy (scripts/pseudo-locale.mjs) and how the host suite reads brackets
// (test/host/pseudo-locale/localized.ts): if either were wrong, the suite would pass or fail for
// the wrong reason.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isAllLocalized, isOneMessage, markdownProse, withoutLocalized } from '../host/pseudo-locale/localized';

const repo = path.resolve(__dirname, '..', '..');

describe('pseudo-locale copy', function () {
  this.timeout(60_000);
  let base: string;
  let extension: string;

  before(() => {
    base = mkdtempSync(path.join(os.tmpdir(), 'django-kit-pseudo-test-'));
    extension = path.join(base, 'extension');
    mkdirSync(path.join(extension, 'src'), { recursive: true });
    writeFileSync(path.join(extension, 'package.json'), JSON.stringify({ name: 'sample', l10n: './l10n', contributes: { commands: [{ command: 'a', title: '%a.title%' }] } }));
    writeFileSync(path.join(extension, 'package.nls.json'), JSON.stringify({ 'a.title': 'Show Log', 'b.description': { message: 'Uses {0}', comment: ['a setting'] } }));
    writeFileSync(
      path.join(extension, 'src', 'sample.ts'),
      "import { l10n } from 'vscode';\nexport const a = l10n.t('{0} failed: {1}', 'x', 'y');\nexport const b = l10n.t('Show Log');\n",
    );
  });

  after(() => rmSync(base, { recursive: true, force: true }));

  it('brackets every exported message and package.nls string, keeps placeholders and leaves the source alone', () => {
    const out = path.join(base, 'copy');
    const printed = execFileSync(process.execPath, [path.join(repo, 'scripts', 'pseudo-locale.mjs'), extension, '--out', out], { encoding: 'utf8' }).trim();
    assert.equal(printed, out);
    assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'l10n', 'bundle.l10n.qps-ploc.json'), 'utf8')), {
      '{0} failed: {1}': '⟦{0} failed: {1}⟧',
      'Show Log': '⟦Show Log⟧',
    });
    assert.deepEqual(JSON.parse(readFileSync(path.join(out, 'package.nls.qps-ploc.json'), 'utf8')), {
      'a.title': '⟦Show Log⟧',
      'b.description': '⟦Uses {0}⟧',
    });
    assert.equal(readFileSync(path.join(out, 'package.json'), 'utf8'), readFileSync(path.join(extension, 'package.json'), 'utf8'));
    assert.equal(existsSync(path.join(extension, 'l10n')), false, 'nothing is written into the extension');
    assert.equal(existsSync(path.join(extension, 'package.nls.qps-ploc.json')), false);
  });
});

describe('reading brackets', () => {
  it('takes a message with its arguments, nested messages included, as localized', () => {
    assert.equal(isOneMessage('⟦Make Migrations failed: boom⟧'), true);
    assert.equal(isOneMessage('⟦⟦Make Migrations⟧ failed: boom⟧'), true);
    assert.equal(isOneMessage('⟦Make Migrations⟧ failed'), false);
    assert.equal(isOneMessage('Show Log'), false);
    assert.equal(withoutLocalized('a ⟦b ⟦c⟧ d⟧ e').replace(/\s+/g, ' '), 'a e');
  });

  it('accepts punctuation, digits and named values beside messages, and nothing with words', () => {
    assert.equal(isAllLocalized('⟦Claims⟧ · 3'), true);
    assert.equal(isAllLocalized('**JWT** · ⟦expires in 5 minutes⟧', ['JWT']), true);
    assert.equal(isAllLocalized('**JWT** · ⟦expires in 5 minutes⟧'), false);
    assert.equal(isAllLocalized('⟦Verify⟧ now'), false);
    assert.equal(isAllLocalized('Détecté'), false);
  });

  it('reads the prose of hover markdown without code, fences and link targets', () => {
    const markdown = '⟦**JWT** · HS256⟧\n\n```json\n{"alg": "HS256"}\n```\n`DEBUG` ⟦is on⟧\n[⟦Open in JWT panel⟧](command:djangoKit.jwt.decode?%5B%5D)';
    assert.equal(isAllLocalized(markdownProse(markdown)), true);
    assert.equal(isAllLocalized(markdownProse('[Open](command:x) ⟦ok⟧')), false);
  });
});
