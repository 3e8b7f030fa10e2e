import vscode = require('vscode');
import { waitFor, workspaceRoot } from '../util';

export async function openFixtureFile(...parts: string[]): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), ...parts));
  return vscode.window.showTextDocument(document);
}

/** The position just inside the `nth` occurrence of `marker`, plus `shift` characters. */
export function positionOf(document: vscode.TextDocument, marker: string, shift = 1, nth = 1): vscode.Position {
  const text = document.getText();
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(marker, at + 1);
    if (at < 0) throw new Error(`${marker} not found in ${document.uri.fsPath}`);
  }
  return document.positionAt(at + shift);
}

/** The Markdown of every hover at a position, polling until the providers have registered. */
export async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  return waitFor(`a hover at ${position.line + 1}:${position.character + 1}`, async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hovers
      .flatMap((hover) => hover.contents)
      .map((content) => (typeof content === 'string' ? content : content.value))
      .join('\n');
    return text.includes('·') ? text : undefined;
  });
}

export async function completionLabels(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
}

export function settingsDiagnostics(document: vscode.TextDocument): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Django Kit');
}
