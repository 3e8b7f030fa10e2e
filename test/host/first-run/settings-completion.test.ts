import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';

function lineAfter(document: vscode.TextDocument, text: string): string {
  const line = document.positionAt(document.getText().indexOf(text)).line + 1;
  return document.lineAt(line).text;
}

describe('Settings completion in settings.py', () => {
  let editor: vscode.TextEditor;
  before(async () => {
    await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'mysite', 'settings.py');
    editor = await vscode.window.showTextDocument(uri);
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('completes a half-typed SIMPLE_JWT key into a whole key, with its closing quote and ": ", despite a syntax error below', async () => {
    const document = editor.document;
    const algorithm = '"ALGORITHM": "HS256",\n';
    const lineEnd = document.positionAt(document.getText().indexOf(algorithm) + algorithm.length);
    await editor.edit((edit) => {
      edit.insert(lineEnd, "    'SIGN\n");
      edit.insert(document.positionAt(document.getText().length), '\nBROKEN = (1,\n');
    });
    const cursor = new vscode.Position(lineEnd.line, "    'SIGN".length);
    editor.selection = new vscode.Selection(cursor, cursor);

    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, cursor);
    const labels = list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('SIGNING_KEY'), 'Simple JWT keys are offered');
    assert.ok(!labels.includes('ALGORITHM'), 'a key the dict has is not offered again');

    // As the user does it: open the suggestions and accept the first.
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const completed = await waitFor('the suggestion to be accepted', async () => {
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      const line = lineAfter(document, algorithm);
      return line !== "    'SIGN" && line;
    });
    assert.equal(completed, "    'SIGNING_KEY': ");
  });
});
