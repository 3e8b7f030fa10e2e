import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { decodeToken } from '../../src/core/jwt';
import { availableDjangoPythons } from '../python/djangoVersions';

// Every minted token is handed to the project's own SimpleJWT (AccessToken(token) /
// RefreshToken(token)) on each Django and SimpleJWT this machine has: 5.2 with Django 3.2, 5.5 with
// 4.2 and 5.2.
const ACCEPT = path.join(__dirname, '..', 'python', 'accept_simplejwt.py');

interface Project {
  readonly name: string;
  /** Asymmetric algorithms need the cryptography package in the Python that checks. */
  readonly needsCryptography?: boolean;
  readonly settings: string;
  readonly dotenv?: string;
  /** What the payload must hold besides token_type, exp, iat, jti and the user. */
  readonly expected: Record<string, unknown>;
  readonly userClaim: string;
  readonly typeClaim: string;
  readonly lifetimes: { access: number; refresh: number };
}

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: { export(options: { type: 'pkcs8' | 'spki'; format: 'pem' }): string | Buffer }, type: 'pkcs8' | 'spki') => key.export({ type, format: 'pem' }).toString();

const BASE = `import os
from datetime import timedelta
import datetime
INSTALLED_APPS = ["django.contrib.auth", "django.contrib.contenttypes", "rest_framework_simplejwt"]
USE_TZ = True
`;

const PROJECTS: Project[] = [
  {
    name: 'defaults: HS256 with SECRET_KEY',
    settings: `${BASE}SECRET_KEY = "a-literal-secret-key-of-fifty-characters-or-so-0123"\nSIMPLE_JWT = {}\n`,
    expected: {},
    userClaim: 'user_id',
    typeClaim: 'token_type',
    lifetimes: { access: 300, refresh: 86400 },
  },
  {
    name: 'HS512, SIGNING_KEY from .env, lifetimes and claim names of its own, AUDIENCE and ISSUER',
    settings: `${BASE}SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-fallback")
JWT_KEY = os.environ["JWT_SIGNING_KEY"]
SIMPLE_JWT = {
    "ALGORITHM": "HS512",
    # the key comes from the environment
    "SIGNING_KEY": JWT_KEY,
    "ACCESS_TOKEN_LIFETIME": timedelta(hours=1, minutes=30),
    "REFRESH_TOKEN_LIFETIME": datetime.timedelta(days=7) * 2,
    "USER_ID_CLAIM": "uid",
    "TOKEN_TYPE_CLAIM": "kind",
    "JTI_CLAIM": "id",
    "AUDIENCE": "shop-api",
    "ISSUER": "https://shop.example",
}
`,
    dotenv: 'export JWT_SIGNING_KEY="a signing key of well over sixty-four bytes, for HS512 to be happy with it"\n# comment\nOTHER=1\n',
    expected: { aud: 'shop-api', iss: 'https://shop.example' },
    userClaim: 'uid',
    typeClaim: 'kind',
    lifetimes: { access: 5400, refresh: 14 * 86400 },
  },
  {
    name: 'RS256 with a private PEM SIGNING_KEY',
    needsCryptography: true,
    settings: `${BASE}SECRET_KEY = "unused-for-rs256"\nSIMPLE_JWT = {\n    "ALGORITHM": "RS256",\n    "SIGNING_KEY": """${pem(rsa.privateKey, 'pkcs8')}""",\n    "VERIFYING_KEY": """${pem(rsa.publicKey, 'spki')}""",\n    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),\n}\n`,
    expected: {},
    userClaim: 'user_id',
    typeClaim: 'token_type',
    lifetimes: { access: 900, refresh: 86400 },
  },
  {
    name: 'ES256 with a private PEM SIGNING_KEY',
    needsCryptography: true,
    settings: `${BASE}SECRET_KEY = "unused-for-es256"\nSIMPLE_JWT = {\n    "ALGORITHM": "ES256",\n    "SIGNING_KEY": """${pem(ec.privateKey, 'pkcs8')}""",\n    "VERIFYING_KEY": """${pem(ec.publicKey, 'spki')}""",\n}\n`,
    expected: {},
    userClaim: 'user_id',
    typeClaim: 'token_type',
    lifetimes: { access: 300, refresh: 86400 },
  },
];

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd: process.cwd() });
  return { code, stdout, stderr };
}

