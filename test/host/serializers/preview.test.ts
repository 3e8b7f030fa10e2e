import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, exists, waitFor, workspaceRoot } from '../util';

interface GenerateResult {
  readonly applied: boolean;
  readonly files: readonly vscode.Uri[];
  readonly notice?: { readonly message: string; readonly actions: readonly string[] };
}

const FULL_REQUEST = { models: ['Category', 'Product'], views: 'viewset', many: true, partial: true, urls: true, nested: false };
const GENERATED = ['serializers.py', 'views.py', 'urls.py'];

function appFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'catalog', name);
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'django-kit-preview');
}

/**
 * Starts Generate Serializers as the user does (no `apply`), and waits for its three diffs. The
 * command's result comes wrapped: awaiting a returned Thenable would wait for the answer itself.
 */
async function startPreview(): Promise<{ running: Thenable<GenerateResult | undefined> }> {
  const running = vscode.commands.executeCommand<GenerateResult | undefined>('djangoKit.serializers.generate', appFile('models.py'), FULL_REQUEST);
  await waitFor('the three diffs of the preview', () => previewTabs().length === 3);
  return { running };
}

/** Presses a title-bar button once the preview waits for it (the command answers true then). */
async function press(command: string): Promise<void> {
  await waitFor(`${command} to answer the preview`, async () => (await vscode.commands.executeCommand<boolean>(command)) === true);
}

async function removeGenerated(): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const name of GENERATED) edit.deleteFile(appFile(name), { ignoreIfNotExists: true });
  await vscode.workspace.applyEdit(edit);
}

describe('Generate Serializers: Apply and Discard from the diff editors, and what comes after', () => {
  before(async () => {
    await activateExtension();
    await removeGenerated();
  });

  it('offers Apply and Discard in the diff editors\' title bar while a preview waits', () => {
    const manifest = vscode.extensions.getExtension('django-kit.django-kit')?.packageJSON as {
      contributes: { menus: Record<string, { command: string; when: string }[]> };
    };
    const titleBar = manifest.contributes.menus['editor/title'];
    for (const command of ['djangoKit.serializers.applyPreview', 'djangoKit.serializers.discardPreview']) {
      const entry = titleBar.find((e) => e.command === command);
      assert.ok(entry, `${command} is in the editor title bar`);
      assert.match(entry.when, /djangoKit\.serializerPreviewOpen/);
    }
  });

  it('Discard closes the diffs and writes nothing', async () => {
    const { running } = await startPreview();
    await press('djangoKit.serializers.discardPreview');
    const result = await running;
    assert.equal(result?.applied, false);
    assert.equal(previewTabs().length, 0);
    for (const name of GENERATED) assert.equal(await exists(appFile(name)), false, `${name} was not created`);
  });

  it('Apply writes the files, says what was written, and offers to include catalog.urls in the project URLconf', async () => {
    const urlconf = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), 'mysite', 'urls.py'));
    const original = urlconf.getText();
    const { running } = await startPreview();
    await vscode.commands.executeCommand('notifications.clearAll');
    await press('djangoKit.serializers.applyPreview');
    const result = await running;
    assert.equal(result?.applied, true);
    assert.equal(previewTabs().length, 0);
    assert.equal(
      result.notice?.message,
      'Created catalog/serializers.py (CategorySerializer, ProductSerializer). Created catalog/views.py (CategoryViewSet, ProductViewSet). ' +
        'Created catalog/urls.py. Next: route catalog.urls from mysite/urls.py.',
    );
    assert.deepEqual(result.notice?.actions, ['Add include("catalog.urls") to mysite/urls.py', 'Undo']);

    // The user presses the first button: one undoable edit of the URLconf.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor('the include to be added', () => urlconf.getText().includes('path("catalog/", include("catalog.urls")),'));
    assert.ok(urlconf.getText().includes('from django.urls import path, include\n'));
    await vscode.window.showTextDocument(urlconf);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore the URLconf', () => urlconf.getText() === original);
    await removeGenerated();
  });

  it('Undo takes the generated code back', async () => {
    await removeGenerated();
    await vscode.commands.executeCommand('notifications.clearAll');
    const result = await vscode.commands.executeCommand<GenerateResult>('djangoKit.serializers.generate', appFile('models.py'), { views: 'none', apply: true });
    assert.ok(result.applied);
    assert.deepEqual(result.notice?.actions, ['Undo']);
    assert.ok(await exists(appFile('serializers.py')));
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    await waitFor('serializers.py to be removed again', async () => !(await exists(appFile('serializers.py'))));
  });
});
