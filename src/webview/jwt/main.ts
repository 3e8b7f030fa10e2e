// The JWT panel's page: the token, its decoding, verification and the claims. Everything shown is
// built with DOM nodes and textContent (see dom.ts).
import './style.css';
import * as l10n from '@vscode/l10n';
import type { ExplainedClaim } from '../../core/jwt/claims';
import type { DecryptedToken } from '../../core/jwt/decrypt';
import { describeKeyKind, detectKeyKind } from '../../core/jwt/keyKind';
import type { TokenReport } from '../../core/jwt/report';
import type { VerificationResult } from '../../core/jwt/verify';
import type { TokenWarning } from '../../core/jwt/warnings';
import { CreateSection } from './createSection';
import { clear, el, textInput } from './dom';
import { loadTranslations } from './l10n';
import { type ClaimCheckFields, type HostMessage, type KeyTypeSelection, parseHostMessage, type WebviewMessage } from './protocol';

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
loadTranslations();

const ui = {
  token: el('textarea', { id: 'token', rows: '4', spellcheck: 'false', placeholder: l10n.t('Paste a JWT here ("Bearer " is fine)'), 'aria-label': l10n.t('Token') }),
  decoded: el('section', { id: 'decoded', hidden: '' }),
  details: el('section', { id: 'details', hidden: '' }),
  parts: el('div', { id: 'parts', class: 'parts', 'aria-label': l10n.t('Token parts') }),
  errors: el('ul', { id: 'errors', class: 'problems' }),
  warnings: el('ul', { id: 'warnings', class: 'warnings' }),
  status: el('div', { id: 'status', class: 'badges' }),
  claims: el('table', { id: 'claims' }),
  headerJson: el('pre', { id: 'header-json', class: 'json' }),
  payloadJson: el('pre', { id: 'payload-json', class: 'json' }),
  key: el('textarea', { id: 'key', rows: '3', spellcheck: 'false', placeholder: l10n.t('Secret, PEM public key or certificate, JWK, JWKS, or JWKS URL'), 'aria-label': l10n.t('Key') }),
  keyKind: el('span', { id: 'key-kind' }),
  keyType: el(
    'select',
    { id: 'key-type', 'aria-label': l10n.t('Key type') },
    ...(['auto', 'secret', 'pem', 'jwk', 'jwks'] as const).map((value) => el('option', { value }, value === 'auto' ? l10n.t('Detect') : value)),
  ),
  base64: el('input', { id: 'base64-secret', type: 'checkbox' }),
  remember: el('input', { id: 'remember', type: 'checkbox' }),
  verify: el('button', { id: 'verify-button' }, l10n.t('Verify')),
  useSaved: el('button', { id: 'use-saved', class: 'secondary', hidden: '' }, l10n.t('Verify with Saved Key')),
  useProject: el('button', { id: 'use-project-key', class: 'secondary', hidden: '' }, l10n.t('Use Project Key')),
  fetchJwks: el('button', { id: 'fetch-jwks', hidden: '' }, l10n.t('Fetch Key Set and Verify')),
  oidc: el('input', { id: 'oidc', type: 'checkbox' }),
  oidcLabel: el('label', { id: 'oidc-label', hidden: '' }),
  checks: {
    issuer: textInput('check-iss', l10n.t('Issuer (iss)')),
    audiences: textInput('check-aud', l10n.t('Audience (aud), one of, comma-separated')),
    subject: textInput('check-sub', l10n.t('Subject (sub)')),
    leeway: textInput('check-leeway', l10n.t('Leeway, e.g. 30s')),
    maxAge: textInput('check-max-age', l10n.t('Max age, e.g. 1h')),
    algorithms: textInput('check-alg', l10n.t('Accepted algorithms, e.g. HS256, RS256')),
  },
  verdict: el('div', { id: 'verdict', 'aria-live': 'polite' }),
  create: new CreateSection(
    (message) => vscode.postMessage(message),
    (token) => {
      ui.token.value = token;
      requestDecode(token);
    },
  ),
};

