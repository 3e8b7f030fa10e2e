import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { activateExtension, workspaceRoot } from '../util';

interface ProjectMigrations {
  apps: { app: string; migrations: { name: string; applied: boolean }[] }[];
  error?: string;
}

describe('An environment becoming ready', () => {
  before(async () => {
    await activateExtension();
  });

  after(async () => {
    await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('lists the migrations, all unapplied, without creating db.sqlite3', async () => {
    const database = path.join(workspaceRoot().fsPath, 'db.sqlite3');
    assert.equal(existsSync(database), false, 'the fixture has no database');
    // What selecting an environment does: the view refreshes with the new interpreter.
    await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
    const [project] = await vscode.commands.executeCommand<ProjectMigrations[]>('djangoKit.migrations.refresh');
    assert.equal(project.error, undefined);
    const catalog = project.apps.find((app) => app.app === 'catalog');
    assert.deepEqual(catalog?.migrations, [{ app: 'catalog', name: '0001_initial', applied: false }]);
    assert.ok(project.apps.some((app) => app.app === 'auth'));
    assert.equal(existsSync(database), false, 'nothing created the database');
  });
});
