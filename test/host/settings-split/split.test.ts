import assert from 'node:assert/strict';
import vscode = require('vscode');
import { completionLabels, hoverText, openFixtureFile, positionOf, settingsDiagnostics } from '../settings/helpers';
import { activateExtension, waitFor } from '../util';

describe('Settings in a split settings package', () => {
  before(async () => {
    await activateExtension();
  });

  it('explains keys of CACHES, STORAGES, LOGGING and TEMPLATES OPTIONS in base.py', async () => {
    const { document } = await openFixtureFile('config', 'settings', 'base.py');
    assert.match(await hoverText(document, positionOf(document, '"TIMEOUT"', 2)), /\*\*TIMEOUT\*\* · Key of a `CACHES` entry/);
    assert.match(await hoverText(document, positionOf(document, '"disable_existing_loggers"', 2)), /\*\*disable_existing_loggers\*\*/);
    assert.match(await hoverText(document, positionOf(document, '"context_processors"', 2)), /`OPTIONS`/);
    assert.match(await hoverText(document, positionOf(document, '"staticfiles": {"BACKEND"', 18)), /\*\*BACKEND\*\* · Key of a `STORAGES` entry/);
    assert.match(await hoverText(document, positionOf(document, 'ASGI_APPLICATION', 1)), /Channels/);
  });

  it('shows the installed Django default, read from the project interpreter', async () => {
    const { document } = await openFixtureFile('config', 'settings', 'base.py');
    const text = await waitFor('the installed default in the hover', async () => {
      const hover = await hoverText(document, positionOf(document, 'USE_TZ', 1));
      return /Default in the installed Django \d/.test(hover) ? hover : undefined;
    }, 30_000);
    assert.match(text, /\*\*Default in the installed Django [\d.]+:\*\* `False`/);
  });

  it('explains a subscript assignment and a += in dev.py', async () => {
    const { document } = await openFixtureFile('config', 'settings', 'dev.py');
    const conn = await hoverText(document, positionOf(document, '"CONN_MAX_AGE"', 3));
    assert.match(conn, /\*\*CONN_MAX_AGE\*\*/);
    assert.match(conn, /```python\n0\n```/);
    assert.match(await hoverText(document, positionOf(document, 'INSTALLED_APPS +=')), /\*\*This file adds:\*\*/);
  });

  it('completes SIMPLE_JWT keys in base.py', async () => {
    const editor = await openFixtureFile('config', 'settings', 'base.py');
    const at = positionOf(editor.document, '"ACCESS_TOKEN_LIFETIME"', 0);
    await editor.edit((edit) => edit.insert(at, '"ROTATE_": 1,\n    '));
    const labels = await completionLabels(editor.document, at.translate(0, 8));
    assert.ok(labels.includes('ROTATE_REFRESH_TOKENS'));
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('checks production.py, and a quick fix edits the file undoably', async () => {
    const editor = await openFixtureFile('config', 'settings', 'production.py');
    const { document } = editor;
    const codes = await waitFor('the production findings', () => {
      const found = settingsDiagnostics(document).map((d) => String(d.code));
      return ['unknown-setting', 'debug-in-production', 'insecure-secret-key'].every((code) => found.includes(code)) ? found : undefined;
    });
    // The interpreter has Django 3.2, where USE_L10N and DEFAULT_FILE_STORAGE still work.
    assert.ok(!codes.includes('removed-setting'), `got ${codes.join(', ')}`);
    const typo = settingsDiagnostics(document).find((d) => d.code === 'unknown-setting');
    assert.equal(typo?.message, 'INSTALED_APPS is not a known setting. Did you mean INSTALLED_APPS?');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, typo!.range);
    const fix = actions.find((action) => action.title === 'Change to INSTALLED_APPS');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(document.getText(), /^INSTALLED_APPS = \[\]$/m);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo', () => /^INSTALED_APPS = \[\]$/m.test(document.getText()));
  });
});
