import assert from 'node:assert/strict';
import vscode = require('vscode');
import { hostDjangoPython } from '../../python/djangoVersions';
import { activateExtension, exists, waitFor, workspaceRoot } from '../util';

interface GenerateResult {
  readonly applied: boolean;
  readonly files: readonly vscode.Uri[];
  readonly previews: readonly vscode.Uri[];
  readonly source: 'django' | 'static';
}

const HAND_WRITTEN = `from rest_framework import serializers

from .models import Category


class CategorySerializer(serializers.ModelSerializer):
    # Written by hand: the generator must leave it alone.
    class Meta:
        model = Category
        fields = ["id", "name"]
`;

function appFile(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), 'catalog', name);
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

describe('Generate Serializers', () => {
  before(async () => {
    await activateExtension();
  });

  it('puts a "Generate serializer" CodeLens on each concrete model class', async () => {
    const models = appFile('models.py');
    await vscode.window.showTextDocument(models);
    const lenses = await waitFor('the model CodeLenses', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', models);
      return found.filter((lens) => lens.command?.title === 'Generate serializer').length === 2 && found;
    });
    const targets = lenses.map((lens) => (lens.command?.arguments?.[1] as { models: string[] }).models[0]);
    assert.deepEqual(targets.sort(), ['Category', 'Product']);
    // The abstract TimeStamped base (line 5) gets none.
    assert.ok(lenses.every((lens) => lens.range.start.line !== 4));
  });

  it('previews, adds only the missing serializer to an existing file, and one undo restores it', async () => {
    const serializers = appFile('serializers.py');
    await vscode.workspace.fs.writeFile(serializers, new TextEncoder().encode(HAND_WRITTEN));
    const previewed: string[] = [];
    const watch = vscode.workspace.onDidOpenTextDocument((document) => {
      if (document.uri.scheme === 'django-kit-preview') previewed.push(document.getText());
    });
    let result: GenerateResult | undefined;
    try {
      result = await vscode.commands.executeCommand<GenerateResult>('djangoKit.serializers.generate', appFile('models.py'), {
        views: 'none',
        apply: true,
      });
    } finally {
      watch.dispose();
    }
    assert.ok(result?.applied, 'the edit was applied');
    assert.equal(result.source, 'static', 'no interpreter is configured in this fixture');
    assert.equal(result.previews.length, 1);
    assert.equal(result.previews[0].scheme, 'django-kit-preview');
    assert.ok(
      previewed.some((text) => text.includes('class ProductSerializer') && text.includes('# Written by hand')),
      'the proposed serializers.py was opened for the diff',
    );

    const document = await vscode.workspace.openTextDocument(serializers);
    const text = document.getText();
    assert.equal(count(text, 'class CategorySerializer'), 1);
    assert.ok(text.includes('# Written by hand: the generator must leave it alone.\n    class Meta:\n        model = Category\n        fields = ["id", "name"]\n'));
    assert.ok(text.includes('from .models import Category, Product\n'));
    assert.ok(text.includes('class ProductSerializer(serializers.ModelSerializer):'));
    assert.ok(text.includes('read_only_fields = ["id", "created", "updated", "sku"]'));

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    await waitFor('undo to restore serializers.py', () => document.getText() === HAND_WRITTEN);
  });

  it('creates views.py and urls.py with many=True and partial=True, and adds nothing twice', async () => {
    const request = { models: ['Category', 'Product'], views: 'viewset', many: true, partial: true, urls: true, apply: true };
    const first = await vscode.commands.executeCommand<GenerateResult>('djangoKit.serializers.generate', appFile('models.py'), request);
    assert.ok(first?.applied);
    await vscode.workspace.saveAll(false);
    assert.ok(await exists(appFile('views.py')));
    const views = (await vscode.workspace.openTextDocument(appFile('views.py'))).getText();
    assert.ok(views.includes('serializer = ProductSerializer(products, many=True)'));
    assert.ok(views.includes('serializer = CategorySerializer(category, data=request.data, partial=True)'));
    const urls = (await vscode.workspace.openTextDocument(appFile('urls.py'))).getText();
    assert.ok(urls.includes('router.register("products", views.ProductViewSet, basename="product")'));

    const again = await vscode.commands.executeCommand<GenerateResult>('djangoKit.serializers.generate', appFile('models.py'), request);
    assert.equal(again?.applied, false);
    assert.deepEqual(again?.files, []);
  });

  it('asks Django itself for the fields when the project interpreter is known', async () => {
    const settings = vscode.workspace.getConfiguration('djangoKit');
    await settings.update('environment.projectPython', hostDjangoPython().python, vscode.ConfigurationTarget.Workspace);
    try {
      const serializers = appFile('serializers.py');
      await vscode.workspace.fs.writeFile(serializers, new TextEncoder().encode(HAND_WRITTEN));
      await waitFor('the editor to see the new content', async () => (await vscode.workspace.openTextDocument(serializers)).getText() === HAND_WRITTEN);
      const result = await vscode.commands.executeCommand<GenerateResult>('djangoKit.serializers.generate', appFile('models.py'), {
        models: ['Product'],
        views: 'none',
        apply: true,
      });
      assert.equal(result?.source, 'django');
      assert.ok(result.applied);
      const text = (await vscode.workspace.openTextDocument(serializers)).getText();
      assert.ok(text.includes('class ProductSerializer(serializers.ModelSerializer):'));
      assert.ok(text.includes('read_only_fields = ["id", "created", "updated", "sku"]'));
      await vscode.workspace.saveAll(false);
    } finally {
      await settings.update('environment.projectPython', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('refuses to merge into a file with a syntax error and leaves it as it was', async () => {
    const serializers = appFile('serializers.py');
    const broken = 'from rest_framework import serializers\n\nclass Oops(serializers.Serializer:\n    pass\n';
    await vscode.workspace.fs.writeFile(serializers, new TextEncoder().encode(broken));
    await waitFor('the editor to see the new content', async () => (await vscode.workspace.openTextDocument(serializers)).getText() === broken);
    const result = await vscode.commands.executeCommand<GenerateResult | undefined>('djangoKit.serializers.generate', appFile('models.py'), {
      views: 'none',
      apply: true,
    });
    assert.equal(result, undefined);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(serializers)), broken);
  });
});
