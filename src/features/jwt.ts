import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { decodePythonSource } from '../core/syntax/pythonFile';
import {
  describeKeyKind,
  detectKeyKind,
  fetchJwks,
  findTokenAt,
  hoverMarkdown,
  type KeyInput,
  KeyError,
  looksLikeToken,
  normaliseToken,
  projectKey,
  readJwtSettings,
  reportToken,
  settingsFileCandidates,
  TokenError,
  type TokenReport,
  type VerificationResult,
  verifyToken,
} from '../core/jwt';
import { JwksFetchError } from '../core/jwt/jwks';
import { declaredSettingsModule } from '../core/settings/detect';
import { panelPage } from '../webview/jwt/page';
import { type HostMessage, parseWebviewMessage, type RenderedSummary, type WebviewMessage } from '../webview/jwt/protocol';
import { type Log, reportError } from './log';

const VIEW_ID = 'djangoKit.jwt';
const DECODE_COMMAND = 'djangoKit.jwt.decode';
const SAVED_KEY = 'djangoKit.jwt.savedKey';
/** How long a command waits for the panel to confirm it has drawn a token before giving up. */
const RENDER_TIMEOUT_MS = 15_000;
const SKIPPED_FOLDERS = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__}/**';

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
    vscode.languages.registerHoverProvider('*', { provideHover: (document, position) => tokenHover(document, position) }),
  );
}

/** Like `guarded`, but hands the handler's result back to the caller (tests and other commands use it). */
function reported<A extends unknown[], R>(log: Log, what: string, handler: (...args: A) => Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (error) {
      reportError(log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
      return undefined;
    }
  };
}

/** The one key a user chose to keep; it lives in SecretStorage and nowhere else. */
class SavedKey {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async load(): Promise<KeyInput | undefined> {
    const stored = await this.secrets.get(SAVED_KEY);
    if (stored === undefined) return undefined;
    try {
      const key = JSON.parse(stored) as Partial<KeyInput>;
      return typeof key.text === 'string' ? { text: key.text, type: key.type, secretEncoding: key.secretEncoding } : undefined;
    } catch {
      return undefined;
    }
  }

  async exists(): Promise<boolean> {
    return (await this.secrets.get(SAVED_KEY)) !== undefined;
  }

  store(key: KeyInput): Thenable<void> {
    return this.secrets.store(SAVED_KEY, JSON.stringify(key));
  }

  forget(): Thenable<void> {
    return this.secrets.delete(SAVED_KEY);
  }
}

interface RenderWaiter {
  readonly accepts: (summary: RenderedSummary) => boolean;
  readonly resolve: (summary: RenderedSummary | undefined) => void;
}

