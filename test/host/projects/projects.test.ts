import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { hoverText, openFixtureFile, positionOf } from '../settings/helpers';
import { activateExtension, waitFor, workspaceRoot } from '../util';

// One workspace, two Django projects (shop/ and blog/) whose settings modules have names no
// convention recognises: only the project model, reading each manage.py, knows what they are.

const PYTHON = '/usr/bin/python3';

interface Report {
  ok: boolean;
  summary: string;
  applied?: string[];
}

interface ProjectMigrations {
  manageFile: string;
  apps: { app: string; migrations: { name: string; applied: boolean }[] }[];
  error?: string;
}

function file(...parts: string[]): string {
  return path.join(workspaceRoot().fsPath, ...parts);
}

async function migrationsByProject(): Promise<Map<string, ProjectMigrations>> {
  const projects = await vscode.commands.executeCommand<ProjectMigrations[]>('djangoKit.migrations.refresh');
  return new Map(projects.map((project) => [path.basename(path.dirname(project.manageFile)), project]));
}

/** The settings hover at a position now, or undefined when there is none. */
async function settingsHover(document: vscode.TextDocument, position: vscode.Position): Promise<string | undefined> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  const text = hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value));
  return text.find((markdown) => markdown.includes('Django setting'));
}

describe('Two projects in one workspace', () => {
  before(async () => {
    await activateExtension();
    await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', PYTHON, vscode.ConfigurationTarget.Workspace);
  });

  it("explains settings in each project's own settings module, with that file's value", async () => {
    const shop = await openFixtureFile('shop', 'shopsite', 'conf.py');
    const shopHover = await hoverText(shop.document, positionOf(shop.document, 'DEBUG = True'));
    assert.match(shopHover, /\*\*DEBUG\*\* · Django setting/);
    assert.match(shopHover, /\*\*In this file:\*\*\s+```python\s+True\s+```/);
    const blog = await openFixtureFile('blog', 'blogsite', 'config.py');
    const blogHover = await hoverText(blog.document, positionOf(blog.document, 'DEBUG = False'));
    assert.match(blogHover, /\*\*DEBUG\*\* · Django setting/);
    assert.match(blogHover, /\*\*In this file:\*\*\s+```python\s+False\s+```/);
  });

  it('gives no settings hover in a module that is no settings module', async () => {
    const checks = await openFixtureFile('shop', 'orders', 'checks.py');
    assert.equal(await settingsHover(checks.document, positionOf(checks.document, 'DEBUG = False')), undefined);
  });

  it('follows a change of DJANGO_SETTINGS_MODULE in manage.py to the module it names now', async () => {
    const staging = file('shop', 'shopsite', 'staging.py');
    const manage = file('shop', 'manage.py');
    const original = readFileSync(manage, 'utf8');
    writeFileSync(staging, 'from .conf import *  # noqa: F403\n\nDEBUG = False\n');
    try {
      const editor = await openFixtureFile('shop', 'shopsite', 'staging.py');
      const at = positionOf(editor.document, 'DEBUG = False');
      assert.equal(await settingsHover(editor.document, at), undefined, 'not a settings module while manage.py names conf');
      writeFileSync(manage, original.replace("'shopsite.conf'", "'shopsite.staging'"));
      const hover = await waitFor('the hover once manage.py names staging', () => settingsHover(editor.document, at));
      assert.match(hover, /\*\*DEBUG\*\* · Django setting/);
    } finally {
      writeFileSync(manage, original);
      rmSync(staging, { force: true });
    }
  });

  it("lists each project's own migrations", async () => {
    const projects = await waitFor('both projects in the Migrations view', async () => {
      const found = await migrationsByProject();
      return found.size === 2 && [...found.values()].every((project) => project.apps.length > 0) && found;
    }, 60_000);
    const apps = (name: string) => projects.get(name)?.apps.map((app) => app.app) ?? [];
    assert.ok(apps('shop').includes('orders') && !apps('shop').includes('articles'), apps('shop').join(', '));
    assert.ok(apps('blog').includes('articles') && !apps('blog').includes('orders'), apps('blog').join(', '));
  });

  it('migrates the project of the active file, without asking which', async () => {
    await openFixtureFile('blog', 'posts', 'models.py');
    const report = await vscode.commands.executeCommand<Report>('djangoKit.migrations.migrate', {});
    assert.ok(report?.ok, report?.summary);
    assert.ok(report.applied?.includes('articles.0001_initial'), report.applied?.join(', '));
    assert.ok(!report.applied?.some((migration) => migration.startsWith('orders.')));
    const projects = await migrationsByProject();
    const applied = (name: string, app: string) => projects.get(name)?.apps.find((entry) => entry.app === app)?.migrations[0]?.applied;
    assert.equal(applied('blog', 'articles'), true);
    assert.equal(applied('shop', 'orders'), false);
  });

  it("opens a migration of an app whose label differs from its folder, in the right project", async () => {
    await vscode.commands.executeCommand('djangoKit.migrations.openFile', { manageFile: file('blog', 'manage.py'), app: 'articles', name: '0001_initial' });
    const opened = await waitFor('the migration editor', () => vscode.window.activeTextEditor?.document.uri.fsPath === file('blog', 'posts', 'migrations', '0001_initial.py'));
    assert.ok(opened);
  });

  it("generates serializers with each project's own Django setup", async () => {
    for (const [project, app, model] of [
      ['blog', 'posts', 'PostSerializer'],
      ['shop', 'orders', 'OrderSerializer'],
    ] as const) {
      const models = vscode.Uri.file(file(project, app, 'models.py'));
      const result = await vscode.commands.executeCommand<{ applied: boolean; source: string }>('djangoKit.serializers.generate', models, { views: 'none', apply: true });
      assert.equal(result?.source, 'django', `${project}: introspected through its own manage.py`);
      assert.equal(result.applied, true);
      const written = file(project, app, 'serializers.py');
      await waitFor(`${written}`, () => existsSync(written));
      assert.match(readFileSync(written, 'utf8'), new RegExp(`class ${model}\\b`));
    }
  });
});
