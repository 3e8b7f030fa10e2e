import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkJwksUrl, fetchJwks, JwksFetchError } from '../../src/core/jwt';

describe('jwt: fetching a JWKS on request', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/jwks.json') {
        response.setHeader('content-type', 'application/json');
        response.end('{"keys":[{"kty":"oct","k":"c2VjcmV0"}]}');
      } else if (request.url === '/slow') {
        setTimeout(() => response.end('{"keys":[]}'), 2000).unref();
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches a key set from a loopback server', async () => {
    assert.match(await fetchJwks(`${base}/jwks.json`), /"keys"/);
  });

  it('accepts https anywhere and plain http only on this machine', () => {
    assert.equal(checkJwksUrl('https://issuer.example/jwks').hostname, 'issuer.example');
    assert.equal(checkJwksUrl('http://localhost:8000/jwks').hostname, 'localhost');
    assert.throws(() => checkJwksUrl('http://issuer.example/jwks'), JwksFetchError);
    assert.throws(() => checkJwksUrl('file:///etc/passwd'), JwksFetchError);
    assert.throws(() => checkJwksUrl('not a url'), JwksFetchError);
  });

  it('gives up after the timeout, and reports HTTP errors', async () => {
    await assert.rejects(fetchJwks(`${base}/slow`, fetch, 200), /did not answer within 0.2 s/);
    await assert.rejects(fetchJwks(`${base}/missing`), /HTTP 404/);
  });
});
