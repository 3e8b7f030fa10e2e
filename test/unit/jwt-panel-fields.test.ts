import assert from 'node:assert/strict';
import { decodeToken } from '../../src/core/jwt';
import { CheckFieldError, expectationsFrom, mergeExpectations } from '../../src/features/jwt/checks';
import { CreateFieldError, createToken } from '../../src/features/jwt/create';
import type { CreateFields } from '../../src/webview/jwt/protocol';

const FIELDS: CreateFields = {
  alg: 'HS256',
  key: 'a secret of at least thirty-two bytes for HS256',
  keyType: 'auto',
  secretEncoding: 'utf8',
  header: '',
  claims: '',
  expiresIn: '',
  notBefore: '',
  issuedAt: true,
  issuer: '',
  audience: '',
  subject: '',
  jwtId: false,
  remember: false,
};

describe('jwt: panel fields', () => {
  it('turns the claim check fields into expectations, empty ones asking nothing', () => {
    const blank = { issuer: '', audiences: '', subject: '', leeway: '', maxAge: '', algorithms: '' };
    assert.deepEqual(JSON.parse(JSON.stringify(expectationsFrom(blank))), {});
    assert.deepEqual(expectationsFrom({ issuer: ' https://id.example ', audiences: 'api, web', subject: '7', leeway: '30s', maxAge: '1h', algorithms: 'RS256,ES256' }), {
      issuer: 'https://id.example',
      audiences: ['api', 'web'],
      subject: '7',
      leewaySeconds: 30,
      maxAgeSeconds: 3600,
      algorithms: ['RS256', 'ES256'],
    });
    assert.throws(() => expectationsFrom({ ...blank, leeway: 'soon' }), (error: unknown) => error instanceof CheckFieldError && /Leeway is a duration/.test(error.message));
  });

  it("lets the user's own checks win over the project's", () => {
    assert.deepEqual(mergeExpectations({ issuer: 'project', leewaySeconds: 10, algorithms: ['HS256'] }, { issuer: 'typed', leewaySeconds: undefined }), {
      issuer: 'typed',
      leewaySeconds: 10,
      algorithms: ['HS256'],
    });
  });

  it('signs what the Create section holds, or says which field to fix', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const { token } = createToken({ ...FIELDS, header: '{"kid":"k1"}', claims: '{"role":"admin"}', expiresIn: '15m', subject: ' 42 ' }, now);
    const decoded = decodeToken(token);
    assert.deepEqual(decoded.header.value, { alg: 'HS256', typ: 'JWT', kid: 'k1' });
    assert.deepEqual(decoded.payload.claims, { role: 'admin', sub: '42', iat: 1767225600, exp: 1767226500 });
    for (const [fields, message] of [
      [{ ...FIELDS, claims: '[1]' }, /Claims must be a JSON object/],
      [{ ...FIELDS, header: '{' }, /Header is not JSON/],
      [{ ...FIELDS, expiresIn: 'later' }, /Expires in is a duration/],
      [{ ...FIELDS, key: ' ' }, /No key was given/],
      [{ ...FIELDS, alg: 'none' }, /none is not an algorithm this panel signs with/],
      [{ ...FIELDS, alg: 'ES256' }, /ES256 signs with a private key/],
    ] as [CreateFields, RegExp][]) {
      assert.throws(() => createToken(fields, now), (error: unknown) => error instanceof CreateFieldError && message.test(error.message), message.source);
    }
  });
});
