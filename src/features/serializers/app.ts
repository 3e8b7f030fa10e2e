import vscode = require('vscode');
import { l10n } from 'vscode';
import type { SourceFile } from '../../core/models/types';
import { EXCLUDED_FOLDERS_GLOB } from '../../core/project';
import { isModelsDocument } from './request';

export interface AppSources {
  readonly dir: vscode.Uri;
  readonly files: SourceFile[];
}

export async function pickModelsFile(): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && isModelsDocument(active)) return active.uri;
  const found = await vscode.workspace.findFiles('**/models.py', EXCLUDED_FOLDERS_GLOB);
  if (found.length <= 1) return found[0];
  const picked = await vscode.window.showQuickPick(
    found.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: l10n.t('Generate Serializers'), placeHolder: l10n.t('Models of which app?') },
  );
  return picked?.uri;
}

/** The app folder and its model sources, taken from open editors when they have unsaved changes. */
export async function readApp(modelsUri: vscode.Uri): Promise<AppSources> {
  const stat = await vscode.workspace.fs.stat(modelsUri);
  const isPackageDir = stat.type & vscode.FileType.Directory;
  const inPackage = isPackageDir || vscode.Uri.joinPath(modelsUri, '..').path.endsWith('/models');
  const packageDir = isPackageDir ? modelsUri : vscode.Uri.joinPath(modelsUri, '..');
  const dir = inPackage ? vscode.Uri.joinPath(packageDir, '..') : vscode.Uri.joinPath(modelsUri, '..');
  const uris = inPackage ? await packageModules(packageDir) : [modelsUri];
  const files = await Promise.all(uris.map(async (uri) => sourceFileOf(await vscode.workspace.openTextDocument(uri))));
  return { dir, files };
}

/** A document as the models reader takes it. */
export function sourceFileOf(document: vscode.TextDocument): SourceFile {
  return { path: sourcePathOf(document.uri), text: document.getText() };
}

/** The path a models file is known by to the reader and its cache: the same each time, so a cached reading is found again. */
export function sourcePathOf(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri);
}

async function packageModules(dir: vscode.Uri): Promise<vscode.Uri[]> {
  const entries = await vscode.workspace.fs.readDirectory(dir);
  const names = entries
    .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.py'))
    .map(([name]) => name)
    .sort((a, b) => (a === '__init__.py' ? -1 : b === '__init__.py' ? 1 : a.localeCompare(b)));
  return names.map((name) => vscode.Uri.joinPath(dir, name));
}
