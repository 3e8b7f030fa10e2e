import * as vscode from 'vscode';
import { type Generation } from '../../core/serializers/generate';
import { type Insertion, MergeError, mergeModule, topLevelClassNames } from '../../core/serializers/merge';
import { type GeneratedModule, renderModule } from '../../core/serializers/python';
import { type Log } from '../log';
import { openIfExists } from './files';

/** One file of the app as it will be: its text now (if it exists) and what gets added. */
export interface PlannedFile {
  readonly uri: vscode.Uri;
  readonly document?: vscode.TextDocument;
  readonly version?: number;
  readonly insertions: readonly Insertion[];
  readonly proposed: string;
}

/** Names of the classes serializers.py already defines, so nesting can use them. */
export async function serializerClassesIn(uri: vscode.Uri): Promise<Set<string>> {
  const document = await openIfExists(uri);
  return document ? topLevelClassNames(document.getText()) : new Set();
}

export async function planFiles(appDir: vscode.Uri, generation: Generation): Promise<PlannedFile[] | undefined> {
  const planned: PlannedFile[] = [];
  for (const module of generation.files) {
    const uri = vscode.Uri.joinPath(appDir, module.fileName);
    const document = await openIfExists(uri);
    if (!document) {
      const text = renderModule(module);
      planned.push({ uri, insertions: [{ offset: 0, text }], proposed: text });
      continue;
    }
    const merge = mergeInto(document, module);
    if (!merge) return undefined;
    planned.push({ uri, document, version: document.version, insertions: merge.insertions, proposed: merge.text });
  }
  return planned;
}

function mergeInto(document: vscode.TextDocument, module: GeneratedModule): ReturnType<typeof mergeModule> | undefined {
  try {
    return mergeModule(document.getText(), module);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    void vscode.window.showErrorMessage(`${vscode.workspace.asRelativePath(document.uri)}: ${error.message}`);
    return undefined;
  }
}

/** One WorkspaceEdit for every file, so a single undo takes it all back. */
export async function applyPlan(log: Log, files: readonly PlannedFile[]): Promise<boolean> {
  const stale = files.find((f) => f.document && f.document.version !== f.version);
  if (stale) {
    void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(stale.uri)} changed during the preview; nothing was applied. Run the command again.`);
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const file of files) {
    if (!file.document) edit.createFile(file.uri, { ignoreIfExists: false });
    for (const insertion of file.insertions) {
      const position = file.document ? file.document.positionAt(insertion.offset) : new vscode.Position(0, 0);
      edit.insert(file.uri, position, insertion.text);
    }
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) {
    void vscode.window.showErrorMessage('The generated code could not be applied; no file was changed.');
    return false;
  }
  log.info(`Generated code added to ${files.map((f) => vscode.workspace.asRelativePath(f.uri)).join(', ')}`);
  await vscode.window.showTextDocument(files[0].uri, { preview: false });
  return true;
}
