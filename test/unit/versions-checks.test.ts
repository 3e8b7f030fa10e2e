// The removed / deprecated settings checks against the version the interpreter reports, judged by
// that Django itself: a setting is removed when its global_settings no longer has it, and
// deprecated when loading a settings module that sets it raises Django's deprecation warning.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runProcess } from '../../src/core/process';
import { compareVersions, readInstalledDjango } from '../../src/core/settings/defaults';
import { diagnose } from '../../src/core/settings/diagnostics';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { scanSettings } from '../../src/core/settings/scanner';
import { availableDjangoPythons } from '../python/djangoVersions';

const repo = path.resolve(__dirname, '..', '..');

// Settings that came and went between Django 3.1 and 6.0, each with a value its Django accepts.
const SETTINGS = `SECRET_KEY = "probe-only"
USE_L10N = True
DEFAULT_FILE_STORAGE = "django.core.files.storage.FileSystemStorage"
STATICFILES_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"
USE_DEPRECATED_PYTZ = False
CSRF_COOKIE_MASKED = False
DEFAULT_HASHING_ALGORITHM = "sha256"
PASSWORD_RESET_TIMEOUT_DAYS = 3
SECURE_BROWSER_XSS_FILTER = True
FORMS_URLFIELD_ASSUME_HTTPS = True
`;
const NAMES = SETTINGS.split('\n').map((line) => line.split(' = ')[0]).filter((name) => name !== '' && name !== 'SECRET_KEY');

const PROBE = `import json, os, sys, warnings
sys.path.insert(0, sys.argv[1])
os.environ["DJANGO_SETTINGS_MODULE"] = "probe_settings"
names = sys.argv[2:]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    from django.conf import global_settings, settings
    settings.SECRET_KEY
deprecations = [(str(w.message), w.category.__name__) for w in caught if issubclass(w.category, (DeprecationWarning, PendingDeprecationWarning))]
print(json.dumps({
    "defined": [n for n in names if hasattr(global_settings, n)],
    "deprecated": [n for n in names if any(n in message for message, _ in deprecations)],
    "removedIn": dict((n, category) for n in names for message, category in deprecations if n in message),
}))
`;

interface Judged {
  readonly version: string;
  /** The names this release's global_settings has. */
  readonly defined: readonly string[];
  /** The names whose setting makes this release warn of a deprecation. */
  readonly deprecated: readonly string[];
  /** For each of those, the warning's class, which names the release that removes it (RemovedInDjango50Warning). */
  readonly removedIn: Readonly<Record<string, string>>;
}

describe('settings checks against the installed Django (real Django)', function () {
  this.timeout(60_000);
  const pythons = availableDjangoPythons();
  const judged = new Map<string, Judged>();
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dk checks '));
    writeFileSync(path.join(dir, 'probe_settings.py'), SETTINGS);
    for (const { version, python } of pythons) {
      const installed = await readInstalledDjango(python);
      assert.ok(installed?.version.startsWith(`${version}.`), installed?.version);
      if (!installed) continue;
      const probe = await runProcess({ command: python, args: ['-c', PROBE, dir, ...NAMES] });
      assert.equal(probe.code, 0, probe.stderr);
      judged.set(version, { version: installed.version, ...(JSON.parse(probe.stdout) as Omit<Judged, 'version'>) });
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const { version } of pythons) {
    it(`flags on Django ${version} exactly what it removed and what it warns about`, () => {
      const release = judged.get(version);
      assert.ok(release);
      // Removed: gone from this release although an older one here had it (a name not there yet is not removed).
      const older = [...judged.values()].filter((other) => compareVersions(other.version, release.version) < 0);
      const removed = NAMES.filter((name) => !release.defined.includes(name) && older.some((other) => other.defined.includes(name)));
      const { knowledge } = loadKnowledgeBase(path.join(repo, 'data', 'settings'));
      const options = { unknownNames: false, deprecated: true, security: false, production: false, djangoVersion: release.version };
      const found = diagnose(scanSettings(SETTINGS, true), knowledge, options);
      const flagged = (code: string) => found.filter((d) => d.code === code).map((d) => SETTINGS.slice(d.from, d.to)).sort();
      // Every name in the sample is defined by 3.2 or a later release, so none was removed before the oldest.
      assert.deepEqual(flagged('removed-setting'), [...removed].sort(), 'removed');
      assert.ok(release.deprecated.length > 0, 'each release here warns about one of the sample settings');
      assert.deepEqual(flagged('deprecated-setting'), [...release.deprecated].sort(), 'deprecated');
      assert.ok(found.every((d) => d.severity === 'warning'), 'a known version makes them warnings');
    });

    it(`gives the removal release that Django ${version}'s deprecation warnings announce`, () => {
      const { knowledge } = loadKnowledgeBase(path.join(repo, 'data', 'settings'));
      const release = judged.get(version);
      assert.ok(release);
      for (const [name, category] of Object.entries(release.removedIn)) {
        const announced = /^RemovedInDjango(\d)(\d)Warning$/.exec(category);
        assert.ok(announced, `${name}: ${category}`);
        assert.equal(knowledge.global(name)?.versions?.removed, `${announced[1]}.${announced[2]}`, name);
      }
    });
  }
});
