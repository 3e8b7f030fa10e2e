import assert from 'node:assert/strict';
import vscode = require('vscode');
import { EXTENSION_ID, waitFor } from '../util';

describe('Django Kit in a Django project', () => {
  it('activates by itself because the workspace contains manage.py', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed in the host');
    await waitFor('activation through workspaceContains:**/manage.py', () => extension.isActive);
  });

  it('runs "Django Kit: Show Log" without error', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('djangoKit.showLog'));
    await vscode.commands.executeCommand('djangoKit.showLog');
    // The revealed channel is backed by a document of the `output` scheme named after it.
    await waitFor('the Django Kit log to be shown', () =>
      vscode.workspace.textDocuments.some((d) => d.uri.scheme === 'output' && d.uri.path.includes('Django Kit')),
    );
  });

  it('declares limited support for untrusted and virtual workspaces', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] }; virtualWorkspaces: { supported: string } };
    };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('djangoKit.environment.basePython'));
    assert.equal(manifest.capabilities.virtualWorkspaces.supported, 'limited');
  });
});
