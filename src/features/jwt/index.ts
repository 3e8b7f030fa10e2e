import * as vscode from 'vscode';
import type { RenderedSummary } from '../../webview/jwt/protocol';
import type { Log } from '../log';
import { tokenHover } from './hover';
import { JwtPanel, VIEW_ID } from './panel';
import { pickToken } from './pickToken';
import { verifyWithProjectKey } from './projectKey';
import { reported } from './reported';
import { SavedKey } from './savedKey';

const DECODE_COMMAND = 'djangoKit.jwt.decode';

/** The JWT panel, its commands, and the hover over tokens in any file. */
export function registerJwt(context: vscode.ExtensionContext, log: Log): void {
  const savedKeys = new SavedKey(context.secrets);
  const panel = new JwtPanel(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), savedKeys, log);
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(VIEW_ID, panel),
    vscode.commands.registerCommand(DECODE_COMMAND, reported(log, 'Decoding the token', (token?: unknown) => decodeCommand(panel, token))),
    vscode.commands.registerCommand(
      'djangoKit.jwt.verifyWithProjectKey',
      reported(log, 'Verifying with the project key', (token?: unknown) => verifyWithProjectKey(panel, log, token)),
    ),
    vscode.commands.registerCommand('djangoKit.jwt.forgetKeys', reported(log, 'Forgetting saved keys', () => forgetKeys(savedKeys, panel))),
    vscode.languages.registerHoverProvider('*', { provideHover: (document, position) => tokenHover(document, position, DECODE_COMMAND) }),
  );
}

async function decodeCommand(panel: JwtPanel, argument: unknown): Promise<RenderedSummary | undefined> {
  const token = typeof argument === 'string' ? argument : await pickToken();
  if (token === undefined) return undefined;
  return panel.showToken(token);
}

async function forgetKeys(savedKey: SavedKey, panel: JwtPanel): Promise<void> {
  await savedKey.forget();
  await panel.refreshSavedKey();
  void vscode.window.showInformationMessage('Saved JWT keys were forgotten.');
}
