import vscode = require('vscode');
import { l10n } from 'vscode';
import { type Generation } from '../../core/serializers/generate';
import { type Insertion, MergeError, mergeModule, topLevelClassNames } from '../../core/serializers/merge';
import { type GeneratedModule, isClassBlock, renderModule } from '../../core/serializers/python';
import { type Log } from '../../services/log';
import { rangeOf } from '../../services/ranges';
import { openIfExists } from './files';

/** One file of the app as it will be: its text now (if it exists) and what gets added. */
export interface PlannedFile {
  readonly uri: vscode.Uri;
  readonly document?: vscode.TextDocument;
  readonly version?: number;
  readonly insertions: readonly Insertion[];
  readonly proposed: string;
  /** The classes it gains, for saying what was written. */
  readonly added: readonly string[];
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
    const classes = module.blocks.filter(isClassBlock).map((block) => block.key);
    if (!document) {
      const text = renderModule(module);
      planned.push({ uri, insertions: [{ offset: 0, text }], proposed: text, added: classes });
      continue;
    }
    const merge = mergeInto(document, module);
    if (!merge) return undefined;
    const added = classes.filter((name) => merge.added.includes(name));
    planned.push({ uri, document, version: document.version, insertions: merge.insertions, proposed: merge.text, added });
  }
  return planned;
}

function mergeInto(document: vscode.TextDocument, module: GeneratedModule): ReturnType<typeof mergeModule> | undefined {
  try {
    return mergeModule(document.getText(), module);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    void vscode.window.showErrorMessage(l10n.t('{0}: {1}', vscode.workspace.asRelativePath(document.uri), error.message));
    return undefined;
  }
}

/** What one applied plan changed in a file, enough to take it back while the file stays as it was left. */
interface AppliedFile {
  readonly uri: vscode.Uri;
  readonly created: boolean;
  /** Where the inserted texts are now. */
  readonly spans: readonly { readonly offset: number; readonly length: number }[];
  readonly version: number;
}

export type AppliedPlan = readonly AppliedFile[];

/** One WorkspaceEdit for every file; undefined when nothing was applied (the user has been told why). */
export async function applyPlan(log: Log, files: readonly PlannedFile[]): Promise<AppliedPlan | undefined> {
  const stale = files.find((f) => f.document && f.document.version !== f.version);
  if (stale) {
    void vscode.window.showWarningMessage(
      l10n.t('{0} changed during the preview; nothing was applied. Run the command again.', vscode.workspace.asRelativePath(stale.uri)),
    );
    return undefined;
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
    void vscode.window.showErrorMessage(l10n.t('The generated code could not be applied; no file was changed.'));
    return undefined;
  }
  log.info(`Generated code added to ${files.map((f) => vscode.workspace.asRelativePath(f.uri)).join(', ')}`);
  const result = await Promise.all(files.map(appliedFile));
  await vscode.window.showTextDocument(files[0].uri, { preview: false });
  return result;
}

async function appliedFile(file: PlannedFile): Promise<AppliedFile> {
  const document = await vscode.workspace.openTextDocument(file.uri);
  return { uri: file.uri, created: !file.document, spans: insertedSpans(file.insertions), version: document.version };
}

/** Where each insertion's text sits once all are applied (equal offsets keep their order, as the edit does). */
function insertedSpans(insertions: readonly Insertion[]): { offset: number; length: number }[] {
  const ordered = insertions.map((insertion, index) => ({ insertion, index })).sort((a, b) => a.insertion.offset - b.insertion.offset || a.index - b.index);
  let shift = 0;
  return ordered.map(({ insertion }) => {
    const span = { offset: insertion.offset + shift, length: insertion.text.length };
    shift += insertion.text.length;
    return span;
  });
}

/**
 * Takes an applied plan back: created files are deleted, insertions removed. Refused (false) when
 * a file has changed since, since removing spans from edited text could remove the user's work.
 */
export async function revertPlan(plan: AppliedPlan): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  for (const file of plan) {
    const document = await vscode.workspace.openTextDocument(file.uri);
    if (document.version !== file.version) return false;
    if (file.created) {
      edit.deleteFile(file.uri, { ignoreIfNotExists: true });
      continue;
    }
    for (const span of file.spans) {
      edit.delete(file.uri, rangeOf(document, span.offset, span.offset + span.length));
    }
  }
  return vscode.workspace.applyEdit(edit);
}
