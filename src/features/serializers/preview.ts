import vscode = require('vscode');
import { l10n } from 'vscode';
import { type PlannedFile } from './plan';

export const PREVIEW_SCHEME = 'django-kit-preview';

/** Read-only documents holding the proposed text of each file while it is previewed. */
export class PreviewDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  put(fileUri: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: fileUri.path });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
    this.texts.clear();
  }
}

/** Opens a diff of each file against its proposed text; new files are compared with nothing. */
export async function showPreview(previews: PreviewDocuments, files: readonly PlannedFile[]): Promise<vscode.Uri[]> {
  const shown: vscode.Uri[] = [];
  for (const [index, file] of files.entries()) {
    const right = previews.put(file.uri, file.proposed);
    const left = file.document ? file.uri : previews.put(file.uri.with({ path: `${file.uri.path}.empty` }), '');
    const name = file.uri.path.split('/').pop() ?? '';
    await vscode.commands.executeCommand('vscode.diff', left, right, l10n.t('{0} (proposed by Django Kit)', name), {
      preview: false,
      preserveFocus: index > 0,
    });
    shown.push(right);
  }
  return shown;
}

export async function closePreviews(previews: readonly vscode.Uri[]): Promise<void> {
  const shown = new Set(previews.map((uri) => uri.toString()));
  const tabs = vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && shown.has(tab.input.modified.toString()));
  if (tabs.length > 0) await vscode.window.tabGroups.close(tabs);
}
