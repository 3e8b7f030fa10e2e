import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { SettingsIndexCache } from '../../src/core/settings/cache';
import { completionAt } from '../../src/core/settings/completion';
import { compareVersions, parseInstalledDjango } from '../../src/core/settings/defaults';
import { buildProject } from '../../src/core/project';
import { declaredSettingsModule, isConventionalSettingsPath, looksLikeProduction } from '../../src/core/settings/detect';
import { closestName, diagnose, type DiagnosticOptions, editDistance } from '../../src/core/settings/diagnostics';
import type { KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { hoverAt } from '../../src/core/settings/lookup';
import { codeBlock, codeSpan } from '../../src/core/settings/markdown';
import { scanSettings } from '../../src/core/settings/scanner';

const repo = path.resolve(__dirname, '..', '..');
const fixtures = path.join(repo, 'test', 'fixtures');
const knowledge: KnowledgeBase = loadKnowledgeBase(path.join(repo, 'data', 'settings')).knowledge;

function applyEdits(source: string, edits: readonly { from: number; to: number; text: string }[]): string {
  return [...edits].sort((a, b) => b.from - a.from).reduce((text, edit) => text.slice(0, edit.from) + edit.text + text.slice(edit.to), source);
}

describe('settings hover', () => {
  const source = 'from datetime import timedelta\nDEBUG = True\nSIMPLE_JWT = {"ACCESS_TOKEN_LIFETIME": timedelta(minutes=5)}\nMY_OWN = 1\n';
  const index = scanSettings(source, true);

  it('explains a setting with type, default, this file\'s value and the reference link', () => {
    const hover = hoverAt(index, source.indexOf('DEBUG') + 2, knowledge);
    assert.ok(hover);
    assert.match(hover.markdown, /^\*\*DEBUG\*\* · Django setting/);
    assert.match(hover.markdown, /\*\*Type:\*\* `bool`/);
    assert.match(hover.markdown, /\*\*Default:\*\* `False`/);
    assert.match(hover.markdown, /\*\*In this file:\*\*\n\n```python\nTrue\n```/);
    assert.match(hover.markdown, /\[Reference documentation\]\(https:\/\/docs\.djangoproject\.com\//);
    assert.doesNotMatch(hover.markdown, /<[a-z]|command:/i);
    assert.equal(hover.from, source.indexOf('DEBUG'));
  });

  it('shows the installed Django default when one is known', () => {
    const installed = { version: '3.2.25', defaults: { DEBUG: 'False' } };
    const hover = hoverAt(index, source.indexOf('DEBUG'), knowledge, installed);
    assert.match(hover?.markdown ?? '', /\*\*Default in the installed Django 3\.2\.25:\*\* `False`/);
  });

  it('explains SIMPLE_JWT keys', () => {
    const hover = hoverAt(index, source.indexOf('ACCESS_TOKEN_LIFETIME'), knowledge);
    assert.match(hover?.markdown ?? '', /Simple JWT: key of `SIMPLE_JWT`/);
    assert.match(hover?.markdown ?? '', /timedelta\(minutes=5\)/);
  });

  it('has nothing to say about unknown names', () => {
    assert.equal(hoverAt(index, source.indexOf('MY_OWN'), knowledge), undefined);
  });

  it('keeps backticks in values from breaking the Markdown', () => {
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeBlock('x = "```"'), '````python\nx = "```"\n````');
  });
});

describe('settings completion', () => {
  it('offers setting names at the start of a module-level line', () => {
    const source = 'DEBUG = True\nINSTALL\n';
    const offset = source.indexOf('INSTALL') + 7;
    const completion = completionAt(scanSettings(source, true), offset, knowledge);
    assert.ok(completion);
    assert.equal(source.slice(completion.from, completion.to), 'INSTALL');
    const apps = completion.items.find((item) => item.label === 'INSTALLED_APPS');
    assert.ok(apps);
    assert.equal(apps.insertText, 'INSTALLED_APPS');
    assert.match(apps.documentation, /\S/);
    assert.ok(completion.items.some((item) => item.label === 'SITE_ID'));
  });

  it('offers REST_FRAMEWORK keys inside a half-typed string key', () => {
    const source = 'REST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n    "DEFAULT_PA\n}\n';
    const offset = source.indexOf('DEFAULT_PA') + 'DEFAULT_PA'.length;
    const completion = completionAt(scanSettings(source, true), offset, knowledge);
    assert.ok(completion);
    assert.equal(source.slice(completion.from, completion.to), 'DEFAULT_PA');
    const item = completion.items.find((i) => i.label === 'DEFAULT_PAGINATION_CLASS');
    assert.equal(item?.insertText, 'DEFAULT_PAGINATION_CLASS');
    assert.equal(completion.items.length, knowledge.entries('drf').length);
  });

  it('offers quoted SIMPLE_JWT keys in an empty key slot, in the file\'s quote style', () => {
    const source = "SIMPLE_JWT = {\n    'ALGORITHM': 'HS256',\n    \n}\n";
    const offset = source.indexOf("\n    \n") + 5;
    const completion = completionAt(scanSettings(source, true), offset, knowledge);
    assert.ok(completion);
    assert.equal(completion.from, offset);
    assert.equal(completion.items.find((i) => i.label === 'SIGNING_KEY')?.insertText, "'SIGNING_KEY'");
  });

  it('offers DATABASES entry keys below an alias', () => {
    const source = 'DATABASES = {\n    "default": {\n        "ENGINE": "x",\n        "CONN\n    }\n}\n';
    const offset = source.indexOf('"CONN') + 5;
    const completion = completionAt(scanSettings(source, true), offset, knowledge);
    assert.ok(completion?.items.some((i) => i.label === 'CONN_MAX_AGE'));
  });

  it('offers nothing in values or in dicts that hold no settings', () => {
    const source = 'REST_FRAMEWORK = {"PAGE_SIZE": 1}\nOTHER = {"A": 1, "B\n}\nX = foo(B\n';
    const index = scanSettings(source, true);
    assert.equal(completionAt(index, source.indexOf(': 1}') + 2, knowledge), undefined);
    assert.equal(completionAt(index, source.indexOf('"B') + 2, knowledge), undefined);
    assert.equal(completionAt(index, source.indexOf('foo(B') + 5, knowledge), undefined);
  });
});

describe('settings diagnostics', () => {
  const allOn: DiagnosticOptions = { unknownNames: true, deprecated: true, security: true, production: true };
  const production = readFileSync(path.join(fixtures, 'split-settings', 'config', 'settings', 'production.py'), 'utf8');
  const index = scanSettings(production, true);

  it('suggests the known name for a misspelt setting, with a quick fix', () => {
    const found = diagnose(index, knowledge, allOn).find((d) => d.code === 'unknown-setting');
    assert.ok(found);
    assert.equal(found.message, 'INSTALED_APPS is not a known setting. Did you mean INSTALLED_APPS?');
    assert.equal(production.slice(found.from, found.to), 'INSTALED_APPS');
    assert.match(applyEdits(production, found.fixes[0].edits), /^INSTALLED_APPS = \[\]$/m);
  });

  it('flags misspelt keys in settings dicts too', () => {
    const source = 'REST_FRAMEWORK = {"PAGE_SIZ": 10}\n';
    const found = diagnose(scanSettings(source, true), knowledge, allOn);
    assert.equal(found[0]?.message, 'PAGE_SIZ is not a known setting. Did you mean PAGE_SIZE?');
    assert.equal(applyEdits(source, found[0].fixes[0].edits), 'REST_FRAMEWORK = {"PAGE_SIZE": 10}\n');
  });

  it('reports removed settings against the detected version, and offers to remove the line', () => {
    const found = diagnose(index, knowledge, { ...allOn, djangoVersion: '5.1' });
    const l10n = found.find((d) => d.message.startsWith('USE_L10N'));
    assert.equal(l10n?.code, 'removed-setting');
    assert.equal(l10n?.severity, 'warning');
    assert.doesNotMatch(applyEdits(production, l10n!.fixes[0].edits), /USE_L10N/);
    assert.ok(found.some((d) => d.code === 'removed-setting' && d.message.startsWith('DEFAULT_FILE_STORAGE')));
  });

  it('reports a deprecated setting as deprecated before its removal', () => {
    const found = diagnose(index, knowledge, { ...allOn, djangoVersion: '4.2.7' });
    assert.equal(found.find((d) => d.message.startsWith('DEFAULT_FILE_STORAGE'))?.code, 'deprecated-setting');
    const old = diagnose(index, knowledge, { ...allOn, djangoVersion: '3.2' });
    assert.equal(old.filter((d) => d.code === 'deprecated-setting' || d.code === 'removed-setting').length, 0);
  });

  it('only informs about outdated settings when no Django version is known', () => {
    const found = diagnose(index, knowledge, allOn).filter((d) => d.code === 'removed-setting');
    assert.ok(found.length >= 2);
    assert.ok(found.every((d) => d.severity === 'information'));
  });

  it('warns about DEBUG = True and a django-insecure key in production, with fixes', () => {
    const found = diagnose(index, knowledge, allOn);
    const debug = found.find((d) => d.code === 'debug-in-production');
    assert.equal(production.slice(debug!.from, debug!.to), 'True');
    assert.match(applyEdits(production, debug!.fixes[0].edits), /^DEBUG = False$/m);
    const key = found.find((d) => d.code === 'insecure-secret-key');
    const fixed = applyEdits(production, key!.fixes[0].edits);
    assert.match(fixed, /^SECRET_KEY = os\.environ\["DJANGO_SECRET_KEY"\]$/m);
    assert.equal(fixed.match(/^import os$/gm)?.length, 1, 'os is already imported');
  });

  it('adds import os beside the other imports when it is missing', () => {
    const source = '"""Prod."""\nfrom .base import *\n\nSECRET_KEY = "django-insecure-abc"\n';
    const key = diagnose(scanSettings(source, true), knowledge, allOn).find((d) => d.code === 'insecure-secret-key');
    assert.equal(applyEdits(source, key!.fixes[0].edits), '"""Prod."""\nimport os\nfrom .base import *\n\nSECRET_KEY = os.environ["DJANGO_SECRET_KEY"]\n');
  });

  it('leaves development modules alone and obeys each switch', () => {
    assert.equal(diagnose(index, knowledge, { ...allOn, production: false }).filter((d) => d.code === 'debug-in-production').length, 0);
    assert.deepEqual(diagnose(index, knowledge, { unknownNames: false, deprecated: false, security: false, production: true }), []);
  });

  it('measures edit distance with swaps as one edit', () => {
    assert.equal(editDistance('DEBGU', 'DEBUG', 2), 1);
    assert.equal(editDistance('ABC', 'XYZ', 1), 2);
    assert.equal(closestName('MY_API_KEY', knowledge.globalEntries().map((e) => e.name)), undefined);
    assert.equal(closestName('DEBUG', ['DEBUG']), 'DEBUG');
  });
});

describe('settings module detection', () => {
  it('recognises settings.py and modules of a settings package', () => {
    assert.ok(isConventionalSettingsPath('/p/mysite/settings.py'));
    assert.ok(isConventionalSettingsPath('C:\\p\\config\\settings\\production.py'));
    assert.ok(!isConventionalSettingsPath('/p/mysite/urls.py'));
    assert.ok(!isConventionalSettingsPath('/p/settings/readme.txt'));
  });

  it('recognises production modules by name', () => {
    assert.ok(looksLikeProduction('/p/settings/production.py'));
    assert.ok(looksLikeProduction('/p/prod_settings.py'));
    assert.ok(!looksLikeProduction('/p/settings/dev.py'));
  });

  it('reads DJANGO_SETTINGS_MODULE from manage.py, wsgi.py and assignments', () => {
    assert.equal(declaredSettingsModule(readFileSync(path.join(fixtures, 'django-project', 'manage.py'), 'utf8')), 'mysite.settings');
    assert.equal(declaredSettingsModule('import os\nos.environ["DJANGO_SETTINGS_MODULE"] = "conf.live"\n'), 'conf.live');
    assert.equal(declaredSettingsModule('print("hello")\n'), undefined);
  });

  it('lists the declared settings files of a project', () => {
    const root = path.join(fixtures, 'split-settings');
    const project = buildProject(path.join(root, 'manage.py'));
    assert.ok(project.settingsFiles.includes(path.join(root, 'config', 'settings', 'dev.py')));
    assert.deepEqual(project.alternateSettingsFiles, [path.join(root, 'config', 'settings', 'production.py')], 'named by wsgi.py');
  });
});

describe('settings support code', () => {
  it('caches a scan per document version', () => {
    const cache = new SettingsIndexCache();
    let reads = 0;
    const read = () => {
      reads++;
      return 'DEBUG = True\n';
    };
    const first = cache.get('file:///a.py', 1, true, read);
    assert.equal(cache.get('file:///a.py', 1, true, read), first);
    assert.notEqual(cache.get('file:///a.py', 2, true, read), first);
    assert.equal(reads, 2);
  });

  it('reparses an edited document from the kept tree and gets the same sites as a fresh scan', () => {
    const cache = new SettingsIndexCache();
    const before = 'DEBUG = True\nREST_FRAMEWORK = {\n    "PAGE_SIZE": 10,\n}\nUSE_TZ = True\n';
    cache.get('k', 1, true, () => before);
    const at = before.indexOf('10');
    const after = `${before.slice(0, at)}"DEFAULT_VERSION": "1", ${before.slice(at)}`;
    cache.edit('k', [{ from: at, to: at, insertedLength: after.length - before.length }], 2);
    const reused = cache.get('k', 2, true, () => after);
    const fresh = scanSettings(after, true);
    const describe = (index: typeof fresh) => index.sites.map((site) => `${site.scope}:${site.name}@${site.from}`);
    assert.deepEqual(describe(reused), describe(fresh));
  });

  it('drops the kept tree when an edit event was missed', () => {
    const cache = new SettingsIndexCache();
    cache.get('k', 1, true, () => 'DEBUG = True\n');
    cache.edit('k', [{ from: 0, to: 5, insertedLength: 6 }], 3);
    const index = cache.get('k', 3, true, () => 'USE_TZ = True\n');
    assert.equal(index.sites[0].name, 'USE_TZ');
  });

  it('parses what the interpreter reports about Django', () => {
    assert.deepEqual(parseInstalledDjango('{"version": "4.2.1", "defaults": {"DEBUG": "False"}}\n'), { version: '4.2.1', defaults: { DEBUG: 'False' } });
    assert.equal(parseInstalledDjango('Traceback…'), undefined);
  });

  it('compares versions by number', () => {
    assert.equal(compareVersions('4.10', '4.9'), 1);
    assert.equal(compareVersions('5.0', '5'), 0);
    assert.equal(compareVersions('5.0a1', '5.1'), -1);
  });
});

describe('django-kit settings', () => {
  // Run from source, the CLI reads the knowledge the build compiled into dist/.
  before(function () {
    if (existsSync(path.join(repo, 'dist', 'settings-knowledge.json'))) return;
    this.timeout(120_000);
    execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repo });
  });

  async function run(args: string[], cwd = repo) {
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd };
    const code = await main(['settings', ...args], io);
    return { code, stdout, stderr };
  }

  it('explains a setting, choosing the scope on request', async () => {
    const django = await run(['explain', 'DATE_FORMAT']);
    assert.equal(django.code, 0);
    assert.match(django.stdout, /^\*\*DATE_FORMAT\*\* · Django setting/);
    const drf = await run(['explain', 'DATE_FORMAT', '--scope', 'drf']);
    assert.match(drf.stdout, /^\*\*DATE_FORMAT\*\* · Django REST Framework/);
  });

  it('exits 1 for an unknown setting and 2 for a bad scope', async () => {
    assert.equal((await run(['explain', 'NOT_A_SETTING'])).code, 1);
    assert.equal((await run(['explain', 'DEBUG', '--scope', 'nope'])).code, 2);
  });

  it('prints the hover at a 1-based position, in a folder with spaces and non-ASCII', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dk settings é-'));
    try {
      mkdirSync(path.join(dir, 'conf'));
      const file = path.join(dir, 'conf', 'settings.py');
      writeFileSync(file, 'DEBUG = False\r\nREST_FRAMEWORK = {\r\n\t"PAGE_SIZE": 5,\r\n}\r\n');
      const hover = await run(['hover', 'conf/settings.py', '3', '4'], dir);
      assert.equal(hover.code, 0, hover.stderr);
      assert.match(hover.stdout, /^\*\*PAGE_SIZE\*\*/);
      assert.match(hover.stdout, /```python\n5\n```/);
      const nothing = await run(['hover', file, '1', '9']);
      assert.equal(nothing.code, 1);
      assert.match(nothing.stderr, /no setting at/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('treats the module named in manage.py as settings', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dk-declared-'));
    try {
      mkdirSync(path.join(dir, 'proj'));
      writeFileSync(path.join(dir, 'manage.py'), 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "proj.conf")\n');
      writeFileSync(path.join(dir, 'proj', 'conf.py'), 'USE_TZ = True\n');
      const hover = await run(['hover', path.join(dir, 'proj', 'conf.py'), '1', '1']);
      assert.equal(hover.code, 0, hover.stderr);
      assert.match(hover.stdout, /^\*\*USE_TZ\*\*/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('lists every covered name as SCOPE NAME', async () => {
    const list = await run(['list']);
    assert.equal(list.code, 0);
    const lines = list.stdout.trimEnd().split('\n');
    assert.equal(lines.length, knowledge.entries().length);
    assert.ok(lines.includes('django DEBUG'));
    assert.ok(lines.includes('drf PAGE_SIZE'));
    assert.ok(lines.includes('templates-options context_processors'));
    assert.ok(lines.every((line) => /^[a-z-]+ \S+$/.test(line)));
  });
});
