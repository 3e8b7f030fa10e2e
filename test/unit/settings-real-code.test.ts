// Issue #16 items 12-14 and 16: settings shapes from real projects, and the CLI check built on them.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { completionAt } from '../../src/core/settings/completion';
import { diagnose } from '../../src/core/settings/diagnostics';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { hoverAt } from '../../src/core/settings/lookup';
import { ProjectReadsCache, projectRootOf, settingsReadIn } from '../../src/core/settings/projectReads';
import { scanSettings, scanSettingsAround } from '../../src/core/settings/scanner';

const repo = path.resolve(__dirname, '..', '..');
const project = path.join(repo, 'test', 'fixtures', 'settings-reads');
const settingsFile = path.join(project, 'proj', 'settings.py');
const source = readFileSync(settingsFile, 'utf8');
const knowledge = loadKnowledgeBase(path.join(repo, 'data', 'settings')).knowledge;

function offsetOf(text: string): number {
  const at = source.indexOf(text);
  assert.ok(at >= 0, text);
  return at;
}

async function run(args: string[], cwd = project) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: async () => '', cwd };
  const code = await main(['settings', ...args], io);
  return { code, stdout, stderr };
}

describe('settings from real projects (issue #16)', () => {
  it('scans a dict key after a comment line and after a line ending in a comment', () => {
    const keys = scanSettings(source, true).sites.filter((s) => s.kind === 'key').map((s) => s.name);
    assert.deepEqual(keys, ['PAGE_SIZZ', 'DEFAULT_PAGINATION_CLASS', 'PAGE_SIZE']);
    assert.ok(hoverAt(scanSettingsAround(source, offsetOf('"PAGE_SIZE"') + 2, true), offsetOf('"PAGE_SIZE"') + 2, knowledge));
  });

  it('completes a key typed after a comment line or a line ending in a comment', () => {
    // `|` marks the cursor.
    for (const marked of ['REST_FRAMEWORK = {\n    # paging\n    "DEFAULT_PAG|": 1,\n}\n', 'REST_FRAMEWORK = {\n    "PAGE_SIZE": 5,  # five\n    "DEFAULT_PAG|']) {
      const text = marked.replace('|', '');
      const names = completionAt(scanSettings(text, true), marked.indexOf('|'), knowledge)?.items.map((item) => item.label) ?? [];
      assert.ok(names.includes('DEFAULT_PAGINATION_CLASS'), marked);
    }
  });

  it('hovers both statements of one line', () => {
    const line = 'X = 1; USE_TZ = True';
    const at = offsetOf(line) + line.indexOf('USE_TZ');
    for (const index of [scanSettings(source, true), scanSettingsAround(source, at, true)]) {
      assert.match(hoverAt(index, at, knowledge)?.markdown ?? '', /^\*\*USE_TZ\*\*/);
      assert.ok(index.sites.some((s) => s.name === 'X'));
    }
  });

  it('reads settings.NAME and getattr(settings, "NAME") in the project, leaving virtual environments out', async () => {
    assert.deepEqual(settingsReadIn(readFileSync(path.join(project, 'shop', 'cache.py'), 'utf8')), ['REDIS_URL', 'TEMPLATES_DIR']);
    assert.equal(projectRootOf(settingsFile), project);
    assert.deepEqual([...(await new ProjectReadsCache().names(project))].sort(), ['REDIS_URL', 'TEMPLATES_DIR']);
  });

  it('warns about a close unknown name only when the project does not read it', async () => {
    const index = scanSettings(source, true);
    const options = { unknownNames: true, deprecated: false, security: false, production: false };
    const flagged = (readNames?: ReadonlySet<string>) =>
      diagnose(index, knowledge, { ...options, readNames })
        .filter((d) => d.code === 'unknown-setting')
        .map((d) => source.slice(d.from, d.to));
    assert.deepEqual(flagged(), ['REDIS_URL', 'TEMPLATES_DIR', 'STATIC_ROTO', 'PAGE_SIZZ']);
    assert.deepEqual(flagged(await new ProjectReadsCache().names(project)), ['STATIC_ROTO', 'PAGE_SIZZ']);
  });

  it('keeps a saved file\'s reads up to date without scanning the project again', async () => {
    const cache = new ProjectReadsCache();
    await cache.names(project);
    await cache.update(path.join(project, 'shop', 'more.py'), 'from django.conf import settings\nA = settings.STATIC_ROTO\n');
    assert.ok((await cache.names(project)).has('STATIC_ROTO'));
    await cache.update(path.join(project, 'shop', 'more.py'), 'A = 1\n');
    assert.ok(!(await cache.names(project)).has('STATIC_ROTO'));
  });

  describe('django-kit settings check and hover', () => {
    before(function () {
      if (existsSync(path.join(repo, 'dist', 'settings-knowledge.json'))) return;
      this.timeout(120_000);
      execFileSync(process.execPath, ['esbuild.mjs'], { cwd: repo });
    });

    it('prints JSON findings and exits 1 on a warning', async () => {
      const result = await run(['check', 'proj/settings.py']);
      assert.equal(result.code, 1, result.stderr);
      const findings = JSON.parse(result.stdout) as { file: string; line: number; column: number; severity: string; code: string; message: string }[];
      assert.deepEqual(
        findings.map(({ file, line, column, severity, code }) => ({ file, line, column, severity, code })),
        [
          { file: 'proj/settings.py', line: 5, column: 1, severity: 'warning', code: 'unknown-setting' },
          { file: 'proj/settings.py', line: 10, column: 6, severity: 'warning', code: 'unknown-setting' },
        ],
      );
      assert.equal(findings[0].message, 'STATIC_ROTO is not a known setting. Did you mean STATIC_ROOT?');
    });

    it('exits 0 when there is no warning, and 2 without a file or with a missing one', async () => {
      // startproject's settings of Django 3.2: only an information that USE_L10N is gone in 5.0.
      const clean = await run(['check', path.join(repo, 'test', 'fixtures', 'django-project', 'mysite', 'settings.py')]);
      assert.equal(clean.code, 0, clean.stdout);
      assert.deepEqual((JSON.parse(clean.stdout) as { severity: string }[]).map((f) => f.severity), ['information']);
      assert.equal((await run(['check'])).code, 2);
      const missing = await run(['check', 'proj/nothing.py']);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /proj\/nothing\.py is not a file/);
    });

    it('exits 2 for a line past the end and for numbers that are not plain digits', async () => {
      const past = await run(['hover', 'proj/settings.py', '99', '1']);
      assert.equal(past.code, 2);
      assert.match(past.stderr, /has only 14 lines/);
      for (const line of ['0x1', '1e3', ' 1', '1.0']) assert.equal((await run(['hover', 'proj/settings.py', line, '1'])).code, 2, line);
      assert.equal((await run(['hover', 'proj/settings.py', '2', '1'])).code, 0);
    });
  });
});
