// Tokens minted by each prepared SimpleJWT (5.2 with Django 3.2, 5.5 with 4.2 and 5.2) verify with
// the key the kit reads from the project's settings, and fail with another key.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectKey, readJwtSettings, verifyToken } from '../../src/core/jwt';
import { runProcess } from '../../src/core/process';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'django-project');
const MINT = path.join(__dirname, '..', 'python', 'mint_simplejwt.py');

const SETTINGS_VARIANTS: readonly { readonly label: string; readonly extra: string; readonly algorithm: string }[] = [
  { label: 'HS256 with SECRET_KEY', extra: '', algorithm: 'HS256' },
  { label: 'HS512 with its own SIGNING_KEY', extra: 'SIMPLE_JWT = {"ALGORITHM": "HS512", "SIGNING_KEY": "jwt-only key é", "ACCESS_TOKEN_LIFETIME": timedelta(hours=1)}\n', algorithm: 'HS512' },
];

for (const { version, python } of availableDjangoPythons()) {
  describe(`jwt: project key against SimpleJWT of Django ${version} (real SimpleJWT)`, function () {
    this.timeout(60_000);
    let root: string;
    before(() => {
      root = mkdtempSync(path.join(os.tmpdir(), `dk jwt ${version} `));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    for (const variant of SETTINGS_VARIANTS) {
      it(`verifies a minted token: ${variant.label}`, async () => {
        const project = path.join(root, variant.algorithm);
        cpSync(FIXTURE, project, { recursive: true });
        const settingsFile = path.join(project, 'mysite', 'settings.py');
        writeFileSync(settingsFile, `${readFileSync(settingsFile, 'utf8')}\n${variant.extra}`);
        const minted = await runProcess({ command: python, args: [MINT, project, '7'] });
        assert.equal(minted.code, 0, minted.stderr);
        const token = minted.stdout.trim();

        const key = projectKey(readJwtSettings(readFileSync(settingsFile, 'utf8')));
        assert.equal(key.kind, 'usable', JSON.stringify(key));
        if (key.kind !== 'usable') return;
        assert.equal(key.algorithm, variant.algorithm);
        const result = await verifyToken(token, { text: key.key });
        assert.equal(result.signature, 'valid', result.reason);
        assert.equal(result.alg, variant.algorithm);
        assert.equal((await verifyToken(token, { text: `${key.key}x` })).signature, 'invalid');
      });
    }
  });
}
