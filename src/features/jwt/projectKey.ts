import * as vscode from 'vscode';
import { decodePythonSource } from '../../core/syntax/pythonFile';
import { type KeyInput, projectKey, readJwtSettings, type VerificationResult } from '../../core/jwt';
import type { RenderedSummary } from '../../webview/jwt/protocol';
import type { Log } from '../log';
import { pickToken } from './pickToken';
import type { JwtPanel } from './panel';
import { findSettingsModule } from './settingsModule';
import { verifyOrExplain } from './verification';

/** What "Verify with Project Key" found, and what the panel then showed. */
export interface ProjectVerification {
  readonly result?: VerificationResult;
  readonly error?: string;
  readonly shown?: RenderedSummary;
}

export async function verifyWithProjectKey(panel: JwtPanel, log: Log, argument: unknown): Promise<ProjectVerification | undefined> {
  const token = typeof argument === 'string' ? argument : panel.currentToken !== '' ? panel.currentToken : await pickToken();
  if (token === undefined || token.trim() === '') return undefined;
  const settingsFile = await findSettingsModule();
  if (!settingsFile) {
    void vscode.window.showWarningMessage('No Django settings module was found in this workspace (looked for manage.py and settings.py).');
    return undefined;
  }
  const key = await keyFromSettings(settingsFile);
  if (!key) return undefined;
  await panel.showToken(token);
  const outcome = await verifyOrExplain(token, key.input, log);
  const shown = await panel.showVerdict(token, outcome.result, outcome.error, key.source);
  return { ...outcome, shown };
}

/** Reads the key SimpleJWT would use, asking the user when the settings do not spell it out. */
async function keyFromSettings(file: vscode.Uri): Promise<{ input: KeyInput; source: string } | undefined> {
  const text = decodePythonSource(await vscode.workspace.fs.readFile(file));
  const key = projectKey(readJwtSettings(text));
  const where = vscode.workspace.asRelativePath(file);
  if (key.kind === 'usable') return { input: { text: key.key, type: key.keyType }, source: `${key.source} in ${where}` };
  const why =
    key.kind === 'not-literal'
      ? `${key.setting} in ${where} is computed (${key.expression}), not written out, so it cannot be read without running the settings.`
      : `${where} sets no ${key.setting} for ${key.algorithm}.`;
  const typed = await vscode.window.showInputBox({
    title: 'Verify with Project Key',
    prompt: `${why} Enter the ${key.keyType === 'pem' ? 'PEM public key' : 'secret'} to verify with.`,
    password: key.keyType === 'secret',
    ignoreFocusOut: true,
  });
  if (typed === undefined || typed === '') return undefined;
  return { input: { text: typed, type: key.keyType }, source: `key typed for ${key.kind === 'not-literal' ? key.setting : key.algorithm}` };
}
