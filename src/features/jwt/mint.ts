import vscode = require('vscode');
import { l10n } from 'vscode';
import { MintError, type MintedToken, mintSimpleJwtToken, type SimpleJwtTokenType } from '../../core/jwt';
import { readProjectJwt } from './project';
import { noSettingsMessage } from './projectKey';
import type { SettingsModules } from './settingsModule';

/** What "Mint SimpleJWT Token" made, for the panel and for callers (tests, other commands). */
export interface MintOutcome {
  readonly token?: MintedToken;
  /** Why nothing was minted, in words that name the setting or variable to fix. */
  readonly error?: string;
}

interface MintArguments {
  readonly userId?: unknown;
  readonly type?: unknown;
}

/** Mints for a user id given as an argument, or asked for. Undefined when the user cancels. */
export async function mintForProject(modules: SettingsModules, argument: unknown): Promise<MintOutcome | undefined> {
  const given = (typeof argument === 'object' && argument !== null ? argument : {}) as MintArguments;
  const userId = typeof given.userId === 'string' || typeof given.userId === 'number' ? String(given.userId) : await askUserId();
  if (userId === undefined || userId.trim() === '') return undefined;
  const type: SimpleJwtTokenType = given.type === 'refresh' ? 'refresh' : 'access';
  const project = await readProjectJwt(modules);
  if (!project) return { error: noSettingsMessage() };
  try {
    return { token: mintSimpleJwtToken(project.settings, project.environment, { userId: userId.trim(), type }) };
  } catch (error) {
    if (error instanceof MintError) return { error: l10n.t('{0} ({1})', error.message, project.where) };
    throw error;
  }
}

function askUserId(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: l10n.t('Mint SimpleJWT Token'),
    prompt: l10n.t("The user's primary key (USER_ID_FIELD) to put in the token"),
    placeHolder: '1',
    ignoreFocusOut: true,
  });
}
