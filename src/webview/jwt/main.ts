// The JWT panel's page. Everything it shows is built with DOM nodes and textContent, never HTML
// strings, so a claim such as `<img src=x onerror=…>` appears as the text it is.
import './style.css';
import type { ExplainedClaim } from '../../core/jwt/claims';
import { describeKeyKind, detectKeyKind } from '../../core/jwt/keyKind';
import type { TokenReport } from '../../core/jwt/report';
import type { VerificationResult } from '../../core/jwt/verify';
import type { TokenWarning } from '../../core/jwt/warnings';
import { type HostMessage, type KeyTypeSelection, parseHostMessage, type WebviewMessage } from './protocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: PanelState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** Only the token survives a reload; keys are never put in webview state. */
interface PanelState {
  readonly token: string;
}

const vscode = acquireVsCodeApi();

type Child = Node | string;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<Record<string, string>> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) if (value !== undefined) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

const ui = {
  token: el('textarea', { id: 'token', rows: '4', spellcheck: 'false', placeholder: 'Paste a JWT here ("Bearer " is fine)', 'aria-label': 'Token' }),
  decoded: el('section', { id: 'decoded', hidden: '' }),
  details: el('section', { id: 'details', hidden: '' }),
  parts: el('div', { id: 'parts', class: 'parts', 'aria-label': 'Token parts' }),
  errors: el('ul', { id: 'errors', class: 'problems' }),
  warnings: el('ul', { id: 'warnings', class: 'warnings' }),
  status: el('div', { id: 'status', class: 'badges' }),
  claims: el('table', { id: 'claims' }),
  headerJson: el('pre', { id: 'header-json', class: 'json' }),
  payloadJson: el('pre', { id: 'payload-json', class: 'json' }),
  key: el('textarea', { id: 'key', rows: '3', spellcheck: 'false', placeholder: 'Secret, PEM public key or certificate, JWK, JWKS, or JWKS URL', 'aria-label': 'Key' }),
  keyKind: el('span', { id: 'key-kind' }),
  keyType: el(
    'select',
    { id: 'key-type', 'aria-label': 'Key type' },
    ...(['auto', 'secret', 'pem', 'jwk', 'jwks'] as const).map((value) => el('option', { value }, value === 'auto' ? 'Detect' : value)),
  ),
  base64: el('input', { id: 'base64-secret', type: 'checkbox' }),
  remember: el('input', { id: 'remember', type: 'checkbox' }),
  verify: el('button', { id: 'verify-button' }, 'Verify'),
  useSaved: el('button', { id: 'use-saved', class: 'secondary', hidden: '' }, 'Verify with Saved Key'),
  fetchJwks: el('button', { id: 'fetch-jwks', hidden: '' }, 'Fetch Key Set and Verify'),
  verdict: el('div', { id: 'verdict', 'aria-live': 'polite' }),
};

function layout(): void {
  ui.decoded.append(ui.parts, ui.errors, ui.warnings, ui.status);
  ui.details.append(
    el('h3', {}, 'Claims'),
    ui.claims,
    el('details', { open: '' }, el('summary', {}, 'Header'), ui.headerJson),
    el('details', { open: '' }, el('summary', {}, 'Payload'), ui.payloadJson),
  );
  const verifyArea = el(
    'section',
    { id: 'verify' },
    el('h3', {}, 'Verify'),
    ui.key,
    el('div', { class: 'row' }, el('span', {}, 'Detected: '), ui.keyKind, el('label', {}, 'Type ', ui.keyType)),
    el('div', { class: 'row' }, el('label', {}, ui.base64, ' Secret is base64url'), el('label', {}, ui.remember, ' Remember this key (VS Code secret storage)')),
    el('div', { class: 'row' }, ui.verify, ui.fetchJwks, ui.useSaved),
    ui.verdict,
  );
  // Verification sits above the long claims table so that its result is visible without scrolling.
  document.getElementById('app')?.append(el('section', { id: 'input' }, ui.token), ui.decoded, verifyArea, ui.details);
}

let currentToken = '';
let decodeTimer: ReturnType<typeof setTimeout> | undefined;

