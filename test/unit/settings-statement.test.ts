import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SettingsIndexCache } from '../../src/core/settings/cache';
import { type SettingSite, type SettingSites, scanSettings, scanSettingsAround, siteAt } from '../../src/core/settings/scanner';
import { statementAt, topLevelStatementAt, topLevelStatementStarts } from '../../src/core/settings/statement';

const repo = path.resolve(__dirname, '..', '..');

// Modules whose statements are hard to cut by eye: each must hover exactly as when parsed whole.
const TRICKY = [
  'DEBUG = True\nREST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n# a comment at column 0 inside the dict\n    "DEFAULT_VERSION": "v1",\n}\nUSE_TZ = True\n',
  'DOC = """\nDEBUG = True\n"""\nTIME_ZONE = "UTC"\nNOTE = \'it\\\'s\'\nSECRET_KEY = r"\\"x"\n',
  'if os.environ.get("X"):\n    DEBUG = True\n# between the branches\nelif FLAG:\n    DEBUG = False\nelse:\n    DEBUG = None\nUSE_I18N = False\n',
  'try:\n    from .local import *\nexcept ImportError:\n    SITE_ID = 1\nfinally:\n    USE_TZ = True\nLANGUAGE_CODE = "en"\n',
  'ALLOWED_HOSTS = \\\n    ["a"]\nDATABASES = {"default": {"ENGINE": "x",\n"NAME": "db"}}\nDATABASES["default"]["HOST"] = "h"\n',
  'CACHES = {"default": {"BACKEND": "x",\nDEBUG = True\nSIMPLE_JWT = {"ALGORITHM": "HS256"}\n',
  'INSTALLED_APPS = ["a"]\n)\nUSE_TZ = True\nTEMPLATES = [{"OPTIONS": {"debug": True}}]\r\nSTATIC_URL = "/s/"\r\n',
  '@decorator\ndef f():\n    return settings.DEBUG\nMEDIA_URL = "/m/"\nLOGGING = {"version": 1, "handlers": {}}\nunterminated = "oops\nSITE_ID = 2\n',
];

function normalised(site: SettingSite | undefined) {
  return site && { ...site, statement: site.statement && { from: site.statement.from, to: site.statement.to } };
}

/** Reading the statement up to the offset, or finding it among the module's statement starts read beforehand. */
function assertSameHovers(source: string, label: string): void {
  const whole: SettingSites = scanSettings(source, true);
  const starts = topLevelStatementStarts(source);
  for (let offset = 0; offset <= source.length; offset++) {
    assert.deepEqual(statementAt(starts, source.length, offset), topLevelStatementAt(source, offset), `${label}: statement at ${offset}`);
    const expected = normalised(siteAt(whole, offset));
    assert.deepEqual(normalised(siteAt(scanSettingsAround(source, offset, true), offset)), expected, `${label} at ${offset}`);
    assert.deepEqual(normalised(siteAt(scanSettingsAround(source, offset, true, starts), offset)), expected, `${label} at ${offset}, starts read before`);
  }
}

describe('settings: scanning only the statement under a hover', () => {
  it('finds the same site as the whole-module scan at every offset of tricky modules', () => {
    TRICKY.forEach((source, i) => assertSameHovers(source, `module ${i}`));
  });

  it('finds the same sites in the fixture settings modules', () => {
    for (const file of ['test/fixtures/django-project/mysite/settings.py', 'test/fixtures/split-settings/config/settings/base.py', 'test/fixtures/split-settings/config/settings/production.py']) {
      assertSameHovers(readFileSync(path.join(repo, file), 'utf8'), file);
    }
  });

  it('cuts a module at column-0 lines outside strings, brackets and continued blocks', () => {
    const source = TRICKY[2];
    assert.deepEqual(topLevelStatementAt(source, source.indexOf('DEBUG = None')), { from: 0, to: source.indexOf('USE_I18N') });
    assert.deepEqual(topLevelStatementAt(source, source.indexOf('USE_I18N')), { from: source.indexOf('USE_I18N'), to: source.length });
    const doc = TRICKY[1];
    assert.deepEqual(topLevelStatementAt(doc, doc.indexOf('DEBUG')), { from: 0, to: doc.indexOf('TIME_ZONE') });
  });

  it('parses the whole file when settings are reached through django.conf', () => {
    const source = 'from django.conf import settings\n\nx = 1\n\ndef f():\n    return settings.DEBUG\n';
    const near = scanSettingsAround(source, source.indexOf('DEBUG'), false);
    assert.equal(siteAt(near, source.indexOf('DEBUG'))?.kind, 'reference');
  });

  it('in a settings module that imports django.conf, finds the same site as the whole scan at every offset', () => {
    const source = 'from django.conf import settings\nDEBUG = True\nSTATIC_ROOT = settings.BASE_DIR / "static"\nREST_FRAMEWORK = {"PAGE_SIZE": getattr(settings, "PAGE", 10)}\n';
    assertSameHovers(source, 'imports django.conf');
    assert.equal(siteAt(scanSettingsAround(source, source.indexOf('BASE_DIR'), true), source.indexOf('BASE_DIR'))?.kind, 'reference');
  });

  it('hovers reuse the kept whole-module scan of the same version and parse the statement otherwise', () => {
    const cache = new SettingsIndexCache();
    const source = TRICKY[0];
    const offset = source.indexOf('USE_TZ');
    const early = cache.around('doc', 1, true, () => source, offset);
    assert.equal(siteAt(early, offset)?.name, 'USE_TZ');
    const whole = cache.get('doc', 1, true, () => source);
    assert.notEqual(early, whole);
    assert.equal(cache.around('doc', 1, true, () => source, offset), whole);
    assert.notEqual(cache.around('doc', 2, true, () => source, offset), whole);
  });

  it('hovers use the statement starts read when the module was shown, for that version only', () => {
    const cache = new SettingsIndexCache();
    const source = TRICKY[0];
    const offset = source.indexOf('USE_TZ');
    let reads = 0;
    const read = () => {
      reads++;
      return source;
    };
    cache.findStatements('doc', 1, read);
    cache.findStatements('doc', 1, read);
    assert.equal(reads, 1);
    assert.equal(siteAt(cache.around('doc', 1, true, () => source, offset), offset)?.name, 'USE_TZ');
    // A wrong reading would show: the kept starts are of version 1, which a version 2 hover must not use.
    const edited = `X = 1\n${source}`;
    assert.equal(siteAt(cache.around('doc', 2, true, () => edited, offset + 6), offset + 6)?.name, 'USE_TZ');
    // Once the whole-module scan of a version is kept, its statements need no reading.
    cache.get('doc', 3, true, () => source);
    cache.findStatements('doc', 3, read);
    assert.equal(reads, 1);
  });
});
