import vscode = require('vscode');
import { completionAt } from '../../core/settings/completion';
import { rangeOf } from '../../services/ranges';
import { type SettingsSupport, untrustedMarkdown } from './support';

/** Setting names and settings-dict keys; only the statement at the cursor is parsed, never the whole module. */
export function completionProvider(support: SettingsSupport): vscode.CompletionItemProvider {
  return {
    provideCompletionItems(document, position) {
      if (!support.isSettingsModule(document)) return undefined;
      const completion = completionAt({ source: document.getText() }, document.offsetAt(position), support.knowledge);
      if (!completion) return undefined;
      const range = rangeOf(document, completion.from, completion.to);
      return completion.items.map((item) => {
        const result = new vscode.CompletionItem(item.label, vscode.CompletionItemKind.Property);
        result.insertText = item.insertText;
        result.filterText = item.filterText;
        result.detail = item.detail;
        result.documentation = untrustedMarkdown(item.documentation);
        result.range = range;
        return result;
      });
    },
  };
}
