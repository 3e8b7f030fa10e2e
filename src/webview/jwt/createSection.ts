// The panel's "Create a token" section: the fields the extension signs, the Mint button, and the
// token (with the public key for whoever verifies) once made.
import * as l10n from '@vscode/l10n';
import { detectKeyKind } from '../../core/jwt/keyKind';
import type { PublicKeyExport } from '../../core/jwt/sign';
import { clear, el, textInput } from './dom';
import type { CreateFields, HostMessage, SigningKeySelection, WebviewMessage } from './protocol';

const ALGORITHMS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export class CreateSection {
  readonly element = el('details', { id: 'create' });
  private readonly alg = el('select', { id: 'create-alg', 'aria-label': l10n.t('Algorithm') }, ...ALGORITHMS.map((alg) => el('option', { value: alg }, alg)));
  private readonly key = el('textarea', {
    id: 'create-key',
    rows: '3',
    spellcheck: 'false',
    placeholder: l10n.t('HMAC secret, or private key as PEM (PKCS#8, PKCS#1, SEC1) or JWK; empty uses the saved signing key'),
    'aria-label': l10n.t('Signing key'),
  });
  private readonly keyType = el('select', { id: 'create-key-type', 'aria-label': l10n.t('Signing key type') }, ...(['auto', 'secret', 'pem', 'jwk'] as const).map((value) => el('option', { value }, value === 'auto' ? l10n.t('Detect') : value)));
  private readonly base64 = el('input', { id: 'create-base64', type: 'checkbox' });
  private readonly header = el('textarea', { id: 'create-header', rows: '2', spellcheck: 'false', placeholder: l10n.t('Extra header as JSON, e.g. {"kid": "key-1"}'), 'aria-label': l10n.t('Header JSON') });
  private readonly claims = el('textarea', { id: 'create-claims', rows: '4', spellcheck: 'false', placeholder: l10n.t('Claims as JSON, e.g. {"role": "admin"}'), 'aria-label': l10n.t('Claims JSON') });
  private readonly expiresIn = textInput('create-exp', l10n.t('Expires in, e.g. 15m'), '15m');
  private readonly notBefore = textInput('create-nbf', l10n.t('Not before, from now'));
  private readonly issuer = textInput('create-iss', 'iss');
  private readonly audience = textInput('create-aud', 'aud');
  private readonly subject = textInput('create-sub', 'sub');
  private readonly issuedAt = el('input', { id: 'create-iat', type: 'checkbox', checked: '' });
  private readonly jwtId = el('input', { id: 'create-jti', type: 'checkbox' });
  private readonly remember = el('input', { id: 'create-remember', type: 'checkbox' });
  private readonly create = el('button', { id: 'create-button' }, l10n.t('Create Token'));
  private readonly userId = textInput('mint-user', l10n.t('User id'), '1');
  private readonly tokenType = el('select', { id: 'mint-type', 'aria-label': l10n.t('Token type') }, el('option', { value: 'access' }, 'access'), el('option', { value: 'refresh' }, 'refresh'));
  private readonly mint = el('button', { id: 'mint-button', class: 'secondary' }, l10n.t('Mint SimpleJWT Token for This Project'));
  private readonly output = el('div', { id: 'created', 'aria-live': 'polite' });

  constructor(
    private readonly post: (message: WebviewMessage) => void,
    private readonly openInDecoder: (token: string) => void,
  ) {
    this.element.append(
      el('summary', {}, l10n.t('Create a token')),
      el('div', { class: 'row' }, el('label', {}, l10n.t('Algorithm'), ' ', this.alg), el('label', {}, l10n.t('Key type'), ' ', this.keyType), el('label', {}, this.base64, ' ', l10n.t('Secret is base64url'))),
      this.key,
      this.header,
      this.claims,
      el('div', { class: 'fields' }, this.expiresIn, this.notBefore, this.issuer, this.audience, this.subject),
      el(
        'div',
        { class: 'row' },
        el('label', {}, this.issuedAt, ' ', l10n.t('iat = now')),
        el('label', {}, this.jwtId, ' ', l10n.t('Random jti')),
        el('label', {}, this.remember, ' ', l10n.t('Remember the signing key (VS Code secret storage)')),
      ),
      el('div', { class: 'row' }, this.create),
      el('div', { class: 'row' }, this.userId, this.tokenType, this.mint),
      this.output,
    );
    this.create.addEventListener('click', () => this.post({ type: 'create', fields: this.fields() }));
    this.mint.addEventListener('click', () => this.post({ type: 'mint', userId: this.userId.value, tokenType: this.tokenType.value === 'refresh' ? 'refresh' : 'access' }));
    // A secret is masked like a password; private keys are too long to shoulder-surf and stay readable.
    this.key.addEventListener('input', () => this.key.classList.toggle('masked', detectKeyKind(this.key.value) === 'secret' && this.key.value !== ''));
  }

  /** Shows what the extension made (or why it could not), opening the section. */
  show(message: Extract<HostMessage, { type: 'created' }>): void {
    const { token, publicKey, note, error } = message;
    this.element.open = true;
    clear(this.output);
    if (error) this.output.append(el('p', { class: 'problem', id: 'create-error' }, error));
    if (token) this.showToken(token);
    if (note) this.output.append(el('p', { class: 'source' }, note));
    if (publicKey) this.showPublicKey(publicKey);
    this.element.scrollIntoView({ block: 'nearest' });
  }

  private showToken(token: string): void {
    const open = el('button', { class: 'secondary' }, l10n.t('Open in Decoder'));
    open.addEventListener('click', () => this.openInDecoder(token));
    this.output.append(el('h3', {}, l10n.t('Token')), el('pre', { class: 'json', id: 'created-token' }, token), el('div', { class: 'row' }, open));
  }

  private showPublicKey(publicKey: PublicKeyExport): void {
    this.output.append(
      el('h3', {}, l10n.t('Public key, for whoever verifies')),
      el('pre', { class: 'json', id: 'created-public-pem' }, publicKey.pem),
      el('pre', { class: 'json', id: 'created-public-jwk' }, JSON.stringify(publicKey.jwk, null, 2)),
    );
  }

  private fields(): CreateFields {
    return {
      alg: this.alg.value,
      key: this.key.value,
      keyType: this.keyType.value as SigningKeySelection,
      secretEncoding: this.base64.checked ? 'base64url' : 'utf8',
      header: this.header.value,
      claims: this.claims.value,
      expiresIn: this.expiresIn.value,
      notBefore: this.notBefore.value,
      issuedAt: this.issuedAt.checked,
      issuer: this.issuer.value,
      audience: this.audience.value,
      subject: this.subject.value,
      jwtId: this.jwtId.checked,
      remember: this.remember.checked,
    };
  }
}