function hasCryptography(python: string): boolean {
  try {
    execFileSync(python, ['-c', 'import cryptography'], { stdio: 'ignore', timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function writeProject(root: string, project: Project): void {
  mkdirSync(path.join(root, 'shop'), { recursive: true });
  writeFileSync(path.join(root, 'manage.py'), 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")\n');
  writeFileSync(path.join(root, 'shop', '__init__.py'), '');
  writeFileSync(path.join(root, 'shop', 'settings.py'), project.settings);
  if (project.dotenv) writeFileSync(path.join(root, '.env'), project.dotenv);
}

describe('jwt: minting SimpleJWT tokens for a project', () => {
  const folders: string[] = [];
  after(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  for (const project of PROJECTS) {
    it(`is accepted by the project's SimpleJWT: ${project.name}`, async function () {
      const pythons = availableDjangoPythons().filter(({ python }) => !project.needsCryptography || hasCryptography(python));
      if (pythons.length === 0) this.skip();
      const root = mkdtempSync(path.join(tmpdir(), 'kit-mint-'));
      folders.push(root);
      writeProject(root, project);
      const cases: { token: string; type: 'access' | 'refresh' }[] = [];
      for (const type of ['access', 'refresh'] as const) {
        const run = await cli(['jwt', 'mint', '--project', root, '--user-id', '42', '--type', type]);
        assert.equal(run.code, 0, run.stderr);
        const token = run.stdout.trim();
        const claims = decodeToken(token).payload.claims ?? {};
        assert.equal(claims[project.typeClaim], type);
        assert.equal(claims[project.userClaim], '42');
        assert.equal(Number(claims.exp) - Number(claims.iat), project.lifetimes[type]);
        for (const [name, value] of Object.entries(project.expected)) assert.equal(claims[name], value, name);
        cases.push({ token, type });
      }
      // The wrong type must be refused, or the check would prove nothing.
      cases.push({ token: cases[0].token, type: 'refresh' });
      for (const { version, python } of pythons) {
        const output = execFileSync(python, [ACCEPT, root, 'shop.settings'], { input: JSON.stringify(cases), encoding: 'utf8', timeout: 120_000 });
        const results = JSON.parse(output) as { accepted: boolean; error?: string }[];
        assert.deepEqual(results.map((r) => r.accepted), [true, true, false], `Django ${version}: ${JSON.stringify(results)}`);
      }
    });
  }

  it('names the variable when the signing key is in no .env file', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'kit-mint-'));
    folders.push(root);
    writeProject(root, { ...PROJECTS[1], dotenv: 'OTHER=1\n' });
    const run = await cli(['jwt', 'mint', '--project', root, '--user-id', '1']);
    assert.equal(run.code, 2);
    assert.equal(run.stderr, 'django-kit jwt: SIMPLE_JWT["SIGNING_KEY"] reads the environment variable JWT_SIGNING_KEY, and none of .env sets it.\n');
  });

  it('exits 2 with a message for a folder without manage.py or bad arguments', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'kit-mint-'));
    folders.push(empty);
    const run = await cli(['jwt', 'mint', '--project', empty, '--user-id', '1']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /has no manage\.py/);
    assert.match((await cli(['jwt', 'mint', '--project', empty])).stderr, /--user-id is required/);
    assert.match((await cli(['jwt', 'mint', '--project', empty, '--user-id', '1', '--type', 'sliding'])).stderr, /--type is access or refresh/);
  });
});