function layout(): void {
  ui.oidcLabel.append(ui.oidc, ' ', l10n.t('URL is an OpenID Connect issuer'));
  ui.decoded.append(ui.parts, ui.errors, ui.warnings, ui.status);
  ui.details.append(
    el('h3', {}, l10n.t('Claims')),
    ui.claims,
    el('details', { open: '' }, el('summary', {}, l10n.t('Header')), ui.headerJson),
    el('details', { open: '' }, el('summary', {}, l10n.t('Payload')), ui.payloadJson),
  );
  const verifyArea = el(
    'section',
    { id: 'verify' },
    el('h3', {}, l10n.t('Verify')),
    ui.key,
    el('div', { class: 'row' }, el('span', {}, l10n.t('Detected:'), ' '), ui.keyKind, el('label', {}, l10n.t('Type'), ' ', ui.keyType)),
    el('div', { class: 'row' }, el('label', {}, ui.base64, ' ', l10n.t('Secret is base64url')), el('label', {}, ui.remember, ' ', l10n.t('Remember this key (VS Code secret storage)'))),
    el('details', { class: 'checks' }, el('summary', {}, l10n.t('Claim checks')), ...Object.values(ui.checks)),
    el('div', { class: 'row' }, ui.verify, ui.fetchJwks, ui.oidcLabel, ui.useProject, ui.useSaved),
    ui.verdict,
  );
  // Verification sits above the long claims table so that its result is visible without scrolling.
  document.getElementById('app')?.append(el('section', { id: 'input' }, ui.token), ui.decoded, verifyArea, ui.create.element, ui.details);
}

let currentToken = '';
let currentParts: readonly string[] = [];
let currentFormat: 'jws' | 'jwe' = 'jws';
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
    ui.useProject.hidden = message.projectKey === undefined;
    ui.useProject.title = message.projectKey ? l10n.t('Verify with the key SimpleJWT uses, read from {0}', message.projectKey) : '';
    currentParts = message.parts ?? [];
    currentFormat = message.report?.format ?? 'jws';
    ui.verify.textContent = currentFormat === 'jwe' ? l10n.t('Decrypt') : l10n.t('Verify');
    showDecoded(message.report, message.error);
    clear(ui.verdict);
    reportRendered({ projectKeyButton: !ui.useProject.hidden });
  } else if (message.type === 'decrypted') {
    if (message.token !== currentToken) return;
    showDecrypted(message.decrypted, message.error);
    reportRendered({ verdict: ui.verdict.dataset.verdict });
  } else if (message.type === 'verified') {
    if (message.token !== currentToken) return;
    showVerdict(message.result, message.error, message.keySource);
    reportRendered({ verdict: ui.verdict.dataset.verdict, claimProblems: message.result?.claims.problems.map((problem) => problem.claim) });
  } else {
    ui.create.show(message);
    reportRendered({ created: message.token ?? '' });
  }
}

function showDecrypted(decrypted: DecryptedToken | undefined, error: string | undefined): void {
  clear(ui.verdict);
  ui.verdict.dataset.verdict = decrypted ? 'decrypted' : 'error';
  if (!decrypted) {
    ui.verdict.append(el('div', { class: 'badges' }, el('span', { class: 'badge bad' }, l10n.t('Cannot decrypt'))), el('p', {}, error ?? ''));
    return;
  }
  const payload = typeof decrypted.payload === 'string' ? decrypted.payload : JSON.stringify(decrypted.payload, null, 2);
  ui.verdict.append(el('div', { class: 'badges' }, el('span', { class: 'badge good' }, l10n.t('Decrypted'))), el('pre', { class: 'json', id: 'decrypted-payload' }, payload));
  if (decrypted.nested) ui.verdict.append(el('p', { class: 'source' }, l10n.t('The plaintext is a signed token (cty JWT): paste it above to verify its signature.')));
}

