import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { describeKeyKind, detectKeyKind, type FetchedKeySet, fetchKeySet, JwksFetchError, type KeyInput, reportToken, TokenError, type VerificationResult } from '../../core/jwt';
import { panelPage } from '../../webview/jwt/page';
import { type HostMessage, parseWebviewMessage, type RenderedSummary, type WebviewMessage } from '../../webview/jwt/protocol';
import { type Log, reportError } from '../log';
import type { SavedKey } from './savedKey';
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
    let fetched: FetchedKeySet;
    try {
      fetched = await fetchKeySet(url, 'jwks');
    } catch (error) {
      if (!(error instanceof JwksFetchError)) throw error;
      await this.showVerdict(token, undefined, error.message);
      return;
    }
    const outcome = await verifyOrExplain(token, { text: fetched.jwks, type: 'jwks' }, this.log);
    await this.showVerdict(token, outcome.result, outcome.error, `key set from ${fetched.url}`);
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
