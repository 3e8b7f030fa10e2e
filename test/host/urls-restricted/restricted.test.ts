import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';

// The interpreter offered to Django Kit is this script, which leaves a mark if anything starts it.
// User settings are honoured in Restricted Mode, so a runnable Python really is on offer.
const spyDir = mkdtempSync(path.join(os.tmpdir(), 'django-kit-urls-spy-'));
const marker = path.join(spyDir, 'ran');
const spy = path.join(spyDir, 'python');

async function writeAndOpen(relative: string, text: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), ...relative.split('/'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return vscode.workspace.openTextDocument(uri);
}

async function labels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

describe('URL names in Restricted Mode', () => {
  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    writeFileSync(spy, `#!/bin/sh\necho "$@" >> '${marker}'\nexec /usr/bin/python3 "$@"\n`);
    chmodSync(spy, 0o755);
    await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', spy, vscode.ConfigurationTarget.Global);
    await activateExtension();
  });

  after(() => {
    assert.equal(existsSync(marker), false, `a process was started in Restricted Mode: ${marker}`);
  });

  it('completes and checks names from the static reading', async () => {
    const document = await writeAndOpen('templates/restricted.html', "{% url '' %}{% url 'blog:psot' 2024 'x' %}\n");
    const names = await labels(document, new vscode.Position(0, 8));
    assert.ok(names.includes('shop:order-detail') && names.includes('api:order-mark-paid'));
    const diagnostic = await waitFor('the unknown name', () => vscode.languages.getDiagnostics(document.uri).find((d) => d.code === 'unknown-url-name'));
    assert.match(diagnostic.message, /Did you mean `blog:post`\?/);
  });

  it("declines Refresh URL Names: Django's resolver is not asked and the admin's names stay unknown", async () => {
    await vscode.commands.executeCommand('djangoKit.urls.refresh');
    const document = await writeAndOpen('templates/admin-link.html', "{% url 'admin:' %}\n");
    const names = await labels(document, new vscode.Position(0, 14));
    assert.ok(names.includes('home'));
    assert.ok(!names.some((name) => name.startsWith('admin:')), 'no admin: name without the resolver');
  });
});
