import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'project-model');
const REGISTRY = path.join(FIXTURES, 'registry');

interface ProjectJson {
  root: string;
  manage: string;
  settingsModule: string | null;
  settingsFile: string | null;
  rootUrlconf: string | null;
  djangoVersion: string | null;
  apps: { name: string; label: string; path: string | null }[];
  templateDirs: string[];
  templateLibraries: Record<string, string>;
  staticDirs: string[];
}

async function cli(args: string[], cwd = FIXTURES): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => '', cwd };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

// What Django itself says once the app registry is ready: each app's label and folder, and the
// libraries the template engine can load, by load name.
const REGISTRY_SCRIPT = `
import json, django
django.setup()
from django.apps import apps
from django.template import engines
engine = engines["django"].engine
print(json.dumps({
    "version": django.get_version(),
    "apps": [{"name": c.name, "label": c.label, "path": c.path} for c in apps.get_app_configs()],
    "libraries": {name: engine.libraries[name] for name in engine.template_libraries},
}))
`;

function djangoRegistry(python: string): { version: string; apps: ProjectJson['apps']; libraries: Record<string, string> } {
  const env = { ...process.env, DJANGO_SETTINGS_MODULE: 'site_config.settings', PYTHONDONTWRITEBYTECODE: '1' };
  return JSON.parse(execFileSync(python, ['-c', REGISTRY_SCRIPT], { cwd: REGISTRY, env, encoding: 'utf8', timeout: 60_000 }));
}

function sortedEntries(record: Record<string, string>): [string, string][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}

describe('django-kit project', () => {
  it('prints the documented JSON for every project below --project, djangoVersion null without --python', async () => {
    const { code, stdout } = await cli(['project', '--project', 'several']);
    assert.equal(code, 0);
    const { projects } = JSON.parse(stdout) as { projects: ProjectJson[] };
    assert.deepEqual(projects.map((project) => project.settingsModule), ['alpha.settings', 'beta.settings']);
    assert.deepEqual(Object.keys(projects[0]), ['root', 'manage', 'settingsModule', 'settingsFile', 'rootUrlconf', 'djangoVersion', 'apps', 'templateDirs', 'templateLibraries', 'staticDirs']);
    assert.equal(projects[0].djangoVersion, null);
    assert.deepEqual(projects[0].apps[1], { name: 'alpha', label: 'alpha', path: path.join(FIXTURES, 'several', 'alpha', 'alpha') });
  });

  it('exits 2 when no project is found, or on wrong arguments', async () => {
    const none = await cli(['project', '--project', path.join(FIXTURES, 'split', 'static')]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /no manage\.py found/);
    assert.equal((await cli(['project', '--frobnicate'])).code, 2);
    assert.equal((await cli(['project', 'extra'])).code, 2);
    assert.equal((await cli(['project', '--project', 'no-such-folder'])).code, 2);
    const noPython = await cli(['project', '--project', 'several', '--python', path.join(FIXTURES, 'no-such-python')]);
    assert.equal(noPython.code, 2);
    assert.match(noPython.stderr, /no-such-python could not be run/);
  });

  it('reports what it could not read on standard error, one line each', async () => {
    const { code, stderr } = await cli(['project', '--project', 'broken']);
    assert.equal(code, 0);
    assert.match(stderr, /^django-kit project: .*broken: site[\\/]settings\.py has a syntax error at line 6/m);
  });

  it('finds every local app and local library without an interpreter', async () => {
    const { stdout } = await cli(['project', '--project', REGISTRY]);
    const [project] = (JSON.parse(stdout) as { projects: ProjectJson[] }).projects;
    const local = project.apps.filter((app) => app.path !== null);
    assert.deepEqual(local, [
      { name: 'library', label: 'books', path: path.join(REGISTRY, 'library') },
      { name: 'catalog', label: 'catalog', path: path.join(REGISTRY, 'catalog') },
    ]);
    assert.deepEqual(sortedEntries(project.templateLibraries), [
      ['book_tags', 'library.templatetags.book_tags'],
      ['catalog_extras', 'catalog.templatetags.catalog_extras'],
      ['shelf', 'library.templatetags.book_tags'],
    ]);
  });

  for (const { version, python } of availableDjangoPythons()) {
    describe(`agrees with Django ${version}'s own registry`, function () {
      let registry: ReturnType<typeof djangoRegistry>;
      let project: ProjectJson;
      before(async function () {
        this.timeout(120_000);
        registry = djangoRegistry(python);
        const { code, stdout } = await cli(['project', '--project', REGISTRY, '--python', python]);
        assert.equal(code, 0);
        [project] = (JSON.parse(stdout) as { projects: ProjectJson[] }).projects;
      });

      it("gives every app the label and folder of apps.get_app_configs()", () => {
        assert.deepEqual(project.apps, registry.apps);
      });

      it("gives every library load name and module of the engine's template_libraries", () => {
        assert.deepEqual(sortedEntries(project.templateLibraries), sortedEntries(registry.libraries));
      });

      it('reads the Django version from the interpreter', () => {
        assert.equal(project.djangoVersion, registry.version);
      });
    });
  }
});
