import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { environmentFrom, projectExpectations, projectKey, readJwtSettings } from '../../src/core/jwt';
import { declaredSettingsModule } from '../../src/core/settings/detect';
import { stringValue } from '../../src/core/syntax/python';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');

describe('jwt: project key from settings', () => {
  it('reads the fixture project: HS256 without SIGNING_KEY falls back to SECRET_KEY', () => {
    const settings = readJwtSettings(readFileSync(path.join(FIXTURE, 'mysite', 'settings.py'), 'utf8'));
    assert.deepEqual(projectKey(settings), {
      kind: 'usable',
      key: 'django-insecure-fixture-key-for-django-kit-tests-only-0123456789',
      keyType: 'secret',
      algorithm: 'HS256',
      source: 'SECRET_KEY',
    });
  });

  it('finds the settings module named in manage.py', () => {
    assert.equal(declaredSettingsModule(readFileSync(path.join(FIXTURE, 'manage.py'), 'utf8')), 'mysite.settings');
    assert.equal(declaredSettingsModule('import os\nprint("hi")\n'), undefined);
  });

  it('prefers SIMPLE_JWT SIGNING_KEY, following a plain name to its literal', () => {
    const source = `SECRET_KEY = "outer"\nJWT_KEY = 'sig' "ned"\nSIMPLE_JWT = {"ALGORITHM": "HS512", 'SIGNING_KEY': JWT_KEY}\n`;
    assert.deepEqual(projectKey(readJwtSettings(source)), { kind: 'usable', key: 'signed', keyType: 'secret', algorithm: 'HS512', source: 'SIMPLE_JWT["SIGNING_KEY"]' });
  });

  it('names the environment variable a key needs when no .env sets it', () => {
    const source = `import os\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\nSIMPLE_JWT = {}\n`;
    assert.deepEqual(projectKey(readJwtSettings(source), environmentFrom([{ name: '.env', text: 'OTHER=1\n' }])), {
      kind: 'unset-variable',
      setting: 'SECRET_KEY',
      variable: 'DJANGO_SECRET_KEY',
      lookedIn: ['.env'],
      keyType: 'secret',
      algorithm: 'HS256',
    });
    const computed = `SECRET_KEY = get_secret("django")\n`;
    assert.deepEqual(projectKey(readJwtSettings(computed)), { kind: 'not-literal', setting: 'SECRET_KEY', expression: 'get_secret("django")', keyType: 'secret', algorithm: 'HS256' });
  });

  it('follows each way of reading the environment to a .env file, and says where the key came from', () => {
    const environment = environmentFrom([
      { name: '.env', text: '# keys\nexport DJANGO_SECRET_KEY="from-dotenv" # not this\nJWT_KEY=\'single quoted\'\nPLAIN=bare value # comment\n' },
      { name: 'config/.env', text: 'DJANGO_SECRET_KEY=shadowed\nONLY_HERE=second file\n' },
    ]);
    const readers: [string, string, string][] = [
      ['env("DJANGO_SECRET_KEY")', 'from-dotenv', 'SECRET_KEY (DJANGO_SECRET_KEY in .env)'],
      ['env.str("JWT_KEY")', 'single quoted', 'SECRET_KEY (JWT_KEY in .env)'],
      ['os.environ["PLAIN"]', 'bare value', 'SECRET_KEY (PLAIN in .env)'],
      ["os.environ.get('ONLY_HERE', 'x')", 'second file', 'SECRET_KEY (ONLY_HERE in config/.env)'],
      ['os.getenv("MISSING", "fallback-key")', 'fallback-key', 'SECRET_KEY (the default of os.getenv("MISSING", "fallback-key"), as no .env file sets MISSING)'],
      ['config("JWT_KEY", default="d")', 'single quoted', 'SECRET_KEY (JWT_KEY in .env)'],
    ];
    for (const [expression, key, source] of readers) {
      assert.deepEqual(projectKey(readJwtSettings(`import os\nSECRET_KEY = ${expression}\n`), environment), { kind: 'usable', key, keyType: 'secret', algorithm: 'HS256', source }, expression);
    }
  });

  it('evaluates lifetimes, numbers and claim names as SimpleJWT would read them', () => {
    const settings = readJwtSettings(`from datetime import timedelta
import datetime
HOUR = timedelta(hours=1)
SIMPLE_JWT = {
    # a comment before a key must not hide it
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=5, seconds=30),
    'REFRESH_TOKEN_LIFETIME': datetime.timedelta(1) + HOUR,
    "LEEWAY": 60 * 2,
    "USER_ID_CLAIM": None,
    "AUDIENCE": "api", "ISSUER": ISSUER_FROM_ELSEWHERE,
    **EXTRA,
}
`);
    assert.deepEqual(Object.fromEntries(settings.simpleJwt), {
      ACCESS_TOKEN_LIFETIME: { kind: 'duration', seconds: 330 },
      REFRESH_TOKEN_LIFETIME: { kind: 'duration', seconds: 90000 },
      LEEWAY: { kind: 'number', value: 120 },
      USER_ID_CLAIM: { kind: 'none' },
      AUDIENCE: { kind: 'string', value: 'api' },
      ISSUER: { kind: 'unknown', text: 'ISSUER_FROM_ELSEWHERE' },
    });
    assert.deepEqual(projectExpectations(settings), { algorithms: ['HS256'], audiences: ['api'], leewaySeconds: 120 });
  });

  it('uses VERIFYING_KEY for asymmetric algorithms', () => {
    const source = `SECRET_KEY = "x"\nSIMPLE_JWT = {\n    "ALGORITHM": "RS256",\n    "VERIFYING_KEY": """-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----""",\n}\n`;
    const key = projectKey(readJwtSettings(source));
    assert.equal(key.kind, 'usable');
    assert.equal(key.keyType, 'pem');
    assert.equal(key.kind === 'usable' && key.key, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
    assert.deepEqual(projectKey(readJwtSettings('SIMPLE_JWT = {"ALGORITHM": "ES256"}')), { kind: 'missing', setting: 'SIMPLE_JWT["VERIFYING_KEY"]', keyType: 'pem', algorithm: 'ES256' });
  });

  it('takes the last top-level assignment and ignores ones nested in blocks', () => {
    const source = `SECRET_KEY = "first"\nif DEBUG:\n    SECRET_KEY = "debug"\nSECRET_KEY: str = "last"\n`;
    assert.deepEqual(readJwtSettings(source).secretKey, { kind: 'string', value: 'last' });
  });

  it('reads SIMPLE_JWT from its last top-level dict literal only', () => {
    const source = `SIMPLE_JWT = {"SIGNING_KEY": "old"}\nif DEBUG:\n    SIMPLE_JWT = {"SIGNING_KEY": "debug"}\nSIMPLE_JWT = {"ALGORITHM": "HS384"}\nSECRET_KEY = KEY = "shared"\n`;
    assert.deepEqual(projectKey(readJwtSettings(source)), { kind: 'usable', key: 'shared', keyType: 'secret', algorithm: 'HS384', source: 'SECRET_KEY' });
    const built = readJwtSettings(`SECRET_KEY = "s"\nSIMPLE_JWT = dict(SIGNING_KEY="x", ALGORITHM="RS256")\n`);
    assert.equal(built.simpleJwtOpaque, true);
    assert.deepEqual(projectKey(built), { kind: 'usable', key: 's', keyType: 'secret', algorithm: 'HS256', source: 'SECRET_KEY' });
  });

  it('reads a PEM key from a settings file with CRLF line breaks as Python would', () => {
    const source = `SIMPLE_JWT = {\r\n    "ALGORITHM": "ES256",\r\n    "VERIFYING_KEY": """-----BEGIN PUBLIC KEY-----\r\nAAAA\r\n-----END PUBLIC KEY-----""",\r\n}\r\n`;
    const key = projectKey(readJwtSettings(source));
    assert.equal(key.kind === 'usable' && key.key, '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----');
  });

  it('reads Python string literals: escapes, raw strings, bytes and f-strings', () => {
    assert.equal(stringValue(String.raw`'a\'b\n\x41\u00e9'`), "a'b\nAé");
    assert.equal(stringValue(String.raw`r'a\n'`), String.raw`a\n`);
    assert.equal(stringValue(`'''tri"ple'''`), 'tri"ple');
    assert.equal(stringValue(`b'bytes'`), undefined);
    assert.equal(stringValue(`f'{x}'`), undefined);
  });
});
