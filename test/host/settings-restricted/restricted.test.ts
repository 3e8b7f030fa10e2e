import assert from 'node:assert/strict';
import vscode = require('vscode');
import { hoverText, openFixtureFile, positionOf, settingsDiagnostics } from '../settings/helpers';
import { activateExtension, waitFor } from '../util';

describe('Settings in Restricted Mode', () => {
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the suite runs in an untrusted workspace');
    await activateExtension();
  });

  it('still explains settings, without asking any interpreter for defaults', async () => {
    const { document } = await openFixtureFile('config', 'settings', 'base.py');
    const text = await hoverText(document, positionOf(document, 'USE_TZ'));
    assert.match(text, /\*\*USE_TZ\*\*/);
    assert.doesNotMatch(text, /installed Django/);
  });

  it('still checks production settings, naming removals without a detected version', async () => {
    const { document } = await openFixtureFile('config', 'settings', 'production.py');
    const removed = await waitFor('the USE_L10N note', () => settingsDiagnostics(document).find((d) => d.message.startsWith('USE_L10N')));
    assert.equal(removed.severity, vscode.DiagnosticSeverity.Information);
    assert.match(removed.message, /was removed in Django 5\.0\./);
    assert.ok(settingsDiagnostics(document).some((d) => d.code === 'debug-in-production'));
  });
});
