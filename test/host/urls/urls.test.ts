import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';

function file(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
}

async function writeAndOpen(relative: string, text: string): Promise<vscode.TextDocument> {
  const uri = file(relative);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri);
}

/** The position just after the first occurrence of `marker` in the document (plus `shift`). */
function after(document: vscode.TextDocument, marker: string, shift = 0): vscode.Position {
  const offset = document.getText().indexOf(marker);
  assert.ok(offset >= 0, `${marker} is in ${document.uri.path}`);
  return document.positionAt(offset + marker.length + shift);
}

async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<Map<string, vscode.CompletionItem>> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  const items = new Map<string, vscode.CompletionItem>();
  for (const item of list.items) items.set(typeof item.label === 'string' ? item.label : item.label.label, item);
  return items;
}

function relative(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, false);
}

async function definitions(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', document.uri, position);
  return found.map((l) => ('uri' in l ? `${relative(l.uri)}:${l.range.start.line + 1}` : `${relative(l.targetUri)}:${l.targetRange.start.line + 1}`));
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

/** Waits for a URL diagnostic, applies its quick fix and returns the document's new text. */
async function applyQuickFix(document: vscode.TextDocument, code: string, title: string): Promise<string> {
  const diagnostic = await waitFor(`a ${code} diagnostic in ${document.uri.path}`, () =>
    vscode.languages.getDiagnostics(document.uri).find((d) => d.code === code),
  );
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
  const fix = actions.find((action) => action.title === title);
  assert.ok(fix?.edit, `a quick fix "${title}" among ${actions.map((action) => action.title).join(', ')}`);
  assert.ok(await vscode.workspace.applyEdit(fix.edit));
  await waitFor('the diagnostic to go', () => !vscode.languages.getDiagnostics(document.uri).some((d) => d.code === code));
  return document.getText();
}

describe('URL names', () => {
  before(async () => {
    await activateExtension();
  });

  describe('in a template', () => {
    it('completes names after {% url \' with the route and view beside each', async () => {
      const document = await writeAndOpen('shop/templates/shop/complete.html', "{% url 'shop: %}\n");
      const items = await completionLabels(document, after(document, "'shop:"));
      const detail = items.get('shop:order-detail');
      assert.ok(detail, 'shop:order-detail is offered');
      assert.ok(items.has('api:product-publish') && items.has('blog:post'), 'router and i18n names are offered too');
      const label = detail.label as vscode.CompletionItemLabel;
      assert.equal(label.detail?.trim(), 'shop/orders/<int:pk>/');
      assert.equal(label.description, 'shop.views.OrderDetail');
    });

    it('goes to the path() line, then to the view', async () => {
      const document = await vscode.workspace.openTextDocument(file('shop/templates/shop/order.html'));
      assert.deepEqual(await definitions(document, after(document, "'shop:order-", 2)), ['shop/urls.py:8', 'shop/views.py:13']);
    });

    it('shows the route, its converters, the view and the file on hover', async () => {
      const document = await vscode.workspace.openTextDocument(file('shop/templates/shop/order.html'));
      const text = await hoverText(document, after(document, "'blog:po"));
      assert.match(text, /\{language\}\/blog\/<int:year>\/<slug:slug>\//);
      assert.match(text, /year: int, slug: slug/);
      assert.match(text, /blog\.views\.post/);
      assert.match(text, /Namespace: `blog`/);
      assert.match(text, /blog\/urls\.py:9/);
    });

    it('offers "Did you mean" as a quick fix for an unknown name', async () => {
      const document = await writeAndOpen('shop/templates/shop/typo.html', "<a href=\"{% url 'shop:order-detial' 3 %}\">x</a>\n");
      const diagnostic = await waitFor('the unknown name diagnostic', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-url-name'));
      assert.equal(diagnostic.message, 'Unknown URL name `shop:order-detial`. Did you mean `shop:order-detail`?');
      assert.equal(await applyQuickFix(document, 'unknown-url-name', 'Change to `shop:order-detail`'), "<a href=\"{% url 'shop:order-detail' 3 %}\">x</a>\n");
    });
  });

  describe('in a view', () => {
    it('completes names in reverse(\'…\')', async () => {
      const document = await writeAndOpen('shop/complete.py', "from django.urls import reverse\nreverse('')\n");
      const items = await completionLabels(document, after(document, "reverse('"));
      assert.ok(items.has('home') && items.has('shop:reviews:detail') && items.has('archive'));
    });

    it('goes to the path() line and the view from reverse()', async () => {
      const document = await vscode.workspace.openTextDocument(file('shop/views.py'));
      assert.deepEqual(await definitions(document, after(document, "reverse('shop:rev", 1)), ['shop/reviews.py:8', 'shop/views.py:26']);
    });

    it('finds the references of a name in templates and Python, with its declaration', async () => {
      const document = await vscode.workspace.openTextDocument(file('shop/views.py'));
      const found = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, after(document, "reverse('shop:order-d"));
      const places = found.map((l) => `${relative(l.uri)}:${l.range.start.line + 1}`).sort();
      assert.ok(places.includes('shop/urls.py:8'), `the declaration is among ${places.join(', ')}`);
      assert.ok(places.includes('shop/templates/shop/order.html:3'));
      assert.ok(places.includes('shop/views.py:19') && places.includes('shop/views.py:23'));
    });

    it('fixes a keyword the route does not have', async () => {
      const document = await writeAndOpen('shop/keyword.py', "from django.shortcuts import redirect\n\ndef go(request):\n    return redirect('shop:order-cancel', pkk=1)\n");
      const text = await applyQuickFix(document, 'unknown-url-keyword', 'Change to `pk`');
      assert.match(text, /redirect\('shop:order-cancel', pk=1\)/);
    });

    it('renames a literal name in path() and at every use', async () => {
      const document = await vscode.workspace.openTextDocument(file('shop/views.py'));
      const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', document.uri, after(document, "reverse('shop:order-d"), 'order-page');
      const changed = edit.entries().map(([uri, edits]) => `${relative(uri)}:${edits.map((e) => `${e.range.start.line + 1}=${e.newText}`).join(',')}`).sort();
      assert.ok(changed.includes('shop/urls.py:8=order-page'), changed.join(' | '));
      assert.ok(changed.some((entry) => entry.startsWith('shop/views.py:') && entry.includes('19=shop:order-page') && entry.includes('23=shop:order-page')), changed.join(' | '));
      assert.ok(changed.some((entry) => entry.startsWith('shop/templates/shop/order.html:3=shop:order-page')), changed.join(' | '));
    });
  });

  describe('Refresh URL Names', () => {
    it("adds the admin's names once Django's resolver has been asked", async function () {
      this.timeout(120_000);
      const document = await writeAndOpen('templates/admin-link.html', "{% url 'admin:' %}\n");
      const position = after(document, "'admin:");
      assert.ok(!(await completionLabels(document, position)).has('admin:index'), 'not known before the refresh');
      await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('djangoKit.urls.refresh');
      const items = await completionLabels(document, position);
      assert.ok(items.has('admin:index') && items.has('admin:auth_user_changelist'));
    });
  });
});
