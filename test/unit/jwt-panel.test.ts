import assert from 'node:assert/strict';
import { escapeMarkdown, findTokenAt, hoverMarkdown, looksLikeToken, reportToken } from '../../src/core/jwt';
import { panelPage } from '../../src/webview/jwt/page';
import { parseHostMessage, parseWebviewMessage } from '../../src/webview/jwt/protocol';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: '1', exp: 1_900_000_000 })}.c2lnbmF0dXJl`;

describe('jwt: webview protocol', () => {
  it('accepts well-formed messages from the webview', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseWebviewMessage({ type: 'decode', token: 'a.b.c' }), { type: 'decode', token: 'a.b.c' });
    const checks = { issuer: 'i', audiences: 'a, b', subject: '', leeway: '30s', maxAge: '', algorithms: 'HS256' };
    const verify = { type: 'verify', token: 't', key: 'k', keyType: 'auto', secretEncoding: 'utf8', remember: false, useSaved: false, checks };
    assert.deepEqual(parseWebviewMessage(verify), verify);
    assert.deepEqual(parseWebviewMessage({ type: 'verifyWithProjectKey', token: 't', checks }), { type: 'verifyWithProjectKey', token: 't', checks });
    const fetchKeys = { type: 'fetchJwks', token: 't', url: 'https://issuer.example', source: 'oidc', checks };
    assert.deepEqual(parseWebviewMessage(fetchKeys), fetchKeys);
    const fields = {
      alg: 'ES256', key: 'k', keyType: 'pem', secretEncoding: 'utf8', header: '', claims: '{}', expiresIn: '15m', notBefore: '',
      issuedAt: true, issuer: '', audience: '', subject: '1', jwtId: false, remember: false,
    };
    assert.deepEqual(parseWebviewMessage({ type: 'create', fields: { ...fields, extra: 'dropped' } }), { type: 'create', fields });
    assert.deepEqual(parseWebviewMessage({ type: 'mint', userId: '5', tokenType: 'refresh' }), { type: 'mint', userId: '5', tokenType: 'refresh' });
    const decrypt = { type: 'decrypt', token: 't', key: 'k', secretEncoding: 'base64url' };
    assert.deepEqual(parseWebviewMessage(decrypt), decrypt);
    const rendered = { type: 'rendered', summary: { token: 't', parts: ['a', 'b', 'c'], claimNames: ['sub'], verdict: 'valid' } };
    assert.deepEqual(parseWebviewMessage(rendered), rendered);
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      'ready',
      { type: 'unknown' },
      { type: 'decode', token: 42 },
      { type: 'decode', token: 'x'.repeat(3 * 1024 * 1024) },
      { type: 'verify', token: 't', key: 'k', keyType: 'rsa', secretEncoding: 'utf8', remember: false, useSaved: false, checks: {} },
      { type: 'verify', token: 't', key: 'k', keyType: 'auto', secretEncoding: 'utf8', remember: false, useSaved: false },
      { type: 'verify', token: 't', key: 'k', keyType: 'auto', secretEncoding: 'hex', remember: false, useSaved: false, checks: {} },
      { type: 'verifyWithProjectKey', token: 't', checks: { issuer: 1 } },
      { type: 'fetchJwks', token: 't', url: 'u', source: 'x5u', checks: { issuer: '', audiences: '', subject: '', leeway: '', maxAge: '', algorithms: '' } },
      { type: 'create', fields: { alg: 'HS256' } },
      { type: 'mint', userId: '1', tokenType: 'sliding' },
      { type: 'rendered', summary: { token: 't', parts: [1], claimNames: [] } },
      { type: 'fetchJwks', token: 't' },
    ]) {
      assert.equal(parseWebviewMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
    }
  });

  it('checks host messages on the webview side too', () => {
    assert.ok(parseHostMessage({ type: 'decoded', token: 't', error: 'bad', savedKey: false, reveal: true }));
    assert.equal(parseHostMessage({ type: 'decoded', token: 't', savedKey: false, reveal: true }), undefined);
    assert.equal(parseHostMessage({ type: 'verified', token: 't' }), undefined);
    assert.equal(parseHostMessage({ type: 'evil' }), undefined);
  });
});

describe('jwt: panel page', () => {
  const page = panelPage({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/jwt.js', styleUri: 'https://webview.example/jwt.css', nonce: 'bm9uY2U=' });

  it('allows nothing by default, and only the nonce-bearing bundle as script', () => {
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];
    assert.equal(csp, "default-src 'none'; style-src https://webview.example; script-src 'nonce-bm9uY2U='");
  });

  it('has no inline script or style', () => {
    const scripts = page.match(/<script[^>]*>[\s\S]*?<\/script>/g) ?? [];
    assert.deepEqual(scripts, ['<script nonce="bm9uY2U=" src="https://webview.example/jwt.js"></script>']);
    assert.ok(!/<style|style=/.test(page));
  });

  it('carries the translations as an attribute the page cannot be broken out of', () => {
    const translations = { Verify: 'Vérifier', '"><script>alert(1)</script>': '&amp; <b>' };
    const translated = panelPage({ cspSource: 'https://webview.example', scriptUri: 'https://webview.example/jwt.js', styleUri: 'https://webview.example/jwt.css', nonce: 'bm9uY2U=', language: 'fr', translations });
    assert.match(translated, /<html lang="fr">/);
    assert.equal(translated.match(/<script/g)?.length, 1);
    const attribute = /<main id="app" data-l10n="([^"]*)"><\/main>/.exec(translated)?.[1];
    assert.ok(attribute !== undefined);
    const decoded = attribute.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    assert.deepEqual(JSON.parse(decoded), translations);
    assert.match(page, /<main id="app"><\/main>/, 'English pages carry no translations');
  });
});

describe('jwt: finding tokens and hover text', () => {
  it('finds a token under the cursor inside a line of code', () => {
    const line = `headers = {"Authorization": "Bearer ${TOKEN}"}`;
    const start = line.indexOf('eyJ');
    assert.deepEqual(findTokenAt(line, start + 5), { token: TOKEN, start, end: start + TOKEN.length });
    assert.equal(findTokenAt(line, 2), undefined);
    assert.equal(findTokenAt('version = "1.2.3"', 12), undefined);
  });

  it('leaves out a full stop after a token, but keeps an unsigned token whole', () => {
    assert.equal(findTokenAt(`Send ${TOKEN}.`, 10)?.token, TOKEN);
    const unsigned = `${b64({ alg: 'none' })}.${b64({ sub: '1' })}.`;
    assert.equal(findTokenAt(`x = '${unsigned}'`, 8)?.token, unsigned);
  });

  it('finds all five parts of an encrypted token', () => {
    const jwe = `${b64({ alg: 'RSA-OAEP', enc: 'A256GCM' })}.a2V5.aXY.Y2lwaGVy.dGFn`;
    assert.equal(findTokenAt(`"${jwe}"`, 3)?.token, jwe);
  });

  it('recognises a token on its own, with or without Bearer', () => {
    assert.ok(looksLikeToken(`  Bearer ${TOKEN}\n`));
    assert.ok(!looksLikeToken(`see ${TOKEN}`));
    assert.ok(!looksLikeToken('hello world'));
  });

  it('summarises header and payload, with a link that opens the panel', () => {
    const markdown = hoverMarkdown(reportToken(TOKEN, new Date('2026-01-01T00:00:00Z')), 'djangoKit.jwt.decode', TOKEN);
    assert.match(markdown, /^\*\*JWT\*\* · HS256 · expires in 4 years/);
    assert.match(markdown, /"sub": "1"/);
    assert.ok(markdown.endsWith(`(command:djangoKit.jwt.decode?${encodeURIComponent(JSON.stringify([TOKEN]))})`));
  });

  it('cannot be broken out of by a hostile claim or alg', () => {
    const hostile = `${b64({ alg: '[x](command:workbench.action.terminal.new)' })}.${b64({ note: '```\n[click](command:evil)\n<img src=x onerror=alert(1)>' })}.c2ln`;
    const markdown = hoverMarkdown(reportToken(hostile, new Date()), 'djangoKit.jwt.decode', hostile);
    assert.equal(markdown.split('```').length - 1, 4, 'only our own two fences');
    // Outside the fences, the alg is escaped so it cannot form a link.
    assert.equal(markdown.split('\n')[0], '**JWT** · \\[x\\]\\(command\\:workbench\\.action\\.terminal\\.new\\)');
    assert.ok(markdown.includes('\\u0060\\u0060\\u0060'));
    assert.equal(escapeMarkdown('a*b_[c]'), 'a\\*b\\_\\[c\\]');
  });
});
