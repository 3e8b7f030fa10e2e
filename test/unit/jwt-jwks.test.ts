import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../src/cli';
import { checkJwksUrl, fetchKeySet, JwksFetchError } from '../../src/core/jwt';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RS256 token signed with node:crypto directly, so the test does not lean on our own signer. */
function rs256Token(privateKey: ReturnType<typeof generateKeyPairSync>['privateKey'], kid: string): string {
  const input = `${b64({ alg: 'RS256', typ: 'JWT', kid })}.${b64({ sub: '7', exp: Math.floor(Date.now() / 1000) + 600 })}`;
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: process.cwd() });
  return { code, stdout, stderr };
}

describe('jwt: fetching a JWKS on request', () => {
  const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = JSON.stringify({
    keys: [
      { ...other.publicKey.export({ format: 'jwk' }), kid: 'old', use: 'sig' },
      { ...signing.publicKey.export({ format: 'jwk' }), kid: 'current', use: 'sig' },
    ],
  });
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer((request, response) => {
      const send = (status: number, body: string, headers: Record<string, string> = {}) => {
        response.writeHead(status, { 'content-type': 'application/json', ...headers });
        response.end(body);
      };
      switch (request.url) {
        case '/jwks.json':
          return send(200, jwks);
        case '/issuer/.well-known/openid-configuration':
          return send(200, JSON.stringify({ issuer: `${base}/issuer`, jwks_uri: `${base}/moved` }));
        case '/moved':
          return send(302, '', { location: '/jwks.json' });
        case '/loop':
          return send(302, '', { location: '/loop' });
        case '/downgrade':
          return send(302, '', { location: 'http://issuer.example/jwks.json' });
        case '/huge':
          response.writeHead(200, { 'content-type': 'application/json' });
          // No content-length: the cap must hold while streaming.
          response.write('{"keys":[');
          response.end(`"${'x'.repeat(2 * 1024 * 1024)}"]}`);
          return;
        case '/not-json':
          return send(200, '<html>');
        case '/no-keys':
        case '/bare/.well-known/openid-configuration':
          return send(200, '{"issuer":"x"}');
        case '/slow':
          setTimeout(() => send(200, '{"keys":[]}'), 2000).unref();
          return;
        default:
          return send(404, '');
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
    const fetched = await fetchKeySet(`${base}/jwks.json`, 'jwks');
    assert.equal(fetched.url, `${base}/jwks.json`);
    assert.match(fetched.jwks, /"current"/);
  });

  it('follows an issuer configuration to its jwks_uri, and a redirect from there', async () => {
    const fetched = await fetchKeySet(`${base}/issuer`, 'oidc');
    assert.equal(fetched.url, `${base}/jwks.json`);
  });

  it('accepts https anywhere and plain http only on this machine', () => {
    assert.equal(checkJwksUrl('https://issuer.example/jwks').hostname, 'issuer.example');
    assert.equal(checkJwksUrl('http://localhost:8000/jwks').hostname, 'localhost');
    assert.equal(checkJwksUrl('http://127.0.0.2/jwks').hostname, '127.0.0.2');
    assert.throws(() => checkJwksUrl('http://issuer.example/jwks'), /https only/);
    assert.throws(() => checkJwksUrl('file:///etc/passwd'), JwksFetchError);
    assert.throws(() => checkJwksUrl('not a url'), /is not a URL/);
  });

  it('says what went wrong, one message per failure', async () => {
    await assert.rejects(fetchKeySet(`${base}/slow`, 'jwks', { timeoutMs: 200 }), /did not answer within 0.2 s/);
    await assert.rejects(fetchKeySet(`${base}/missing`, 'jwks'), /HTTP 404/);
    await assert.rejects(fetchKeySet(`${base}/loop`, 'jwks'), /redirected more than 3 times/);
    await assert.rejects(fetchKeySet(`${base}/downgrade`, 'jwks'), /http:\/\/issuer\.example\/jwks\.json is refused: keys are fetched over https only/);
    await assert.rejects(fetchKeySet(`${base}/huge`, 'jwks'), /sent more than 1 MB/);
    await assert.rejects(fetchKeySet(`${base}/not-json`, 'jwks'), /did not send JSON/);
    await assert.rejects(fetchKeySet(`${base}/no-keys`, 'jwks'), /without a "keys" array/);
    await assert.rejects(fetchKeySet(`${base}/bare`, 'oidc'), /no "jwks_uri"/);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await assert.rejects(fetchKeySet(`http://127.0.0.1:${port}/jwks.json`, 'jwks'), /could not be fetched \(ECONNREFUSED\)/);
  });

  it('verifies an RS256 token on the command line with the key the kid picks', async () => {
    const token = rs256Token(signing.privateKey, 'current');
    const viaJwks = await cli(['jwt', 'verify', token, '--key', `${base}/jwks.json`]);
    assert.equal(viaJwks.code, 0, viaJwks.stderr);
    assert.match((JSON.parse(viaJwks.stdout) as { key: string }).key, /RSA 2048-bit JWK/);
    assert.equal((await cli(['jwt', 'verify', token, '--key', `${base}/issuer`, '--key-type', 'oidc'])).code, 0);
    const wrongKid = await cli(['jwt', 'verify', rs256Token(signing.privateKey, 'old'), '--key', `${base}/jwks.json`]);
    assert.equal(wrongKid.code, 1);
    const unreachable = await cli(['jwt', 'verify', token, '--key', `${base}/missing`]);
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /HTTP 404/);
  });
});