function showDecoded(report: TokenReport | undefined, error: string | undefined): void {
  ui.decoded.hidden = false;
  ui.details.hidden = false;
  for (const node of [ui.parts, ui.errors, ui.warnings, ui.status, ui.claims, ui.headerJson, ui.payloadJson]) clear(node);
  if (!report) {
    ui.errors.append(el('li', {}, error ?? l10n.t('Nothing to show.')));
    return;
  }
  showParts(report);
  ui.errors.append(...report.errors.map((problem) => el('li', {}, problem)));
  ui.warnings.append(...report.warnings.map(warningItem));
  ui.status.append(...statusBadges(report));
  showClaims(report.claims);
  ui.headerJson.textContent = report.header ? JSON.stringify(report.header, null, 2) : l10n.t('(unreadable)');
  ui.payloadJson.textContent = typeof report.payload === 'string' ? report.payload : report.payload ? JSON.stringify(report.payload, null, 2) : l10n.t('(unreadable)');
}

const JWS_PARTS = ['header', 'payload', 'signature'];
const JWE_PARTS = ['header', 'encrypted-key', 'iv', 'ciphertext', 'tag'];

/** The parts exactly as given: a two-part paste stays two parts, with no dot added. */
function showParts(report: TokenReport): void {
  const names = report.format === 'jwe' ? JWE_PARTS : JWS_PARTS;
  currentParts.forEach((segment, index) => {
    if (index > 0) ui.parts.append(el('span', { class: 'dot' }, '.'));
    const name = names[index] ?? 'extra';
    ui.parts.append(el('span', { class: `part part-${report.format === 'jwe' && index > 0 ? 'encrypted' : name}`, title: name }, segment));
  });
}

function statusBadges(report: TokenReport): HTMLElement[] {
  const badges: HTMLElement[] = [el('span', { class: 'badge' }, report.format === 'jwe' ? l10n.t('Encrypted (JWE)') : algorithmBadge(report.header?.alg))];
  if (report.format === 'jwe') {
    const enc = typeof report.header?.enc === 'string' ? report.header.enc : '?';
    badges.push(el('span', { class: 'badge', id: 'jwe-note' }, l10n.t('The payload is encrypted ({0}, {1}); only the header can be read without the key.', String(report.header?.alg ?? '?'), enc)));
  }
  if (report.status.expired) badges.push(el('span', { class: 'badge bad' }, l10n.t('Expired')));
  if (report.status.notYetValid) badges.push(el('span', { class: 'badge warn' }, l10n.t('Not yet valid')));
  if (report.status.issuedInFuture) badges.push(el('span', { class: 'badge warn' }, l10n.t('Issued in the future')));
  return badges;
}

function showClaims(claims: readonly ExplainedClaim[]): void {
  if (claims.length === 0) return;
  // Two columns fit a narrow side bar; the times and the meaning go under the value.
  ui.claims.append(el('thead', {}, el('tr', {}, el('th', {}, l10n.t('Claim')), el('th', {}, l10n.t('Value and meaning')))));
  const body = el('tbody');
  for (const claim of claims) {
    const cell = el('td', {}, el('div', { class: 'value' }, typeof claim.value === 'string' ? claim.value : JSON.stringify(claim.value)));
    if (claim.time) cell.append(el('div', { class: 'time' }, claim.time.relative), el('div', { class: 'time' }, `${claim.time.iso} · ${claim.time.local}`));
    if (claim.problem) cell.append(el('div', { class: 'problem' }, claim.problem));
    cell.append(el('div', { class: 'meaning' }, claim.explanation ?? l10n.t('Custom claim, specific to this application.')));
    body.append(el('tr', { 'data-claim': claim.name }, el('td', { class: 'name' }, claim.name), cell));
  }
  ui.claims.append(body);
}

