import { randomBytes } from 'node:crypto';
import vscode = require('vscode');
import { l10n } from 'vscode';
import {
  type ClaimExpectations,
  DecryptionError,
  decryptToken,
  describeKeyKind,
  detectKeyKind,
  type FetchedKeySet,
  fetchKeySet,
  JwksFetchError,
  type KeyInput,
  KeyError,
  normaliseToken,
  reportToken,
  TokenError,
  type VerificationResult,
} from '../../core/jwt';
import { panelPage } from '../../webview/jwt/page';
import { type ClaimCheckFields, type CreateFields, type HostMessage, parseWebviewMessage, type RenderedSummary, type WebviewMessage } from '../../webview/jwt/protocol';
import { showError } from '../../services/commands';
import type { Log } from '../../services/log';
import { ApprovedHosts } from './approvedHosts';
import { CheckFieldError, expectationsFrom, mergeExpectations } from './checks';
import { CreateFieldError, createToken } from './create';
import { type MintOutcome, mintForProject } from './mint';
import { projectKeyHint } from './project';
import { projectVerificationKey } from './projectKey';
import type { SavedKey } from './savedKey';
import type { SettingsModules } from './settingsModule';
import { verifyOrExplain } from './verification';

export const VIEW_ID = 'djangoKit.jwt';
/** How long a command waits for the panel to confirm it has drawn a token before giving up. */
const RENDER_TIMEOUT_MS = 15_000;

interface RenderWaiter {
  readonly accepts: (summary: RenderedSummary) => boolean;
  readonly resolve: (summary: RenderedSummary | undefined) => void;
}

