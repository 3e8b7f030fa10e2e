import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type SettingsIndex, scanSettings, scopeOfKeysAt, siteAt, unquote } from '../../src/core/settings/scanner';
import { LineIndex } from '../../src/core/syntax/python';

const fixtures = path.resolve(__dirname, '..', 'fixtures');
const readFixture = (...parts: string[]) => readFileSync(path.join(fixtures, ...parts), 'utf8');

/** The offset of the `nth` occurrence of `marker`, plus `shift` (to land inside the name). */
function offsetOf(source: string, marker: string, shift = 1, nth = 1): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = source.indexOf(marker, at + 1);
    assert.ok(at >= 0, `marker ${marker} #${nth} not found`);
  }
  return at + shift;
}

function siteSummary(index: SettingsIndex, offset: number): string | undefined {
  const site = siteAt(index, offset);
  return site && `${site.kind} ${site.scope} ${site.name}`;
}

describe('settings scanner', () => {
  describe('in the single-module fixture (mysite/settings.py)', () => {
    const source = readFixture('django-project', 'mysite', 'settings.py');
    const index = scanSettings(source, true);

    it('finds module-level assignments', () => {
      assert.equal(siteSummary(index, offsetOf(source, 'DEBUG = True')), 'assignment global DEBUG');
      assert.equal(siteSummary(index, offsetOf(source, 'INSTALLED_APPS = [', 5)), 'assignment global INSTALLED_APPS');
    });

    it('finds keys of REST_FRAMEWORK, SIMPLE_JWT, DATABASES and TEMPLATES with their values', () => {
      const auth = siteAt(index, offsetOf(source, '"DEFAULT_AUTHENTICATION_CLASSES"', 3));
      assert.equal(auth?.scope, 'drf');
      assert.equal(auth?.name, 'DEFAULT_AUTHENTICATION_CLASSES');
      assert.match(source.slice(auth!.value!.from, auth!.value!.to), /JWTAuthentication/);
      assert.equal(siteSummary(index, offsetOf(source, '"ALGORITHM"')), 'key simplejwt ALGORITHM');
      assert.equal(siteSummary(index, offsetOf(source, "'ENGINE'")), 'key databases ENGINE');
      assert.equal(siteSummary(index, offsetOf(source, "'APP_DIRS'")), 'key templates APP_DIRS');
      assert.equal(siteSummary(index, offsetOf(source, "'context_processors'")), 'key templates-options context_processors');
    });

    it('finds nothing on aliases, values and comments', () => {
      assert.equal(siteAt(index, offsetOf(source, "'default'")), undefined);
      assert.equal(siteAt(index, offsetOf(source, "'django.contrib.admin'")), undefined);
      assert.equal(siteAt(index, offsetOf(source, '# SECURITY WARNING')), undefined);
      // Keys of AUTH_PASSWORD_VALIDATORS entries are not settings.
      assert.equal(siteAt(index, offsetOf(source, "'NAME': 'django.contrib.auth.password_validation")), undefined);
    });

    it('records the value source of an assignment', () => {
      const site = siteAt(index, offsetOf(source, 'TIME_ZONE'));
      assert.equal(source.slice(site!.value!.from, site!.value!.to), "'UTC'");
    });
  });

  describe('in the split settings package', () => {
    it('reads += and subscript assignments in dev.py', () => {
      const source = readFixture('split-settings', 'config', 'settings', 'dev.py');
      const index = scanSettings(source, true);
      const apps = siteAt(index, offsetOf(source, 'INSTALLED_APPS +='));
      assert.equal(apps?.augmented, true);
      assert.equal(source.slice(apps!.value!.from, apps!.value!.to), '["django.contrib.admin"]');
      const conn = siteAt(index, offsetOf(source, '"CONN_MAX_AGE"', 2));
      assert.equal(`${conn?.kind} ${conn?.scope} ${conn?.name}`, 'key databases CONN_MAX_AGE');
      assert.equal(source.slice(conn!.value!.from, conn!.value!.to), '0');
      assert.equal(siteSummary(index, offsetOf(source, 'DATABASES[')), 'assignment global DATABASES');
    });

    it('reads CACHES, STORAGES and LOGGING keys in base.py', () => {
      const source = readFixture('split-settings', 'config', 'settings', 'base.py');
      const index = scanSettings(source, true);
      assert.equal(siteSummary(index, offsetOf(source, '"TIMEOUT"')), 'key caches TIMEOUT');
      assert.equal(siteSummary(index, offsetOf(source, '"staticfiles": {"BACKEND"', 18)), 'key storages BACKEND');
      assert.equal(siteSummary(index, offsetOf(source, '"disable_existing_loggers"')), 'key logging disable_existing_loggers');
      assert.equal(siteSummary(index, offsetOf(source, '"PAGE_SIZE"')), 'key drf PAGE_SIZE');
    });
  });

  it('handles CRLF line ends', () => {
    const source = 'DEBUG = False\r\nREST_FRAMEWORK = {\r\n    "PAGE_SIZE": 10,\r\n}\r\nUSE_TZ = True\r\n';
    const index = scanSettings(source, true);
    const lines = new LineIndex(source);
    assert.equal(siteSummary(index, lines.offsetAt(2, 6)), 'key drf PAGE_SIZE');
    assert.equal(siteSummary(index, lines.offsetAt(4, 0)), 'assignment global USE_TZ');
    assert.equal(lines.lineEnd(0), 13);
    assert.deepEqual(lines.positionAt(offsetOf(source, 'USE_TZ', 0)), { line: 4, character: 0 });
  });

  it('handles tab indentation', () => {
    const source = 'SIMPLE_JWT = {\n\t"SIGNING_KEY": "abc",\n\t"LEEWAY": 5,\n}\nif True:\n\tDEBUG = True\n';
    const index = scanSettings(source, true);
    const lines = new LineIndex(source);
    assert.equal(siteSummary(index, lines.offsetAt(2, 3)), 'key simplejwt LEEWAY');
    assert.equal(siteSummary(index, lines.offsetAt(5, 2)), 'assignment global DEBUG');
  });

  it('still finds what it can in a file with syntax errors', () => {
    const source = [
      'DEBUG = True',
      'def broken(:',
      '    pass',
      'REST_FRAMEWORK = {',
      '    "PAGE_SIZE": 10,',
      '    "DEFAULT_PAG',
      '}',
      'TIME_ZONE = "UTC"',
      'ALLOWED_HOSTS = [',
    ].join('\n');
    const index = scanSettings(source, true);
    assert.equal(siteSummary(index, offsetOf(source, 'DEBUG')), 'assignment global DEBUG');
    assert.equal(siteSummary(index, offsetOf(source, '"PAGE_SIZE"')), 'key drf PAGE_SIZE');
    assert.equal(siteSummary(index, offsetOf(source, 'TIME_ZONE')), 'assignment global TIME_ZONE');
    assert.equal(siteSummary(index, offsetOf(source, 'ALLOWED_HOSTS')), 'assignment global ALLOWED_HOSTS');
  });

  it('reads annotated and chained assignments, and nothing inside functions', () => {
    const source = 'DEBUG: bool = False\nA = USE_TZ = True\ndef f():\n    TIME_ZONE = "x"\nclass C:\n    LANGUAGE_CODE = "en"\n';
    const index = scanSettings(source, true);
    assert.equal(siteSummary(index, 1), 'assignment global DEBUG');
    assert.equal(source.slice(siteAt(index, 1)!.value!.from, siteAt(index, 1)!.value!.to), 'False');
    assert.equal(siteSummary(index, offsetOf(source, 'USE_TZ')), 'assignment global USE_TZ');
    assert.equal(siteAt(index, offsetOf(source, 'TIME_ZONE')), undefined);
    assert.equal(siteAt(index, offsetOf(source, 'LANGUAGE_CODE')), undefined);
  });

  it('finds settings.NAME only where django.conf.settings is imported', () => {
    const withImport = 'from django.conf import settings\n\ndef view(request):\n    return settings.DEBUG or settings.PAGE_SIZE\n';
    const index = scanSettings(withImport, false);
    assert.equal(siteSummary(index, offsetOf(withImport, 'DEBUG')), 'reference global DEBUG');
    assert.equal(siteSummary(index, offsetOf(withImport, 'PAGE_SIZE')), 'reference global PAGE_SIZE');
    const aliased = 'from django.conf import settings as conf\nconf.USE_TZ\nsettings.DEBUG\n';
    const aliasedIndex = scanSettings(aliased, false);
    assert.equal(siteSummary(aliasedIndex, offsetOf(aliased, 'USE_TZ')), 'reference global USE_TZ');
    assert.equal(siteAt(aliasedIndex, offsetOf(aliased, 'DEBUG')), undefined);
    const without = 'import settings\nsettings.DEBUG\n';
    assert.equal(scanSettings(without, false).sites.length, 0);
  });

  it('does not read assignments in modules that are not settings modules', () => {
    assert.equal(scanSettings('DEBUG = True\n', false).sites.length, 0);
  });

  it('maps dict paths to scopes', () => {
    assert.equal(scopeOfKeysAt([]), 'global');
    assert.equal(scopeOfKeysAt(['REST_FRAMEWORK']), 'drf');
    assert.equal(scopeOfKeysAt(['DATABASES', 'replica']), 'databases');
    assert.equal(scopeOfKeysAt(['TEMPLATES', '[]', 'OPTIONS']), 'templates-options');
    assert.equal(scopeOfKeysAt(['DATABASES']), undefined);
    assert.equal(scopeOfKeysAt(['AUTH_PASSWORD_VALIDATORS', '[]']), undefined);
  });

  it('unquotes plain string literals only', () => {
    assert.equal(unquote('"abc"'), 'abc');
    assert.equal(unquote("r'abc'"), 'abc');
    assert.equal(unquote('"""abc"""'), 'abc');
    assert.equal(unquote('f"abc"'), undefined);
    assert.equal(unquote('"abc'), undefined);
  });
});
