import assert from 'node:assert/strict';
import vscode = require('vscode');
import { EXTENSION_ID, waitFor } from '../util';

describe('Django Kit in a folder without manage.py', () => {
  it('stays inactive once the workbench has settled', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed in the host');
    // A built-in extension that activates on startup tells us the host has finished its first round of activations.
    await waitFor('the host to finish start-up activations', () =>
      vscode.extensions.all.some((e) => e.id !== EXTENSION_ID && e.isActive),
    );
    // The same search that drives workspaceContains activation, finished: had it matched, we would be active by now.
    assert.deepEqual(await vscode.workspace.findFiles('**/manage.py'), []);
    assert.equal(extension.isActive, false);
  });
});