/** The "JWT" webview view: decoding and verification run here, the page only draws results. */
export class JwtPanel implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  private ready = false;
  private pending: HostMessage[] = [];
  private waiters: RenderWaiter[] = [];
  /** The token on display, so "Verify with Project Key" can work on it. */
  currentToken = '';
  /** The settings file a project key would come from, when there is one; read again when projects change. */
  private projectKeyWhere: Promise<string | undefined> | undefined;
  private readonly hosts = new ApprovedHosts();

  constructor(
    private readonly assets: vscode.Uri,
    private readonly keys: { readonly verifying: SavedKey; readonly signing: SavedKey },
    private readonly modules: SettingsModules,
    private readonly log: Log,
  ) {
    modules.onDidChange(() => (this.projectKeyWhere = undefined));
  }

  private projectKeyHint(): Promise<string | undefined> {
    this.projectKeyWhere ??= projectKeyHint(this.modules).catch(() => undefined);
    return this.projectKeyWhere;
  }

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

  /** Brings the panel forward with its Create section open. */
  async revealCreate(): Promise<void> {
    await this.send({ type: 'created' });
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
    void this.handle(message).catch((error: unknown) => showError(this.log, l10n.t('The JWT panel failed'), error));
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
      case 'verifyWithProjectKey':
        return this.verifyWithProjectKey(message.token, message.checks);
      case 'fetchJwks':
        return this.verifyWithFetchedKeys(message);
      case 'create':
        await this.create(message.fields);
        return;
      case 'mint':
        await this.mint({ userId: message.userId, type: message.tokenType });
        return;
      case 'decrypt':
        return this.decrypt(message);
      case 'rendered':
        return this.rendered(message.summary);
    }
  }

  private async decrypt(message: Extract<WebviewMessage, { type: 'decrypt' }>): Promise<void> {
    try {
      const decrypted = await decryptToken(message.token, { text: message.key, secretEncoding: message.secretEncoding });
      await this.send({ type: 'decrypted', token: message.token, decrypted });
    } catch (error) {
      if (!(error instanceof DecryptionError || error instanceof KeyError || error instanceof TokenError)) throw error;
      await this.send({ type: 'decrypted', token: message.token, error: error.message });
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
    const savedKey = await this.keys.verifying.exists();
    const common = { type: 'decoded' as const, token, savedKey, reveal, projectKey: await this.projectKeyHint() };
    try {
      const report = reportToken(token, new Date());
      return { ...common, report, parts: normaliseToken(token).split('.') };
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      return { ...common, error: error.message };
    }
  }

  private async verify(message: Extract<WebviewMessage, { type: 'verify' }>): Promise<void> {
    const key = message.useSaved ? await this.keys.verifying.load() : typedKey(message);
    if (!key) {
      await this.showVerdict(message.token, undefined, l10n.t('No key is saved; paste one and tick "Remember this key".'));
      return;
    }
    if (key.text.trim() === '') {
      await this.showVerdict(message.token, undefined, await this.emptyKeyMessage());
      return;
    }
    const expect = this.expectations(message.token, message.checks);
    if (!expect) return;
    const source = message.useSaved ? l10n.t('saved key') : describeKeyKind(detectKeyKind(key.text));
    const outcome = await verifyOrExplain(message.token, key, this.log, expect);
    if (outcome.result && message.remember && !message.useSaved) {
      await this.keys.verifying.store(key);
      this.log.info("JWT: key saved in secret storage at the user's request");
    }
    await this.showVerdict(message.token, outcome.result, outcome.error, source);
  }

  private async emptyKeyMessage(): Promise<string> {
    const where = await this.projectKeyHint();
    return where
      ? l10n.t('No key was given. Paste one above, or press "Use Project Key" to verify with the key in {0}.', where)
      : l10n.t('No key was given. Paste an HMAC secret, a PEM public key or certificate, a JWK, a JWKS, or a JWKS URL above.');
  }

  /** The panel's claim checks, or undefined after showing why a field is wrong. */
  private expectations(token: string, fields: ClaimCheckFields): ClaimExpectations | undefined {
    try {
      return expectationsFrom(fields);
    } catch (error) {
      if (!(error instanceof CheckFieldError)) throw error;
      void this.showVerdict(token, undefined, error.message);
      return undefined;
    }
  }

  private async verifyWithProjectKey(token: string, fields: ClaimCheckFields): Promise<void> {
    const typed = this.expectations(token, fields);
    if (!typed) return;
    const key = await projectVerificationKey(this.modules);
    if (!key) return;
    const outcome = await verifyOrExplain(token, key.input, this.log, mergeExpectations(key.expect, typed));
    await this.showVerdict(token, outcome.result, outcome.error, key.source);
  }

  private async verifyWithFetchedKeys(message: Extract<WebviewMessage, { type: 'fetchJwks' }>): Promise<void> {
    const { token, url, source } = message;
    const expect = this.expectations(token, message.checks);
    if (!expect) return;
    let fetched: FetchedKeySet;
    try {
      if (!(await this.hosts.allows(url))) return;
      fetched = await fetchKeySet(url, source);
    } catch (error) {
      if (!(error instanceof JwksFetchError)) throw error;
      await this.showVerdict(token, undefined, error.message);
      return;
    }
    const outcome = await verifyOrExplain(token, { text: fetched.jwks, type: 'jwks' }, this.log, expect);
    await this.showVerdict(token, outcome.result, outcome.error, l10n.t('key set from {0}', fetched.url));
  }

  /** Signs what the Create section holds and shows the token there; resolves with what the page drew. */
  async create(fields: CreateFields): Promise<{ token?: string; shown?: RenderedSummary }> {
    const saved = fields.key.trim() === '' ? await this.keys.signing.load() : undefined;
    const withKey: CreateFields = saved ? { ...fields, key: saved.text, keyType: saved.type === 'jwks' ? 'auto' : (saved.type ?? 'auto') } : fields;
    let message: HostMessage;
    try {
      const signed = createToken(withKey);
      if (fields.remember && !saved) {
        await this.keys.signing.store({ text: fields.key, type: fields.keyType === 'auto' ? undefined : fields.keyType, secretEncoding: fields.secretEncoding });
        this.log.info("JWT: signing key saved in secret storage at the user's request");
      }
      message = { type: 'created', token: signed.token, publicKey: signed.publicKey, note: saved ? l10n.t('Signed with the saved signing key.') : undefined };
    } catch (error) {
      if (!(error instanceof CreateFieldError)) throw error;
      message = { type: 'created', error: error.message };
    }
    const token = message.token;
    const drawn = this.waitForRender((summary) => summary.created === (token ?? ''));
    await this.send(message);
    return { token, shown: await drawn };
  }

  /** Mints a SimpleJWT token for this project and opens it in the panel. */
  async mint(argument: unknown): Promise<(MintOutcome & { shown?: RenderedSummary }) | undefined> {
    const outcome = await mintForProject(this.modules, argument);
    if (!outcome) return undefined;
    if (!outcome.token) {
      const drawn = this.waitForRender((summary) => summary.created === '');
      await this.send({ type: 'created', error: outcome.error });
      return { ...outcome, shown: await drawn };
    }
    const { token, keySource, algorithm } = outcome.token;
    const note = l10n.t("Minted as the project's SimpleJWT would ({0}, key from {1}).", algorithm, keySource);
    const drawn = this.waitForRender((summary) => summary.created === token);
    await this.send({ type: 'created', token, note });
    await drawn;
    return { ...outcome, shown: await this.showToken(token) };
  }

  private html(webview: vscode.Webview): string {
    return panelPage({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.assets, 'jwt.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.assets, 'jwt.css')).toString(),
      nonce: randomBytes(16).toString('base64'),
      language: vscode.env.language,
      translations: vscode.l10n.bundle,
    });
  }
}

function typedKey(message: Extract<WebviewMessage, { type: 'verify' }>): KeyInput {
  return { text: message.key, type: message.keyType === 'auto' ? undefined : message.keyType, secretEncoding: message.secretEncoding };
}