function requestDecode(token: string): void {
  currentToken = token;
  vscode.setState({ token });
  vscode.postMessage({ type: 'decode', token });
}

function onHostMessage(message: HostMessage): void {
  if (message.type === 'decoded') {
    // A late reply for text the user has since changed would overwrite newer typing.
    if (!message.reveal && message.token !== currentToken) return;
    if (ui.token.value !== message.token) ui.token.value = message.token;
    currentToken = message.token;
    vscode.setState({ token: message.token });
    ui.useSaved.hidden = !message.savedKey;
    showDecoded(message.report, message.error);
    clear(ui.verdict);
    reportRendered();
  } else {
    if (message.token !== currentToken) return;
    showVerdict(message.result, message.error, message.keySource);
    reportRendered(ui.verdict.dataset.verdict);
  }
}

function showDecoded(report: TokenReport | undefined, error: string | undefined): void {
  ui.decoded.hidden = false;
  ui.details.hidden = false;
  for (const node of [ui.parts, ui.errors, ui.warnings, ui.status, ui.claims, ui.headerJson, ui.payloadJson]) clear(node);
  if (!report) {
    ui.errors.append(el('li', {}, error ?? 'Nothing to show.'));
    return;
  }
  showParts(report);
  ui.errors.append(...report.errors.map((problem) => el('li', {}, problem)));
  ui.warnings.append(...report.warnings.map(warningItem));
  ui.status.append(...statusBadges(report));
  showClaims(report.claims);
  ui.headerJson.textContent = report.header ? JSON.stringify(report.header, null, 2) : '(unreadable)';
  ui.payloadJson.textContent = typeof report.payload === 'string' ? report.payload : report.payload ? JSON.stringify(report.payload, null, 2) : '(unreadable)';
}

function showParts(report: TokenReport): void {
  const segments = report.format === 'jwe' ? [report.segments.header, '…', report.segments.payload, report.segments.signature] : [report.segments.header, report.segments.payload, report.segments.signature];
  const names = report.format === 'jwe' ? ['header', 'encrypted', 'payload', 'signature'] : ['header', 'payload', 'signature'];
  segments.forEach((segment, index) => {
    if (index > 0) ui.parts.append(el('span', { class: 'dot' }, '.'));
    ui.parts.append(el('span', { class: `part part-${names[index]}`, title: names[index] }, segment));
  });
}

function statusBadges(report: TokenReport): HTMLElement[] {
  const badges: HTMLElement[] = [el('span', { class: 'badge' }, report.format === 'jwe' ? 'Encrypted (JWE)' : `alg ${String(report.header?.alg ?? '?')}`)];
  if (report.status.expired) badges.push(el('span', { class: 'badge bad' }, 'Expired'));
  if (report.status.notYetValid) badges.push(el('span', { class: 'badge warn' }, 'Not yet valid'));
  if (report.status.issuedInFuture) badges.push(el('span', { class: 'badge warn' }, 'Issued in the future'));
  return badges;
}

function showClaims(claims: readonly ExplainedClaim[]): void {
  if (claims.length === 0) return;
  // Two columns fit a narrow side bar; the times and the meaning go under the value.
  ui.claims.append(el('thead', {}, el('tr', {}, el('th', {}, 'Claim'), el('th', {}, 'Value and meaning'))));
  const body = el('tbody');
  for (const claim of claims) {
    const cell = el('td', {}, el('div', { class: 'value' }, typeof claim.value === 'string' ? claim.value : JSON.stringify(claim.value)));
    if (claim.time) cell.append(el('div', { class: 'time' }, claim.time.relative), el('div', { class: 'time' }, `${claim.time.iso} · ${claim.time.local}`));
    if (claim.problem) cell.append(el('div', { class: 'problem' }, claim.problem));
    cell.append(el('div', { class: 'meaning' }, claim.explanation ?? 'Custom claim, specific to this application.'));
    body.append(el('tr', { 'data-claim': claim.name }, el('td', { class: 'name' }, claim.name), cell));
  }
  ui.claims.append(body);
}

