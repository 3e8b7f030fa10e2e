import vscode = require('vscode');
import { l10n } from 'vscode';
import { renderEntry } from '../../core/settings/markdown';
import type { SettingsSupport } from './support';

export const EXPLANATION_SCHEME = 'django-kit-setting';

/** Read-only documents `django-kit-setting:/SCOPE/NAME.md` holding one setting's explanation. */
export function explanationProvider(support: SettingsSupport): vscode.TextDocumentContentProvider {
  return {
    provideTextDocumentContent(uri) {
      const [scope, file] = uri.path.split('/').filter(Boolean);
      const entry = support.knowledge.entries().find((e) => e.scope === scope && `${e.name}.md` === file);
      return entry ? renderEntry(entry, support.knowledge) : `${l10n.t('No explanation for {0}', uri.path)}\n`;
    },
  };
}

/** Asks for a setting by name and opens its explanation beside the editor. */
export async function explainSetting(support: SettingsSupport): Promise<void> {
  const picks = support.knowledge.entries().map((entry) => ({ label: entry.name, description: entry.scope, detail: entry.summary, entry }));
  const choice = await vscode.window.showQuickPick(picks, { placeHolder: l10n.t('Setting to explain'), matchOnDescription: true, matchOnDetail: true });
  if (!choice) return;
  const uri = vscode.Uri.from({ scheme: EXPLANATION_SCHEME, path: `/${choice.entry.scope}/${choice.entry.name}.md` });
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
}
