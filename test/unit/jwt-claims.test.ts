import assert from 'node:assert/strict';
import * as l10n from '@vscode/l10n';
import { claimsStatus, describeSpan, explainClaims } from '../../src/core/jwt';

const NOW = new Date('2026-11-25T12:00:00Z');
const at = (offsetSeconds: number) => NOW.getTime() / 1000 + offsetSeconds;

describe('jwt: claims', () => {
  it('explains registered, SimpleJWT and OIDC claims, known ones first', () => {
    const claims = explainClaims({ custom: 1, user_id: 7, token_type: 'access', jti: 'abc', exp: at(300), email: 'a@b.c' }, NOW, 'UTC');
    assert.deepEqual(claims.map((c) => c.name), ['exp', 'jti', 'token_type', 'user_id', 'email', 'custom']);
    assert.deepEqual(claims.map((c) => c.origin), ['registered', 'registered', 'simplejwt', 'simplejwt', 'oidc', 'custom']);
    assert.ok(claims.slice(0, 5).every((c) => typeof c.explanation === 'string' && c.explanation.length > 10));
    assert.equal(claims[5].explanation, undefined);
  });

  it('gives times as ISO-8601 UTC, local time and relative wording', () => {
    const [exp, nbf, iat] = explainClaims({ exp: at(-180), nbf: at(7200), iat: at(90) }, NOW, 'UTC');
    assert.equal(exp.time?.iso, '2026-11-25T11:57:00.000Z');
    assert.match(exp.time?.local ?? '', /2026/);
    assert.equal(exp.time?.relative, 'expired 3 minutes ago');
    assert.equal(nbf.time?.relative, 'not valid for another 2 hours');
    assert.equal(iat.time?.relative, 'issued in 1 minute (in the future)');
  });

  it('describes refresh_exp of sliding tokens as an expiry', () => {
    const [claim] = explainClaims({ refresh_exp: at(86400 * 2) }, NOW);
    assert.equal(claim.time?.relative, 'expires in 2 days');
  });

  it('points out a time claim that is not a number', () => {
    const [claim] = explainClaims({ exp: '2026-01-01' }, NOW);
    assert.match(claim.problem ?? '', /seconds since 1970/);
    assert.equal(claim.time, undefined);
  });

  it('does not treat an inherited property name as a known claim', () => {
    const [claim] = explainClaims({ constructor: 'x' }, NOW);
    assert.equal(claim.origin, 'custom');
  });

  it('computes the status: expired, not yet valid, issued in the future', () => {
    assert.deepEqual(claimsStatus({ exp: at(-1), nbf: at(10), iat: at(5) }, NOW), { expired: true, notYetValid: true, issuedInFuture: true });
    assert.deepEqual(claimsStatus({ exp: at(60), nbf: at(-10), iat: at(-5) }, NOW), { expired: false, notYetValid: false, issuedInFuture: false });
    assert.deepEqual(claimsStatus({ exp: at(-1) }, NOW, 30), { expired: false, notYetValid: false, issuedInFuture: false });
    assert.deepEqual(claimsStatus(undefined, NOW), { expired: false, notYetValid: false, issuedInFuture: false });
  });

  it('names spans by their largest whole unit', () => {
    assert.equal(describeSpan(0), '0 seconds');
    assert.equal(describeSpan(1), '1 second');
    assert.equal(describeSpan(3599), '59 minutes');
    assert.equal(describeSpan(86400 * 800), '2 years');
  });
});

describe('jwt: claims in another language', () => {
  // The extension configures the bundle at activation, after this module has loaded: explanations
  // must be looked up when a token is explained, not when the module is evaluated.
  before(() =>
    l10n.config({
      contents: {
        'Expiration time: from this moment on the token must be refused.': 'Date d’expiration : à partir de ce moment le jeton doit être refusé.',
        'expires in {0}': 'expire dans {0}',
        '{0} minutes': '{0} minutes (fr)',
      },
    }),
  );
  after(() => l10n.config({ contents: {} }));

  it('explains and times a claim with the configured translations', () => {
    const [exp] = explainClaims({ exp: at(300) }, NOW, 'UTC');
    assert.equal(exp.explanation, 'Date d’expiration : à partir de ce moment le jeton doit être refusé.');
    assert.equal(exp.time?.relative, 'expire dans 5 minutes (fr)');
  });
});