function showVerdict(result: VerificationResult | undefined, error: string | undefined, keySource: string | undefined): void {
  clear(ui.verdict);
  if (!result) {
    ui.verdict.dataset.verdict = 'error';
    ui.verdict.append(el('div', { class: 'badges' }, el('span', { class: 'badge bad' }, 'Cannot verify')), el('p', {}, error ?? ''));
    return;
  }
  ui.verdict.dataset.verdict = result.signature;
  const label = { valid: 'Signature valid', invalid: 'Signature invalid', unchecked: 'Signature not checked' }[result.signature];
  const tone = { valid: 'good', invalid: 'bad', unchecked: 'warn' }[result.signature];
  const badges = el('div', { class: 'badges' }, el('span', { class: `badge ${tone}`, id: 'signature-badge' }, label));
  if (result.expired) badges.append(el('span', { class: 'badge bad' }, 'Expired'));
  if (result.notYetValid) badges.append(el('span', { class: 'badge warn' }, 'Not yet valid'));
  if (!result.expired && !result.notYetValid && result.signature === 'valid') badges.append(el('span', { class: 'badge good' }, 'Within its validity period'));
  ui.verdict.append(badges, el('p', { id: 'verdict-reason' }, result.reason));
  if (keySource) ui.verdict.append(el('p', { class: 'source' }, `Key: ${keySource}`));
  if (result.warnings.length > 0) ui.verdict.append(el('ul', { class: 'warnings' }, ...result.warnings.map(warningItem)));
}

function warningItem(warning: TokenWarning): HTMLElement {
  return el('li', { class: `severity-${warning.severity}` }, warning.message);
}

function clear(node: HTMLElement): void {
  node.replaceChildren();
}

function reportRendered(verdict?: string): void {
  const parts = Array.from(ui.parts.querySelectorAll('.part'), (part) => part.textContent ?? '');
  const claimNames = Array.from(ui.claims.querySelectorAll('tr[data-claim]'), (row) => row.getAttribute('data-claim') ?? '');
  vscode.postMessage({ type: 'rendered', summary: { token: currentToken, parts, claimNames, ...(verdict ? { verdict } : {}) } });
}

function updateKeyKind(): void {
  const kind = detectKeyKind(ui.key.value);
  ui.keyKind.textContent = ui.key.value.trim() === '' ? '—' : describeKeyKind(kind);
  const isUrl = kind === 'jwks-url' && ui.keyType.value === 'auto';
  ui.fetchJwks.hidden = !isUrl;
  ui.verify.hidden = isUrl;
  // A secret is masked like a password; public keys are not secret and stay readable.
  ui.key.classList.toggle('masked', kind === 'secret' && ui.key.value !== '');
}

function verify(useSaved: boolean): void {
  vscode.postMessage({
    type: 'verify',
    token: currentToken,
    key: useSaved ? '' : ui.key.value,
    keyType: ui.keyType.value as KeyTypeSelection,
    secretEncoding: ui.base64.checked ? 'base64url' : 'utf8',
    remember: ui.remember.checked,
    useSaved,
  });
}

function wire(): void {
  ui.token.addEventListener('input', () => {
    clearTimeout(decodeTimer);
    decodeTimer = setTimeout(() => requestDecode(ui.token.value), 200);
  });
  ui.key.addEventListener('input', updateKeyKind);
  ui.keyType.addEventListener('change', updateKeyKind);
  ui.verify.addEventListener('click', () => verify(false));
  ui.useSaved.addEventListener('click', () => verify(true));
  ui.fetchJwks.addEventListener('click', () => vscode.postMessage({ type: 'fetchJwks', token: currentToken, url: ui.key.value.trim() }));
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = parseHostMessage(event.data);
    if (message) onHostMessage(message);
  });
}

function restore(): void {
  const state = vscode.getState() as Partial<PanelState> | undefined;
  if (typeof state?.token === 'string' && state.token !== '') {
    ui.token.value = state.token;
    requestDecode(state.token);
  }
}

layout();
wire();
updateKeyKind();
restore();
vscode.postMessage({ type: 'ready' });
