import vscode = require('vscode');
import { packagesUsedBy } from '../../core/python/projectPackages';
import { EXCLUDED_FOLDERS_GLOB } from '../../core/project/find';

// Enough for the settings and the apps of a large project; a monorepo's tail adds nothing new.
const MAX_FILES = 500;

/** The distributions (of those Create Environment offers) that the folder's Python files use. */
export async function packagesUsedInFolder(folder: vscode.WorkspaceFolder): Promise<ReadonlySet<string>> {
  try {
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.py'), EXCLUDED_FOLDERS_GLOB, MAX_FILES);
    const decoder = new TextDecoder();
    const texts = await Promise.all(files.map(async (uri) => decoder.decode(await vscode.workspace.fs.readFile(uri))));
    return packagesUsedBy(texts);
  } catch {
    // Only a suggestion for the picker: without it nothing more is pre-selected.
    return new Set();
  }
}