/** The "JWT" webview view: decoding and verification run here, the page only draws results. */
class JwtPanel implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pending: HostMessage[] = [];
  private waiters: RenderWaiter[] = [];
  /** The token on display, so "Verify with Project Key" can work on it. */
  currentToken = '';

  constructor(
    private readonly assets: vscode.Uri,
    private readonly savedKey: SavedKey,
    private readonly log: Log,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    this.ready = false;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.assets] };
    view.webview.html = this.html(view.webview);
    view.webview.onDidReceiveMessage((data: unknown) => this.receive(data));
    // A hidden view loses its page; it says "ready" again when it is shown and reloaded.
    view.onDidChangeVisibility(() => {
      if (!view.visible) this.ready = false;
    });
    view.onDidDispose(() => {
      this.view = undefined;
      this.ready = false;
    });
  }

  /** Shows a token in the panel, opening it if needed; resolves with what the page drew. */
  async showToken(token: string): Promise<RenderedSummary | undefined> {
    this.currentToken = token;
    const drawn = this.waitForRender((summary) => summary.token === token && summary.verdict === undefined);
    await this.send(await this.decodedMessage(token, true));
    return drawn;
  }

  async showVerdict(token: string, result: VerificationResult | undefined, error: string | undefined, keySource?: string): Promise<RenderedSummary | undefined> {
    const drawn = this.waitForRender((summary) => summary.token === token && summary.verdict !== undefined);
    await this.send({ type: 'verified', token, result, error, keySource });
    return drawn;
  }

  /** Updates the "saved key" button of a panel on screen; a hidden panel catches up when next shown. */
  async refreshSavedKey(): Promise<void> {
    if (this.view?.visible && this.ready && this.currentToken !== '') {
      await this.view.webview.postMessage(await this.decodedMessage(this.currentToken, true));
    }
  }

  private async send(message: HostMessage): Promise<void> {
    if (this.view?.visible && this.ready) {
      await this.view.webview.postMessage(message);
      return;
    }
    this.pending.push(message);
    // Showing the view makes VS Code load its page; the queue is flushed when the page says ready.
    if (this.view) this.view.show(true);
    else await vscode.commands.executeCommand(`${VIEW_ID}.focus`);
  }

  private waitForRender(accepts: RenderWaiter['accepts']): Promise<RenderedSummary | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, RENDER_TIMEOUT_MS);
      const waiter: RenderWaiter = {
        accepts,
        resolve: (summary) => {
          clearTimeout(timer);
          resolve(summary);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private receive(data: unknown): void {
    const message = parseWebviewMessage(data);
    if (!message) {
      this.log.warn('JWT panel: ignored a message of unexpected shape');
      return;
    }
    void this.handle(message).catch((error: unknown) => reportError(this.log, 'The JWT panel failed', error));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return this.flush();
      case 'decode':
        this.currentToken = message.token;
        await this.view?.webview.postMessage(await this.decodedMessage(message.token, false));
        return;
      case 'verify':
        return this.verify(message);
      case 'fetchJwks':
        return this.verifyWithFetchedJwks(message.token, message.url);
      case 'rendered':
        return this.rendered(message.summary);
    }
  }

  private async flush(): Promise<void> {
    this.ready = true;
    const queued = this.pending;
    this.pending = [];
    for (const message of queued) await this.view?.webview.postMessage(message);
  }

  private rendered(summary: RenderedSummary): void {
    const matching = this.waiters.filter((waiter) => waiter.accepts(summary));
    this.waiters = this.waiters.filter((waiter) => !matching.includes(waiter));
    for (const waiter of matching) waiter.resolve(summary);
  }

  private async decodedMessage(token: string, reveal: boolean): Promise<HostMessage> {
    const savedKey = await this.savedKey.exists();
    try {
      return { type: 'decoded', token, report: reportToken(token, new Date()), savedKey, reveal };
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return { type: 'decoded', token, error: error.message, savedKey, reveal };
    }
  }

  private async verify(message: Extract<WebviewMessage, { type: 'verify' }>): Promise<void> {
    const key = message.useSaved ? await this.savedKey.load() : typedKey(message);
    if (!key) {
      await this.showVerdict(message.token, undefined, 'No key is saved; paste one and tick "Remember this key".');
      return;
    }
    const source = message.useSaved ? 'saved key' : describeKeyKind(detectKeyKind(key.text));
    const outcome = await verifyOrExplain(message.token, key, this.log);
    if (outcome.result && message.remember && !message.useSaved) {
      await this.savedKey.store(key);
      this.log.info('JWT: key saved in secret storage at the user\'s request');
    }
    await this.showVerdict(message.token, outcome.result, outcome.error, source);
  }

  private async verifyWithFetchedJwks(token: string, url: string): Promise<void> {
    let jwks: string;
    try {
      jwks = await fetchJwks(url);
    } catch (error) {
      if (!(error instanceof JwksFetchError)) throw error;
      await this.showVerdict(token, undefined, error.message);
      return;
    }
    const outcome = await verifyOrExplain(token, { text: jwks, type: 'jwks' }, this.log);
    await this.showVerdict(token, outcome.result, outcome.error, `key set from ${url}`);
  }

  private html(webview: vscode.Webview): string {
    return panelPage({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.assets, 'jwt.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.assets, 'jwt.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
    });
  }
}

function typedKey(message: Extract<WebviewMessage, { type: 'verify' }>): KeyInput {
  return { text: message.key, type: message.keyType === 'auto' ? undefined : message.keyType, secretEncoding: message.secretEncoding };
}