function showVerdict(result: VerificationResult | undefined, error: string | undefined, keySource: string | undefined): void {
  clear(ui.verdict);
  if (!result) {
    ui.verdict.dataset.verdict = 'error';
    ui.verdict.append(el('div', { class: 'badges' }, el('span', { class: 'badge bad' }, l10n.t('Cannot verify'))), el('p', {}, error ?? ''));
    return;
  }
  ui.verdict.dataset.verdict = result.signature;
  const label = { valid: l10n.t('Signature valid'), invalid: l10n.t('Signature invalid'), unchecked: l10n.t('Signature not checked') }[result.signature];
  const tone = { valid: 'good', invalid: 'bad', unchecked: 'warn' }[result.signature];
  const badges = el('div', { class: 'badges' }, el('span', { class: `badge ${tone}`, id: 'signature-badge' }, label));
  badges.append(el('span', { class: `badge ${result.claims.ok ? 'good' : 'bad'}`, id: 'claims-badge' }, result.claims.ok ? l10n.t('Claims pass') : l10n.t('Claims fail')));
  if (result.expired) badges.append(el('span', { class: 'badge bad' }, l10n.t('Expired')));
  if (result.notYetValid) badges.append(el('span', { class: 'badge warn' }, l10n.t('Not yet valid')));
  ui.verdict.append(badges, el('p', { id: 'verdict-reason' }, result.reason));
  if (result.claims.problems.length > 0) {
    ui.verdict.append(el('ul', { class: 'problems', id: 'claim-problems' }, ...result.claims.problems.map((problem) => el('li', { 'data-claim': problem.claim }, `${problem.claim}: ${problem.message}`))));
  }
  if (keySource) ui.verdict.append(el('p', { class: 'source' }, l10n.t('Key: {0}', keySource)));
  if (result.warnings.length > 0) ui.verdict.append(el('ul', { class: 'warnings' }, ...result.warnings.map(warningItem)));
}

function warningItem(warning: TokenWarning): HTMLElement {
  return el('li', { class: `severity-${warning.severity}` }, warning.message);
}

function reportRendered(extra: { verdict?: string; claimProblems?: string[]; created?: string; projectKeyButton?: boolean } = {}): void {
  const parts = Array.from(ui.parts.querySelectorAll('.part'), (part) => part.textContent ?? '');
  const claimNames = Array.from(ui.claims.querySelectorAll('tr[data-claim]'), (row) => row.getAttribute('data-claim') ?? '');
  const defined = Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined));
  vscode.postMessage({ type: 'rendered', summary: { token: currentToken, parts, claimNames, ...defined } });
}

function updateKeyKind(): void {
  const kind = detectKeyKind(ui.key.value);
  ui.keyKind.textContent = ui.key.value.trim() === '' ? '—' : describeKeyKind(kind);
  const isUrl = kind === 'jwks-url' && ui.keyType.value === 'auto';
  ui.fetchJwks.hidden = !isUrl;
  ui.oidcLabel.hidden = !isUrl;
  ui.verify.hidden = isUrl;
  // A secret is masked like a password; public keys are not secret and stay readable.
  ui.key.classList.toggle('masked', kind === 'secret' && ui.key.value !== '');
}

function verify(useSaved: boolean): void {
  if (currentFormat === 'jwe') {
    vscode.postMessage({ type: 'decrypt', token: currentToken, key: ui.key.value, secretEncoding: ui.base64.checked ? 'base64url' : 'utf8' });
    return;
  }
  vscode.postMessage({
    type: 'verify',
    token: currentToken,
    key: useSaved ? '' : ui.key.value,
    keyType: ui.keyType.value as KeyTypeSelection,
    secretEncoding: ui.base64.checked ? 'base64url' : 'utf8',
    remember: ui.remember.checked,
    useSaved,
    checks: checkFields(),
  });
}

function checkFields(): ClaimCheckFields {
  const c = ui.checks;
  return { issuer: c.issuer.value, audiences: c.audiences.value, subject: c.subject.value, leeway: c.leeway.value, maxAge: c.maxAge.value, algorithms: c.algorithms.value };
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
  ui.useProject.addEventListener('click', () => vscode.postMessage({ type: 'verifyWithProjectKey', token: currentToken, checks: checkFields() }));
  ui.fetchJwks.addEventListener('click', () =>
    vscode.postMessage({ type: 'fetchJwks', token: currentToken, url: ui.key.value.trim(), source: ui.oidc.checked ? 'oidc' : 'jwks', checks: checkFields() }),
  );
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

function algorithmBadge(alg: unknown): string {
  return l10n.t({ message: 'alg {0}', args: [String(alg ?? '?')], comment: ['A badge; alg is the JWT header parameter and {0} its value (HS256…).'] });
}
