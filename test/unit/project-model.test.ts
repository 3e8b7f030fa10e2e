import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildProject, buildProjectModel, dependsOn, findManageFiles, globMatcher, projectForFile, resolveModuleFile, updateProjectModel } from '../../src/core/project';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'project-model');
const fixture = (...parts: string[]) => path.join(FIXTURES, ...parts);

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

describe('project model: finding projects', () => {
  it('finds every manage.py, skipping dependencies, build output, tox and virtual environments whatever their name', () => {
    assert.deepEqual(findManageFiles([fixture('several')]), [fixture('several', 'alpha', 'manage.py'), fixture('several', 'services', 'beta', 'manage.py')]);
  });

  it("applies the caller's exclusions to paths relative to each root", () => {
    const found = findManageFiles([fixture('several'), fixture('split')], { exclude: (relative) => relative === 'services/beta' });
    assert.deepEqual(found, [fixture('several', 'alpha', 'manage.py'), fixture('split', 'manage.py')]);
  });

  it('stops at maxDepth', () => {
    assert.deepEqual(findManageFiles([fixture('several')], { maxDepth: 1 }), [fixture('several', 'alpha', 'manage.py')]);
  });

  it('gives each file the project whose root is its nearest ancestor', () => {
    const model = buildProjectModel([FIXTURES]);
    const roots = model.projects.map((project) => project.root);
    assert.deepEqual(roots, [fixture('broken'), fixture('registry'), fixture('split'), fixture('several', 'alpha'), fixture('several', 'services', 'beta')]);
    assert.equal(projectForFile(model, fixture('several', 'alpha', 'alpha', 'settings.py'))?.root, fixture('several', 'alpha'));
    assert.equal(projectForFile(model, fixture('several', 'services', 'beta', 'manage.py'))?.root, fixture('several', 'services', 'beta'));
    assert.equal(projectForFile(model, fixture('several', 'README.md')), undefined);
  });
});