/** Bad tokens and keys are the user's input: they become a message on the panel, not an error dialog. */
async function verifyOrExplain(token: string, key: KeyInput, log: Log): Promise<{ result?: VerificationResult; error?: string }> {
  try {
    const result = await verifyToken(token, key);
    log.debug(`JWT: signature ${result.signature} (${result.alg ?? 'no alg'})`);
    return { result };
  } catch (error) {
    if (error instanceof TokenError || error instanceof KeyError) return { error: error.message };
    throw error;
  }
}

async function decodeCommand(panel: JwtPanel, argument: unknown): Promise<RenderedSummary | undefined> {
  const token = typeof argument === 'string' ? argument : await pickToken();
  if (token === undefined) return undefined;
  return panel.showToken(token);
}

/** The selection, else a token on the clipboard, else whatever the user types. */
async function pickToken(): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
  if (selected !== '') return selected;
  const clipboard = await vscode.env.clipboard.readText();
  if (looksLikeToken(clipboard)) return clipboard.trim();
  return vscode.window.showInputBox({ title: 'Decode JWT', prompt: 'Paste a JWT (a "Bearer " prefix is fine)', ignoreFocusOut: true });
}

/** What "Verify with Project Key" found, and what the panel then showed. */
interface ProjectVerification {
  readonly result?: VerificationResult;
  readonly error?: string;
  readonly shown?: RenderedSummary;
}

async function verifyWithProjectKey(panel: JwtPanel, log: Log, argument: unknown): Promise<ProjectVerification | undefined> {
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

/** The module manage.py names, else the only (or the chosen) settings.py in the workspace. */
async function findSettingsModule(): Promise<vscode.Uri | undefined> {
  const found = new Map<string, vscode.Uri>();
  for (const managePy of await vscode.workspace.findFiles('**/manage.py', SKIPPED_FOLDERS, 20)) {
    const module = declaredSettingsModule(decodePythonSource(await vscode.workspace.fs.readFile(managePy)));
    const settings = module ? await firstExisting(vscode.Uri.joinPath(managePy, '..'), settingsFileCandidates(module)) : undefined;
    if (settings) found.set(settings.toString(), settings);
  }
  if (found.size === 0) {
    for (const file of await vscode.workspace.findFiles('**/settings.py', SKIPPED_FOLDERS, 20)) found.set(file.toString(), file);
  }
  const files = [...found.values()];
  if (files.length <= 1) return files[0];
  const choice = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: vscode.workspace.asRelativePath(uri), uri })),
    { title: 'Which settings module holds the JWT key?' },
  );
  return choice?.uri;
}

async function firstExisting(folder: vscode.Uri, candidates: string[][]): Promise<vscode.Uri | undefined> {
  for (const parts of candidates) {
    const uri = vscode.Uri.joinPath(folder, ...parts);
    try {
      await vscode.workspace.fs.stat(uri);
      return uri;
    } catch {
      // Not this layout; try the next.
    }
  }
  return undefined;
}

async function forgetKeys(savedKey: SavedKey, panel: JwtPanel): Promise<void> {
  await savedKey.forget();
  await panel.refreshSavedKey();
  void vscode.window.showInformationMessage('Saved JWT keys were forgotten.');
}

function tokenHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
  if (!vscode.workspace.getConfiguration('djangoKit.jwt', document).get<boolean>('hover', true)) return undefined;
  const line = document.lineAt(position.line).text;
  const found = findTokenAt(line, position.character);
  if (!found) return undefined;
  const report = reportIfToken(found.token);
  // Something that merely looks like a token but has no readable header is not worth a hover.
  if (!report?.header) return undefined;
  const markdown = new vscode.MarkdownString(hoverMarkdown(report, DECODE_COMMAND, normaliseToken(found.token)));
  markdown.isTrusted = { enabledCommands: [DECODE_COMMAND] };
  return new vscode.Hover(markdown, new vscode.Range(position.line, found.start, position.line, found.end));
}

function reportIfToken(text: string): TokenReport | undefined {
  try {
    return reportToken(text, new Date());
  } catch (error) {
    if (error instanceof TokenError) return undefined;
    throw error;
  }
}
