// JWT benchmark: time per token to decode and to verify, for django-kit's core and for PyJWT
// (python3-jwt) on the very same tokens and keys. The HS256 token is minted by real SimpleJWT in
// a copy of the fixture project; RS256, ES256 and EdDSA tokens are signed here with fresh keys.
// Both sides are handed the key as text on every call, as the CLI and the panel are; django-kit
// keeps the keys it imported for the next token with the same key, and PyJWT is also timed with a
// key object prepared once, its own fastest way.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { generateKeyPairSync } from 'node:crypto';
import { builtCli, requireBundle } from '../bundle.mjs';
import { SignJWT } from 'jose';
import { median } from '../benchStats.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const workDir = path.join(repoRoot, '.bench', 'jwt');
const PYTHON = '/usr/bin/python3';
const FIXTURE_SECRET = 'django-insecure-fixture-key-for-django-kit-tests-only-0123456789';
/** Each measurement runs for about this long; the figure is the mean time per call. */
const SAMPLE_MS = 1000;

function buildCore() {
  return requireBundle({ entry: path.join(repoRoot, 'src', 'core', 'jwt', 'index.ts'), outfile: path.join(workDir, 'core.cjs'), minify: true });
}

function mintSimpleJwt() {
  const project = path.join(workDir, 'project');
  rmSync(project, { recursive: true, force: true });
  cpSync(path.join(repoRoot, 'test', 'fixtures', 'django-project'), project, { recursive: true });
  const mint = path.join(repoRoot, 'test', 'python', 'mint_simplejwt.py');
  const run = spawnSync(PYTHON, [mint, project], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`SimpleJWT could not mint a token: ${run.stderr}`);
  return run.stdout.trim();
}

async function signed(alg, privateKey) {
  return new SignJWT({ sub: '1', token_type: 'access', user_id: 1 })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(privateKey);
}

async function cases() {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  const pem = (pair) => pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  return [
    { name: 'HS256 (SimpleJWT)', alg: 'HS256', token: mintSimpleJwt(), key: FIXTURE_SECRET },
    { name: 'RS256 2048-bit', alg: 'RS256', token: await signed('RS256', rsa.privateKey), key: pem(rsa) },
    { name: 'ES256', alg: 'ES256', token: await signed('ES256', ec.privateKey), key: pem(ec) },
    { name: 'EdDSA (Ed25519)', alg: 'EdDSA', token: await signed('EdDSA', ed.privateKey), key: pem(ed) },
  ];
}

async function perCall(fn) {
  for (let i = 0; i < 50; i++) await fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < SAMPLE_MS) {
    await fn();
    calls++;
  }
  return ((performance.now() - start) * 1000) / calls;
}

async function ours(core, testCase) {
  const decodeUs = await perCall(() => core.reportToken(testCase.token, new Date()));
  const verifyUs = await perCall(async () => {
    const result = await core.verifyToken(testCase.token, { text: testCase.key });
    if (result.signature !== 'valid') throw new Error(`${testCase.name} did not verify: ${result.reason}`);
  });
  return { decodeUs, verifyUs };
}

const PYJWT_PROBE = `
import json, sys, time
import jwt

def per_call(fn):
    for _ in range(50):
        fn()
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < ${SAMPLE_MS / 1000}:
        fn()
        calls += 1
    return (time.perf_counter() - start) * 1e6 / calls

results = []
for case in json.load(open(sys.argv[1])):
    token, key, alg = case["token"], case["key"], case["alg"]
    decode = per_call(lambda: (jwt.get_unverified_header(token), jwt.decode(token, options={"verify_signature": False})))
    verify = per_call(lambda: jwt.decode(token, key, algorithms=[alg]))
    prepared = jwt.algorithms.get_default_algorithms()[alg].prepare_key(key)
    verify_prepared = per_call(lambda: jwt.decode(token, prepared, algorithms=[alg]))
    results.append({"decodeUs": decode, "verifyUs": verify, "verifyPreparedUs": verify_prepared})
print(json.dumps(results))
`;

function pyjwt(testCases) {
  const casesFile = path.join(workDir, 'cases.json');
  writeFileSync(casesFile, JSON.stringify(testCases.map(({ token, key, alg }) => ({ token, key, alg }))));
  const run = spawnSync(PYTHON, ['-c', PYJWT_PROBE, casesFile], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`PyJWT probe failed: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

function pyjwtVersion() {
  const run = spawnSync(PYTHON, ['-c', 'import jwt; print(jwt.__version__)'], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : 'unknown';
}

const PROCESS_RUNS = 5;

function medianProcessMs(command, args) {
  const times = [];
  for (let i = 0; i < PROCESS_RUNS; i++) {
    const start = performance.now();
    const run = spawnSync(command, args, { encoding: 'utf8' });
    times.push(performance.now() - start);
    if (run.status !== 0) throw new Error(`${command} ${args[0]} exited ${run.status}: ${run.stderr}`);
  }
  return median(times);
}

/** Whole-process cost of checking one token, as a script or CI job would pay it. */
function processRows(testCase, version) {
  const cli = builtCli();
  const pyjwtCheck = 'import sys, jwt; jwt.decode(sys.argv[1], sys.argv[2], algorithms=["HS256"])';
  return [
    { name: `process: django-kit jwt verify ${testCase.name}`, value: medianProcessMs(process.execPath, [cli, 'jwt', 'verify', testCase.token, '--key', testCase.key]), unit: 'ms', note: `median of ${PROCESS_RUNS}, dist/cli.js` },
    { name: `process: python3 + PyJWT ${version} verify ${testCase.name}`, value: medianProcessMs(PYTHON, ['-c', pyjwtCheck, testCase.token, testCase.key]), unit: 'ms', note: `median of ${PROCESS_RUNS}` },
  ];
}

export async function bench() {
  mkdirSync(workDir, { recursive: true });
  const core = await buildCore();
  const testCases = await cases();
  const theirs = pyjwt(testCases);
  const version = pyjwtVersion();
  const rows = [];
  for (const [index, testCase] of testCases.entries()) {
    const mine = await ours(core, testCase);
    const other = theirs[index];
    rows.push(
      { name: `decode ${testCase.name}: django-kit`, value: mine.decodeUs, unit: 'µs', note: 'header, payload, claims explained, warnings' },
      { name: `decode ${testCase.name}: PyJWT ${version}`, value: other.decodeUs, unit: 'µs', note: 'get_unverified_header + decode without verification' },
      { name: `verify ${testCase.name}: django-kit`, value: mine.verifyUs, unit: 'µs', note: 'key given as text on every call; its import is reused' },
      { name: `verify ${testCase.name}: PyJWT ${version}`, value: other.verifyUs, unit: 'µs', note: 'key given as text on every call' },
      { name: `verify ${testCase.name}: PyJWT ${version}, prepared key`, value: other.verifyPreparedUs, unit: 'µs', note: 'key object prepared once' },
    );
  }
  if (existsSync(builtCli())) rows.push(...processRows(testCases[0], version));
  return rows;
}