describe('project model: split settings', () => {
  const project = buildProject(fixture('split', 'manage.py'));
  const root = fixture('split');

  it('follows relative and absolute star-imports in reading order, each module read once', () => {
    assert.equal(project.settingsModule, 'config.settings.dev');
    assert.equal(project.settingsFile, path.join(root, 'config', 'settings', 'dev.py'));
    assert.deepEqual(project.settingsFiles, ['dev.py', 'base.py', 'local.py'].map((file) => path.join(root, 'config', 'settings', file)));
  });

  it('reads INSTALLED_APPS across +=, append under a true condition, + [...] and star-imports', () => {
    assert.deepEqual(
      project.apps.map((app) => app.entry),
      [
        'django.contrib.admin',
        'django.contrib.auth',
        'django.contrib.contenttypes',
        'apps.blog.apps.BlogConfig',
        'apps.accounts',
        'shop',
        'debug_toolbar',
        'django.contrib.humanize',
      ],
    );
  });

  it('resolves AppConfig paths, nested apps and the AppConfig Django picks on its own', () => {
    const local = project.apps.filter((app) => app.local).map(({ name, label, path: folder }) => ({ name, label, folder }));
    assert.deepEqual(local, [
      { name: 'apps.blog', label: 'weblog', folder: path.join(root, 'apps', 'blog') },
      { name: 'apps.accounts', label: 'accounts', folder: path.join(root, 'apps', 'accounts') },
      { name: 'shop', label: 'store', folder: path.join(root, 'shop') },
    ]);
    const admin = project.apps.find((app) => app.name === 'django.contrib.admin');
    assert.deepEqual(admin, { name: 'django.contrib.admin', label: 'admin', path: null, local: false, entry: 'django.contrib.admin' });
  });

  it('evaluates BASE_DIR for template and static folders, then adds app folders', () => {
    assert.equal(project.rootUrlconf, 'config.urls');
    assert.equal(project.rootUrlconfFile, path.join(root, 'config', 'urls.py'));
    assert.deepEqual(project.templateDirs, [path.join(root, 'templates'), path.join(root, 'apps', 'blog', 'templates')]);
    assert.deepEqual(project.staticDirs, [path.join(root, 'static'), path.join(root, 'shop', 'static')]);
  });

  it('lists template libraries by load name, with sub-packages and OPTIONS aliases, and builtins', () => {
    const tags = path.join(root, 'apps', 'blog', 'templatetags');
    assert.deepEqual(project.templateLibraries, [
      { name: 'blog_tags', module: 'apps.blog.templatetags.blog_tags', file: path.join(tags, 'blog_tags.py') },
      { name: 'nested.deep_tags', module: 'apps.blog.templatetags.nested.deep_tags', file: path.join(tags, 'nested', 'deep_tags.py') },
      { name: 'blogextra', module: 'apps.blog.templatetags.blog_tags', file: path.join(tags, 'blog_tags.py') },
    ]);
    assert.deepEqual(project.templateBuiltins, ['apps.blog.templatetags.blog_tags']);
  });

  it('reports nothing as a problem when third-party apps simply have no interpreter to resolve in', () => {
    assert.deepEqual(project.problems, []);
  });

  it('resolves dotted modules under the root, then the site-packages', () => {
    assert.equal(resolveModuleFile(project, 'config.urls'), path.join(root, 'config', 'urls.py'));
    assert.equal(resolveModuleFile(project, 'apps.blog'), path.join(root, 'apps', 'blog', '__init__.py'));
    assert.equal(resolveModuleFile(project, 'rest_framework.urls'), null);
    const sitePackages = path.join(root, 'env', 'lib', 'python3.11', 'site-packages');
    assert.equal(resolveModuleFile({ root, sitePackages: [sitePackages] }, 'django.manage'), path.join(sitePackages, 'django', 'manage.py'));
  });

  it('reads unsaved text through the read option', () => {
    const dev = path.join(root, 'config', 'settings', 'dev.py');
    const edited = buildProject(fixture('split', 'manage.py'), {
      read: (file) => (file === dev ? "from .base import *\nROOT_URLCONF = 'config.other_urls'\n" : readText(file)),
    });
    assert.equal(edited.rootUrlconf, 'config.other_urls');
    assert.equal(edited.rootUrlconfFile, null);
    assert.equal(edited.apps.length, 6);
  });
});

describe('project model: settings declared elsewhere, and broken settings', () => {
  it('reads DJANGO_SETTINGS_MODULE from pyproject.toml when manage.py has none', () => {
    const project = buildProject(fixture('several', 'services', 'beta', 'manage.py'));
    assert.equal(project.settingsModule, 'beta.settings');
    assert.equal(project.rootUrlconf, 'beta.urls');
    assert.deepEqual(project.apps.map((app) => [app.name, app.local]), [['beta', true]]);
  });

  it('evaluates os.path forms of BASE_DIR, and APP_DIRS False leaves app folders out', () => {
    const project = buildProject(fixture('several', 'alpha', 'manage.py'));
    assert.deepEqual(project.templateDirs, [fixture('several', 'alpha', 'templates')]);
  });

  it('still yields what can be read from a settings file that does not parse, and says what could not', () => {
    const project = buildProject(fixture('broken', 'manage.py'));
    assert.equal(project.settingsModule, 'site.settings');
    assert.deepEqual(project.apps.map((app) => [app.name, app.path]), [['notes', fixture('broken', 'notes')], ['missing_app', null]]);
    assert.equal(project.rootUrlconf, 'site.urls');
    assert.match(project.problems.join('\n'), /site[\\/]settings\.py has a syntax error at line 6/);
  });
});

