// The settings knowledge judged by the releases themselves: every name Django, DRF and SimpleJWT
// define has an entry, each entry's default (or its earlier default) is that release's value, and
// `added` / `removed` agree with where the names appear across the prepared versions.
import assert from 'node:assert/strict';
import path from 'node:path';
import { runProcess } from '../../src/core/process';
import { compareVersions, readInstalledDjango } from '../../src/core/settings/defaults';
import { defaultIn, existsIn, type KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { hoverAt } from '../../src/core/settings/lookup';
import { codeSpan, renderEntry } from '../../src/core/settings/markdown';
import { scanSettings } from '../../src/core/settings/scanner';
import type { Scope, SettingEntry } from '../../src/core/settings/schema';
import { availableDjangoPythons, KNOWN_DJANGO_VERSIONS } from '../python/djangoVersions';

const repo = path.resolve(__dirname, '..', '..');
const SCRIPT = path.join(repo, 'test', 'python', 'release_settings.py');

type Product = 'django' | 'drf' | 'simplejwt';
const PRODUCTS: readonly Product[] = ['django', 'drf', 'simplejwt'];

/** Where a product's names live in the knowledge: Django's global settings may be core or contrib entries. */
const SCOPES_OF: Record<Product, readonly Scope[]> = {
  django: ['django', 'django-contrib'],
  drf: ['drf'],
  simplejwt: ['simplejwt'],
};

interface Release {
  readonly label: string;
  readonly versions: Record<Product, string>;
  /** For each name the release defines: the indexes of our sources (see `sourcesOf`) equal to its value. */
  readonly settings: Record<Product, Record<string, number[]>>;
}

function entryOf(knowledge: KnowledgeBase, product: Product, name: string): SettingEntry | undefined {
  for (const scope of SCOPES_OF[product]) {
    const entry = knowledge.get(scope, name);
    if (entry) return entry;
  }
  return undefined;
}

/** Our defaults of an entry, in a fixed order: the current one, then the earlier ones. */
function sourcesOf(entry: SettingEntry): string[] {
  return [entry.default, ...(entry.earlier_defaults ?? []).map((earlier) => earlier.default)];
}

async function askRelease(python: string, label: string, knowledge: KnowledgeBase): Promise<Release> {
  const ours = Object.fromEntries(
    PRODUCTS.map((product) => [product, Object.fromEntries(SCOPES_OF[product].flatMap((scope) => knowledge.entries(scope)).map((entry) => [entry.name, sourcesOf(entry)]))]),
  );
  const result = await runProcess({ command: python, args: [SCRIPT, JSON.stringify(ours)] });
  assert.equal(result.code, 0, `${label}: ${result.stderr}`);
  return { label, ...(JSON.parse(result.stdout) as Omit<Release, 'label'>) };
}

describe('settings knowledge against the releases themselves', function () {
  this.timeout(60_000);
  const pythons = availableDjangoPythons();
  let knowledge: KnowledgeBase;
  const releases: Release[] = [];

  before(async () => {
    ({ knowledge } = loadKnowledgeBase(path.join(repo, 'data', 'settings')));
    for (const { version, python } of pythons) releases.push(await askRelease(python, `Django ${version}`, knowledge));
  });

  it('runs on Django 3.2 at least, and on every version setup prepared', () => {
    assert.ok(releases.some((release) => release.versions.django.startsWith('3.2')), 'the machine\'s Django 3.2 is missing');
    for (const { version } of pythons) assert.ok(releases.some((release) => release.versions.django.startsWith(`${version}.`)), version);
  });

  it('has an entry for every name each release defines', () => {
    const missing = releases.flatMap((release) =>
      PRODUCTS.flatMap((product) => Object.keys(release.settings[product]).filter((name) => !entryOf(knowledge, product, name)).map((name) => `${release.label}: ${product} ${name}`)),
    );
    assert.deepEqual(missing, []);
  });

  it('gives each release its own default, directly or through an earlier default', () => {
    const wrong = releases.flatMap((release) =>
      PRODUCTS.flatMap((product) =>
        Object.entries(release.settings[product]).flatMap(([name, matching]) => {
          const entry = entryOf(knowledge, product, name);
          if (!entry) return [];
          const version = release.versions[product];
          const ours = sourcesOf(entry).indexOf(defaultIn(entry, version));
          return matching.includes(ours) ? [] : [`${product} ${version} ${name}: ours is ${defaultIn(entry, version)}`];
        }),
      ),
    );
    assert.deepEqual(wrong, []);
  });

  it('has added / removed versions that agree with where each name appears', () => {
    const wrong = releases.flatMap((release) =>
      PRODUCTS.flatMap((product) => {
        const version = release.versions[product];
        const defined = new Set(Object.keys(release.settings[product]));
        const ofProduct = SCOPES_OF[product].flatMap((scope) => knowledge.entries(scope));
        // Contrib-app settings that no release defines globally say nothing about presence.
        const releaseNames = ofProduct.filter((entry) => releases.some((other) => entry.name in other.settings[product]));
        return releaseNames
          .filter((entry) => existsIn(entry, version) !== defined.has(entry.name))
          .map((entry) => `${product} ${version} ${entry.name}: ${defined.has(entry.name) ? 'defined' : 'absent'}, versions say otherwise (${JSON.stringify(entry.versions ?? {})})`);
      }),
    );
    assert.deepEqual(wrong, []);
  });

  it('places the core settings no release here defines outside the versions checked', () => {
    const oldest = (product: Product) => releases.map((release) => release.versions[product]).sort(compareVersions)[0];
    const unplaced = PRODUCTS.flatMap((product) =>
      knowledge
        .entries(SCOPES_OF[product][0])
        .filter((entry) => !releases.some((release) => entry.name in release.settings[product]))
        .filter((entry) => releases.some((release) => existsIn(entry, release.versions[product])))
        .map((entry) => `${product} ${entry.name} (oldest checked ${oldest(product)})`),
    );
    assert.deepEqual(unplaced, []);
  });

  it('names as its release the newest one checked (or a newer one, when setup could not prepare them all)', () => {
    const complete = pythons.length === KNOWN_DJANGO_VERSIONS.length;
    for (const product of PRODUCTS) {
      const newest = (releases.map((release) => release.versions[product]).sort(compareVersions).at(-1) ?? '').split('.').slice(0, 2).join('.');
      // Contrib and deployment settings are mostly not Django's global settings, so that file names no release.
      for (const entry of knowledge.entries(SCOPES_OF[product][0])) {
        const label = `${entry.scope} ${entry.name}: ${entry.release ?? 'no release'}, newest checked ${newest}`;
        if (complete) assert.equal(entry.release, newest, label);
        else assert.ok(entry.release && compareVersions(entry.release, newest) >= 0, label);
      }
    }
  });
});

describe('settings hover says which release a default is for', () => {
  const { knowledge } = loadKnowledgeBase(path.join(repo, 'data', 'settings'));
  const hover = (scope: Scope, name: string) => {
    const entry = knowledge.get(scope, name);
    assert.ok(entry, name);
    return renderEntry(entry, knowledge);
  };

  it('names the release the knowledge was checked against', () => {
    assert.match(hover('django', 'DEBUG'), /\*\*Default \(Django 5\.2\):\*\* `False`/);
    assert.match(hover('drf', 'PAGE_SIZE'), /\*\*Default \(DRF 3\.18\):\*\* `None`/);
  });

  it('gives the release a default changed in, and the earlier default', () => {
    const text = hover('django', 'USE_TZ');
    assert.match(text, /\*\*Default \(Django 5\.0 and later\):\*\* `True`/);
    assert.match(text, /\*\*Before Django 5\.0:\*\* `False`/);
  });

  it('gives the release a setting appeared in, or the one that removed it', () => {
    assert.match(hover('drf', 'LIST_SERIALIZER_ERRORS_AS_DICT'), /\*\*Default \(DRF 3\.18 and later\):\*\* `True`/);
    assert.match(hover('django-contrib', 'USE_L10N'), /\*\*Default \(before Django 5\.0\):\*\* `True`/);
  });

  it('leaves the release out for dict keys that belong to no one product', () => {
    assert.match(hover('databases', 'CONN_MAX_AGE'), /\*\*Default:\*\* `0`/);
  });
});

describe('installed defaults on each version', function () {
  this.timeout(60_000);
  const { knowledge } = loadKnowledgeBase(path.join(repo, 'data', 'settings'));
  const source = 'DEFAULT_AUTO_FIELD = "x"\nUSE_TZ = True\nFORMS_URLFIELD_ASSUME_HTTPS = True\n';
  const index = scanSettings(source, true);

  for (const { version, python } of availableDjangoPythons()) {
    it(`shows Django ${version}'s own defaults, and none for a setting it does not have`, async () => {
      const installed = await readInstalledDjango(python);
      assert.ok(installed, `Django ${version} did not answer`);
      assert.ok(installed.version.startsWith(`${version}.`), installed.version);
      const facts = await askDjango(python, ['DEFAULT_AUTO_FIELD', 'USE_TZ', 'FORMS_URLFIELD_ASSUME_HTTPS']);
      for (const name of ['DEFAULT_AUTO_FIELD', 'USE_TZ', 'FORMS_URLFIELD_ASSUME_HTTPS']) {
        const markdown = hoverAt(index, source.indexOf(name), knowledge, installed)?.markdown ?? '';
        const line = `**Default in the installed Django ${installed.version}:** `;
        if (facts[name] === null) assert.ok(!markdown.includes(line), `${name} on ${version}`);
        else assert.ok(markdown.includes(`${line}${codeSpan(facts[name])}`), `${name} on ${version}:\n${markdown}`);
      }
    });
  }
});

/** The repr of each global default as Django itself gives it, or null where it has none. */
async function askDjango(python: string, names: readonly string[]): Promise<Record<string, string | null>> {
  const script = 'import json, sys\nfrom django.conf import global_settings as g\nprint(json.dumps({n: repr(getattr(g, n)) if hasattr(g, n) else None for n in sys.argv[1:]}))';
  const result = await runProcess({ command: python, args: ['-c', script, ...names] });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout) as Record<string, string | null>;
}
