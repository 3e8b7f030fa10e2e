import vscode = require('vscode');
import { l10n } from 'vscode';
import { command } from '../../services/commands';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import type { CreateFields, RenderedSummary } from '../../webview/jwt/protocol';
import { tokenHover } from './hover';
import { JwtPanel } from './panel';
import { pickToken } from './pickToken';
import { verifyWithProjectKey } from './projectKey';
import { SavedKey, SIGNING_KEY_ID, VERIFYING_KEY_ID } from './savedKey';
import { SettingsModules } from './settingsModule';

const DECODE_COMMAND = 'djangoKit.jwt.decode';

/** What the Create section starts from; a command argument may change any of it. */
const CREATE_DEFAULTS: CreateFields = {
  alg: 'HS256',
  key: '',
  keyType: 'auto',
  secretEncoding: 'utf8',
  header: '',
  claims: '',
  expiresIn: '15m',
  notBefore: '',
  issuedAt: true,
  issuer: '',
  audience: '',
  subject: '',
  jwtId: false,
  remember: false,
};

/** What stays registered from activation on (src/features/onDemand.ts) and is handed to the loaded feature. */
export interface JwtProviders {
  readonly view: vscode.WebviewViewProvider;
  readonly hover: vscode.HoverProvider;
}

/** The JWT panel, its commands, and the hover over tokens in any file. */
export function registerJwt(context: vscode.ExtensionContext, log: Log, projects: ProjectService): JwtProviders {
  const keys = { verifying: new SavedKey(context.secrets, VERIFYING_KEY_ID), signing: new SavedKey(context.secrets, SIGNING_KEY_ID) };
  const modules = new SettingsModules(projects);
  const panel = new JwtPanel(vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview'), keys, modules, log);
  context.subscriptions.push(
    vscode.commands.registerCommand(DECODE_COMMAND, command(log, l10n.t('Decoding the token'), (token?: unknown) => decodeCommand(panel, token))),
    vscode.commands.registerCommand(
      'djangoKit.jwt.verifyWithProjectKey',
      command(log, l10n.t('Verifying with the project key'), (token?: unknown) => verifyWithProjectKey(panel, modules, log, token)),
    ),
    vscode.commands.registerCommand('djangoKit.jwt.createToken', command(log, l10n.t('Creating a token'), (fields?: unknown) => createCommand(panel, fields))),
    vscode.commands.registerCommand('djangoKit.jwt.mintSimpleJwt', command(log, l10n.t('Minting a SimpleJWT token'), (request?: unknown) => panel.mint(request))),
    vscode.commands.registerCommand('djangoKit.jwt.forgetKeys', command(log, l10n.t('Forgetting saved keys'), () => forgetKeys(keys, panel))),
  );
  return { view: panel, hover: { provideHover: (document, position) => tokenHover(document, position, DECODE_COMMAND) } };
}

async function decodeCommand(panel: JwtPanel, argument: unknown): Promise<RenderedSummary | undefined> {
  const token = typeof argument === 'string' ? argument : await pickToken();
  if (token === undefined) return undefined;
  return panel.showToken(token);
}

/** Without an argument, opens the Create section; with fields (scripts, tests), signs them at once. */
async function createCommand(panel: JwtPanel, argument: unknown): Promise<{ token?: string; shown?: RenderedSummary } | undefined> {
  if (typeof argument !== 'object' || argument === null) {
    await panel.revealCreate();
    return undefined;
  }
  const given = Object.fromEntries(Object.entries(argument).filter(([name, value]) => name in CREATE_DEFAULTS && typeof value === typeof CREATE_DEFAULTS[name as keyof CreateFields]));
  return panel.create({ ...CREATE_DEFAULTS, ...given });
}

async function forgetKeys(keys: { verifying: SavedKey; signing: SavedKey }, panel: JwtPanel): Promise<void> {
  await keys.verifying.forget();
  await keys.signing.forget();
  await panel.refreshSavedKey();
  void vscode.window.showInformationMessage(l10n.t('Saved JWT keys were forgotten.'));
}