describe('project model: files.exclude globs', () => {
  it('matches as VS Code does: ** across folders, * within one, braces and character classes', () => {
    const matches = globMatcher(['**/.git', '**/node_modules', 'legacy/*', '**/{tmp,cache}/**', 'notes?.md', 'out[0-9]']);
    for (const yes of ['.git', 'a/b/.git', 'node_modules', 'x/node_modules', 'legacy/site', 'tmp/x', 'a/cache/y/z', 'notes1.md', 'out7']) {
      assert.equal(matches(yes), true, yes);
    }
    for (const no of ['a/.gitignore', 'legacy/site/deep', 'src/legacy/site', 'tmpx/y', 'notes12.md', 'outx', 'node_modules2']) {
      assert.equal(matches(no), false, no);
    }
    assert.equal(globMatcher([])('anything'), false);
  });
});

describe('project model: updating after a file changes', () => {
  const model = buildProjectModel([fixture('several'), fixture('split')]);
  const [alpha, beta, split] = model.projects;

  it('rebuilds only the projects that read the file', () => {
    const base = fixture('split', 'config', 'settings', 'base.py');
    const { model: updated, rebuilt } = updateProjectModel(model, [base], () => ({}));
    assert.deepEqual(rebuilt.map((project) => project.root), [split.root]);
    assert.equal(updated.projects[0], alpha);
    assert.equal(updated.projects[1], beta);
    assert.notEqual(updated.projects[2], split);
    assert.deepEqual(updated.projects[2], split);
  });

  it('knows which files a project depends on', () => {
    assert.equal(dependsOn(beta, fixture('several', 'services', 'beta', 'pyproject.toml')), true);
    assert.equal(dependsOn(split, fixture('split', 'apps', 'blog', 'templatetags', 'new_tags.py')), true);
    assert.equal(dependsOn(split, fixture('split', 'apps', 'blog', 'apps.py')), true);
    assert.equal(dependsOn(split, fixture('split', 'apps', 'blog', 'models.py')), false);
    assert.equal(dependsOn(split, fixture('split', 'config', 'urls.py')), false);
    assert.equal(dependsOn(alpha, fixture('split', 'config', 'settings', 'base.py')), false);
  });
});

describe('project model: where DJANGO_SETTINGS_MODULE is declared', () => {
  const root = path.join(path.sep, 'virtual', 'site');
  const manage = path.join(root, 'manage.py');
  const settingsModuleWith = (files: Record<string, string>) =>
    buildProject(manage, { read: (file) => ({ 'manage.py': 'import sys\n', ...files })[path.relative(root, file)] }).settingsModule;

  it('reads pytest.ini, setup.cfg, pyproject.toml and .env, in that order, after manage.py', () => {
    assert.equal(settingsModuleWith({ 'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = conf.test\n' }), 'conf.test');
    assert.equal(settingsModuleWith({ 'setup.cfg': '[metadata]\nname = x\n\n[tool:pytest]\nDJANGO_SETTINGS_MODULE=conf.ci\n' }), 'conf.ci');
    assert.equal(settingsModuleWith({ '.env': '# local\nexport DJANGO_SETTINGS_MODULE="conf.local"\n' }), 'conf.local');
    assert.equal(settingsModuleWith({ 'pytest.ini': '[pytest]\nDJANGO_SETTINGS_MODULE = conf.test\n', '.env': 'DJANGO_SETTINGS_MODULE=conf.local\n' }), 'conf.test');
    assert.equal(
      settingsModuleWith({ 'manage.py': "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'conf.dev')\n", '.env': 'DJANGO_SETTINGS_MODULE=conf.local\n' }),
      'conf.dev',
    );
  });

  it('ignores the variable outside the pytest section', () => {
    assert.equal(settingsModuleWith({ 'setup.cfg': '[flake8]\nDJANGO_SETTINGS_MODULE = conf.nope\n' }), null);
    assert.equal(settingsModuleWith({ 'pyproject.toml': '[tool.other]\nDJANGO_SETTINGS_MODULE = "conf.nope"\n' }), null);
  });
});
