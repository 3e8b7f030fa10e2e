import assert from 'node:assert/strict';
import vscode = require('vscode');
import { EXTENSION_ID, waitFor } from '../util';

describe('Django Kit in Restricted Mode', () => {
  it('opens the Django project untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still loads and activates, because it declares limited support', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed in the host');
    await waitFor('activation in Restricted Mode', () => extension.isActive);
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('djangoKit.showLog'));
  });
});
