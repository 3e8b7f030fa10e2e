import assert from 'node:assert/strict';
import { decodeToken, MAX_TOKEN_LENGTH, reportToken, TokenError } from '../../src/core/jwt';

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const token = (header: string, payload: string, signature = 'c2ln') => `${b64(header)}.${b64(payload)}.${signature}`;
const NOW = new Date('2026-01-01T00:00:00Z');

describe('jwt: decoding', () => {
  it('decodes a compact JWS, trimming whitespace and a Bearer prefix', () => {
    const decoded = decodeToken(`  Bearer ${token('{"alg":"HS256","typ":"JWT"}', '{"sub":"42"}')}\n`);
    assert.equal(decoded.format, 'jws');
    assert.deepEqual(decoded.header.value, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(decoded.payload.claims, { sub: '42' });
    assert.equal(decoded.signature.byteLength, 3);
    assert.deepEqual(decoded.errors, []);
    assert.deepEqual(decoded.warnings, []);
  });

  it('says which part is wrong instead of a bare "invalid"', () => {
    const report = reportToken(`${b64('{"alg":"HS256"}')}.${b64('not json')}.ab+c`, NOW);
    assert.deepEqual(report.header, { alg: 'HS256' });
    assert.equal(report.payload, 'not json');
    assert.ok(report.errors.includes('payload is not valid JSON'));
    assert.ok(report.errors.some((e) => /^signature segment has characters outside base64url \("\+" at position 3, which belongs to standard base64\)/.test(e)), report.errors.join('\n'));
  });

  it('reports a header that is not JSON, with the parser message', () => {
    const decoded = decodeToken(`${b64('{alg:')}.${b64('{}')}.`);
    assert.match(decoded.header.error ?? '', /^header is not valid JSON/);
    assert.deepEqual(decoded.payload.claims, {});
  });

  it('decodes as far as it goes when the signature part is missing', () => {
    const decoded = decodeToken(`${b64('{"alg":"HS256"}')}.${b64('{"a":1}')}`);
    assert.deepEqual(decoded.errors, ['A signed JWT has 3 dot-separated parts; this one has 2.']);
    assert.deepEqual(decoded.payload.claims, { a: 1 });
  });

  it('recognises a five-part token as JWE and shows only its header', () => {
    const decoded = decodeToken(`${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.a2V5.aXY.Y2lwaGVy.dGFn`);
    assert.equal(decoded.format, 'jwe');
    assert.deepEqual(decoded.header.value, { alg: 'RSA-OAEP', enc: 'A256GCM' });
    assert.equal(decoded.payload.encrypted, true);
    assert.match(decoded.payload.error ?? '', /encrypted/);
    const report = reportToken(decoded.token, NOW);
    assert.equal(report.payload, null);
    assert.equal(report.signature, null);
  });

  it('throws typed errors for empty, oversized and partless input', () => {
    assert.throws(() => decodeToken('   '), (e: unknown) => e instanceof TokenError && e.code === 'empty');
    assert.throws(() => decodeToken('a'.repeat(MAX_TOKEN_LENGTH + 1)), (e: unknown) => e instanceof TokenError && e.code === 'too-large' && /characters/.test(e.message));
    assert.throws(() => decodeToken('no-dots-here'), (e: unknown) => e instanceof TokenError && e.code === 'part-count' && /has 1/.test(e.message));
    assert.throws(() => decodeToken('a.b.c.d.e.f'), (e: unknown) => e instanceof TokenError && e.code === 'part-count');
  });

  it('keeps the payload as text when it is not JSON (JWS can sign any bytes)', () => {
    const decoded = decodeToken(`${b64('{"alg":"EdDSA"}')}.${b64('Example of Ed25519 signing')}.c2ln`);
    assert.equal(decoded.payload.text, 'Example of Ed25519 signing');
    assert.equal(decoded.payload.error, 'payload is not valid JSON');
  });
});

describe('jwt: warnings', () => {
  const codes = (input: string) => decodeToken(input).warnings.map((w) => w.code);

  it('flags alg none as unsigned', () => {
    assert.ok(codes(token('{"alg":"none"}', '{}', '')).includes('unsigned'));
    assert.ok(codes(token('{"alg":"NONE"}', '{}', '')).includes('unsigned'));
  });

  it('flags duplicate member names in header and payload', () => {
    const decoded = decodeToken(token('{"alg":"HS256","alg":"none"}', '{"sub":"a","nested":{"x":1,"x":2},"sub":"b"}'));
    const messages = decoded.warnings.filter((w) => w.code === 'duplicate-member').map((w) => w.message);
    assert.equal(messages.length, 2);
    assert.match(messages[0], /header repeats "alg"/);
    assert.match(messages[1], /repeats "x", "sub"/);
  });

  it('does not mistake values or nested arrays for member names', () => {
    assert.deepEqual(codes(token('{"alg":"HS256"}', '{"a":"a","b":["a","a"],"c":{"a":"b"},"d":"esc\\"aped"}')), []);
  });

  it('flags padding, whitespace and unused bits as non-canonical base64url', () => {
    const header = b64('{"alg":"HS256"}');
    assert.ok(codes(`${header}.${b64('{}')}.c2lnbg==`).includes('non-canonical-base64url'));
    assert.ok(codes(`${header}.${b64('{}')}.c2ln bg`).includes('non-canonical-base64url'));
    // "c2lnbh" carries the same bytes as "c2lnbg", with a non-zero leftover bit.
    assert.ok(codes(`${header}.${b64('{}')}.c2lnbh`).includes('non-canonical-base64url'));
    assert.ok(!codes(`${header}.${b64('{}')}.c2lnbg`).includes('non-canonical-base64url'));
  });

  it('flags a typ other than JWT, crit, and header references to keys', () => {
    const found = codes(token('{"alg":"RS256","typ":"at+jwt","crit":["exp"],"kid":"../../etc/passwd","jku":"https://evil.example/jwks"}', '{}'));
    assert.ok(found.includes('unexpected-typ'));
    assert.ok(found.includes('critical-header'));
    assert.equal(found.filter((c) => c === 'untrusted-reference').length, 2);
    assert.deepEqual(codes(token('{"alg":"HS256","typ":"jwt"}', '{}')), []);
  });
});
