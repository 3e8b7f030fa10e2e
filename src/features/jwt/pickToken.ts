import vscode = require('vscode');
import { l10n } from 'vscode';
import { looksLikeToken } from '../../core/jwt';

/** The selection, else a token on the clipboard, else whatever the user types. */
export async function pickToken(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (selected !== '') return selected;
  const clipboard = await vscode.env.clipboard.readText();
  if (looksLikeToken(clipboard)) return clipboard.trim();
  return vscode.window.showInputBox({ title: l10n.t('Decode JWT'), prompt: l10n.t('Paste a JWT (a "Bearer " prefix is fine)'), ignoreFocusOut: true });
}
