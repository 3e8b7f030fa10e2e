import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { modelClassLine } from '../../core/manage/models';
import type { DjangoProject } from '../../core/project';
import { readPythonFileSync } from '../../core/syntax/pythonFile';

/** A migration a command acts on: a tree row, or the same fields given programmatically. */
export interface MigrationRef {
  readonly manageFile: string;
  readonly app: string;
  readonly name: string;
}

/** The file of a migration of one of the project's own apps, found by the app's label in the project model. */
export function findMigrationFile(ref: MigrationRef, project: DjangoProject | undefined): vscode.Uri | undefined {
  const app = project?.apps.find((candidate) => candidate.label === ref.app && candidate.local);
  const file = app?.path ? path.join(app.path, 'migrations', `${ref.name}.py`) : undefined;
  return file && existsSync(file) ? vscode.Uri.file(file) : undefined;
}

/** The models modules of the project's own apps: models.py, or the modules of a models package. */
function modelModules(project: DjangoProject): string[] {
  return project.apps.flatMap((app) => {
    if (!app.local || !app.path) return [];
    const single = path.join(app.path, 'models.py');
    if (existsSync(single)) return [single];
    const folder = path.join(app.path, 'models');
    try {
      return readdirSync(folder).filter((name) => name.endsWith('.py')).map((name) => path.join(folder, name));
    } catch {
      return [];
    }
  });
}

/**
 * Opens the model makemigrations stopped at: the class Django named when it did (4.0+), else the
 * models module changed last, which is almost always the one just edited.
 */
export async function openModel(project: DjangoProject | undefined, model: string | undefined): Promise<void> {
  const files = project ? modelModules(project) : [];
  if (model) {
    for (const file of files) {
      const line = modelClassLine(readPythonFileSync(file), model);
      if (line !== undefined) return openAt(vscode.Uri.file(file), line);
    }
  }
  const latest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (latest) await openAt(vscode.Uri.file(latest), 0);
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
