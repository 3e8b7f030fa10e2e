import vscode = require('vscode');

/** The editor's range for the offsets `from`–`to` of `document`, which is how the core reports places. */
export function rangeOf(document: vscode.TextDocument, from: number, to: number): vscode.Range {
  return new vscode.Range(document.positionAt(from), document.positionAt(to));
}
