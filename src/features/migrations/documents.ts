import { statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { type DjangoProject } from '../../core/manage/command';
import { modelClassLine } from '../../core/manage/models';
import { chooseMigrationFile, isInside } from '../../core/manage/projects';
import { readPythonFileSync } from '../../core/syntax/pythonFile';

/** A migration a command acts on: a tree row, or the same fields given programmatically. */
export interface MigrationRef {
  readonly manageFile: string;
  readonly app: string;
  readonly name: string;
}

/** The file of a migration, found through the workspace index. */
export async function findMigrationFile(ref: MigrationRef, exclude: string): Promise<vscode.Uri | undefined> {
  const candidates = await vscode.workspace.findFiles(`**/migrations/${ref.name}.py`, exclude);
  const file = chooseMigrationFile(candidates.map((uri) => uri.fsPath), path.dirname(ref.manageFile), ref.app);
  return file === undefined ? undefined : vscode.Uri.file(file);
}

/**
 * Opens the model makemigrations stopped at: the class Django named when it did (4.0+), else the
 * models module changed last, which is almost always the one just edited.
 */
export async function openModel(project: DjangoProject, model: string | undefined, exclude: string): Promise<void> {
  const files = (await vscode.workspace.findFiles('**/{models.py,models/*.py}', exclude)).filter((uri) => isInside(uri.fsPath, project.dir));
  if (model) {
    for (const uri of files) {
      const line = modelClassLine(readPythonFileSync(uri.fsPath), model);
      if (line !== undefined) return openAt(uri, line);
    }
  }
  const latest = files.sort((a, b) => statSync(b.fsPath).mtimeMs - statSync(a.fsPath).mtimeMs)[0];
  if (latest) await openAt(latest, 0);
}

export async function openAt(uri: vscode.Uri, line: number): Promise<void> {
  const position = new vscode.Position(Math.max(0, line), 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

export async function showDocument(content: string, language: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ content, language });
  await vscode.window.showTextDocument(document, { preview: true });
}

/** A summary with a button per created file (the first three), each opening its file. */
export function offerToOpen(summary: string, files: readonly string[]): void {
  const shown = files.slice(0, 3);
  void vscode.window.showInformationMessage(summary, ...shown.map((f) => path.basename(f))).then((choice) => {
    const file = shown.find((f) => path.basename(f) === choice);
    if (file) void vscode.window.showTextDocument(vscode.Uri.file(file));
  });
}
