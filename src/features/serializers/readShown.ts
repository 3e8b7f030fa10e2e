import vscode = require('vscode');
import type { DeclarationsCache } from '../../core/models/declarationsCache';
import { sourceFileOf, sourcePathOf } from './app';
import { isModelsDocument } from './request';

// Showing or editing a file sets off a burst of work in the host (highlighting, other providers):
// the models file is read once that is over and the host is idle.
const IDLE_DELAY_MS = 300;

/**
 * Reads the models files in view shortly after they are shown or edited, so that Generate
 * Serializers finds them parsed instead of paying for the parse (and, the first time, for the
 * parser's own start-up) while the user waits. Nothing is read during activation: the editors
 * already open are read after the same delay. Closed documents leave the cache.
 */
export function readShownModels(declarations: DeclarationsCache): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const readVisible = () => {
    for (const editor of vscode.window.visibleTextEditors) {
      if (isModelsDocument(editor.document)) declarations.read(sourceFileOf(editor.document));
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(readVisible, IDLE_DELAY_MS);
  };
  schedule();
  return vscode.Disposable.from(
    vscode.window.onDidChangeVisibleTextEditors(schedule),
    vscode.workspace.onDidChangeTextDocument((change) => {
      if (isModelsDocument(change.document)) schedule();
    }),
    vscode.workspace.onDidCloseTextDocument((document) => declarations.forget(sourcePathOf(document.uri))),
    { dispose: () => clearTimeout(timer) },
  );
}
