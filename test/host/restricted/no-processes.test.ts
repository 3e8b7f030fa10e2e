import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vscode = require('vscode');
import { activateExtension, workspaceRoot } from '../util';

// Every interpreter Django Kit could run is this script, which leaves a mark if anything starts it.
// User settings are honoured in Restricted Mode (only workspace values of restricted settings are
// ignored), so this really offers the extension a runnable Python: the test proves it declines.
const spyDir = mkdtempSync(path.join(os.tmpdir(), 'django-kit-spy-'));
const marker = path.join(spyDir, 'ran');
const spy = path.join(spyDir, 'python');

interface Report {
  readonly ok: boolean;
  readonly summary: string;
}

function manageFile(): string {
  return path.join(workspaceRoot().fsPath, 'manage.py');
}

async function run<T>(command: string, ...args: unknown[]): Promise<T | undefined> {
  return vscode.commands.executeCommand<T>(command, ...args);
}

describe('Restricted Mode runs no process', () => {
  before(async () => {
    writeFileSync(spy, `#!/bin/sh\necho "$@" >> '${marker}'\nexec /usr/bin/python3 "$@"\n`);
    chmodSync(spy, 0o755);
    const config = vscode.workspace.getConfiguration('djangoKit');
    await config.update('environment.projectPython', spy, vscode.ConfigurationTarget.Global);
    await config.update('environment.basePython', spy, vscode.ConfigurationTarget.Global);
    await activateExtension();
  });

  after(() => {
    assert.equal(existsSync(marker), false, `a process was started in Restricted Mode: ${marker}`);
  });

  it('declines to create an environment and creates no folder', async () => {
    const result = await run<{ status: string }>('djangoKit.env.create', { python: spy, folderName: 'venv-untrusted' });
    assert.equal(result?.status, 'untrusted');
    assert.equal(existsSync(path.join(workspaceRoot().fsPath, 'venv-untrusted')), false);
  });

  for (const [command, options] of [
    ['djangoKit.migrations.make', {}],
    ['djangoKit.migrations.migrate', {}],
    ['djangoKit.manage.check', {}],
    ['djangoKit.manage.run', { command: 'showmigrations' }],
  ] as const) {
    it(`declines ${command}, saying it needs a trusted workspace`, async () => {
      const report = await run<Report>(command, { project: manageFile(), ...options });
      assert.equal(report?.ok, false);
      assert.match(report?.summary ?? '', /trusted workspace/);
    });
  }

  it('declines to list migrations', async () => {
    const refresh = await run<Report>('djangoKit.migrations.refresh');
    assert.equal(refresh?.ok, false);
    assert.match(refresh?.summary ?? '', /trusted workspace/);
  });

  it('still generates serializers, from the source alone', async () => {
    const models = vscode.Uri.joinPath(workspaceRoot(), 'catalog', 'models.py');
    const result = await run<{ applied: boolean; source: string }>('djangoKit.serializers.generate', models, { views: 'none', apply: true });
    assert.equal(result?.applied, true);
    assert.equal(result?.source, 'static');
  });

  it('still explains settings on hover, without asking the installed Django', async () => {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'mysite', 'settings.py'));
    const position = document.positionAt(document.getText().indexOf('DEBUG') + 1);
    const hovers = await run<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = (hovers ?? []).flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
    assert.match(text, /DEBUG/);
  });
});
