// The static reading and the checks judged by Django itself, on a project with the admin, a DRF
// router with @actions, nested includes with namespaces, re_path and i18n_patterns, for every
// Django version prepared on this machine.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import type { CliIO } from '../../src/cli/command';
import { runProcess } from '../../src/core/process';
import { resolverUrls } from '../../src/core/urls/resolver';
import { availableDjangoPythons } from '../python/djangoVersions';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'urls-project');

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), readStdin: () => Promise.resolve(''), cwd: FIXTURE };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** Runs Python code in the fixture project with Django set up; its last stdout line is JSON. */
async function django(python: string, code: string, input: unknown = null): Promise<unknown> {
  const script = [
    'import json, os, sys',
    'sys.path.insert(0, os.getcwd())',
    "os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'",
    'import django',
    'django.setup()',
    'data = json.loads(sys.argv[1])',
    code,
  ].join('\n');
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1' };
  const result = await runProcess({ command: python, args: ['-c', script, JSON.stringify(input)], cwd: FIXTURE, env, signal: AbortSignal.timeout(60_000) });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!);
}

// Every full name Django's resolver can reverse, through its own namespace and reverse tables.
const RESOLVER_NAMES = `
from django.urls import get_resolver
def names(resolver, prefix):
    found = {prefix + key for key in resolver.reverse_dict.keys() if isinstance(key, str)}
    for namespace, (_, inner) in resolver.namespace_dict.items():
        found |= names(inner, prefix + namespace + ':')
    return found
print(json.dumps(sorted(names(get_resolver(), ''))))
`;

// Whether reverse() succeeds for each [name, args, kwargs].
const REVERSES = `
from django.urls import NoReverseMatch, reverse
results = []
for name, args, kwargs in data:
    try:
        reverse(name, args=args or None, kwargs=kwargs or None)
        results.append(True)
    except NoReverseMatch:
        results.append(False)
print(json.dumps(results))
`;

const CASES: [string, unknown[], Record<string, unknown>][] = [
  ['shop:order-detail', [1], {}],
  ['shop:order-detail', [1, 2], {}],
  ['shop:order-detail', [], { pk: 1 }],
  ['shop:order-detail', [], { pkk: 1 }],
  ['shop:order-detial', [1], {}],
  ['shop:reviews:detail', [], { category: 'books', pk: 1 }],
  ['shop:reviews:detail', [], { pk: 1 }],
  ['api:product-detail', [], { pk: 1 }],
  ['api:product-detail', [1, 'json'], {}],
  ['api:product-detail', [], { pk: 1, format: 'json' }],
  ['api:product-on_sale', [], {}],
  ['api:product-publish', [3], {}],
  ['api:order-list', [], {}],
  ['api:order-mark-paid', [], { pk: 2 }],
  ['api:api-root', [], {}],
  ['blog:post', [2024, 'hello'], {}],
  ['blog:post', [2024], {}],
  ['blog:feed', [], { kind: 'rss' }],
  ['archive', ['2024'], {}],
  ['home', [1], {}],
  ['admin:index', [], {}],
  ['admin:shop_product_changelist', [], {}],
];

function pythonCall([name, args, kwargs]: (typeof CASES)[number]): string {
  return `reverse(${JSON.stringify(name)}, args=${JSON.stringify(args)}, kwargs=${JSON.stringify(kwargs)})`;
}

describe('urls: against Django\'s own resolver', function () {
  this.timeout(120_000);
  const pythons = availableDjangoPythons();

  it('has at least Django 3.2 to compare with', () => {
    assert.ok(pythons.length > 0);
  });

  it("says why the resolver failed: Django's last line, else the exit code of a process that said nothing", async () => {
    const python = pythons[0].python;
    await assert.rejects(
      resolverUrls({ python, root: FIXTURE, settingsModule: 'config.nowhere' }),
      { message: "Django's resolver could not load the project: ModuleNotFoundError: No module named 'config.nowhere'" },
    );
    await assert.rejects(resolverUrls({ python: '/bin/false', root: FIXTURE, settingsModule: 'config.settings' }), { message: "Django's resolver could not load the project (exit code 1)." });
  });

  for (const { version, python } of pythons) {
    describe(`Django ${version}`, () => {
      let resolverNames: string[];

      before(async () => {
        resolverNames = (await django(python, RESOLVER_NAMES)) as string[];
      });

      it('lists every name outside admin: statically, and no name Django does not know', async () => {
        const result = await cli(['urls']);
        assert.equal(result.code, 0, result.stderr);
        const listed = new Set((JSON.parse(result.stdout) as { name: string | null }[]).map((url) => url.name).filter((name) => name !== null));
        const expected = resolverNames.filter((name) => !name.startsWith('admin:'));
        assert.ok(expected.length > 15, 'the fixture has names to compare');
        assert.deepEqual([...listed].sort(), expected);
      });

      it('lists every name, admin: included, with --python', async () => {
        const result = await cli(['urls', '--python', python]);
        assert.equal(result.code, 0, result.stderr);
        const listed = new Set((JSON.parse(result.stdout) as { name: string | null }[]).map((url) => url.name));
        assert.ok(resolverNames.some((name) => name.startsWith('admin:')));
        assert.deepEqual(resolverNames.filter((name) => !listed.has(name)), []);
      });

      it('reports an error for exactly the reverse() calls Django cannot reverse, admin: aside', async () => {
        const succeeds = (await django(python, REVERSES, CASES)) as boolean[];
        const dir = mkdtempSync(path.join(os.tmpdir(), 'urls-check-'));
        try {
          const file = path.join(dir, 'calls.py');
          writeFileSync(file, ['from django.urls import reverse', '', ...CASES.map(pythonCall)].join('\n') + '\n');
          const result = await cli(['urls', 'check', file]);
          const rows = JSON.parse(result.stdout) as { line: number; code: string }[];
          const flagged = CASES.map((_, index) => rows.some((row) => row.line === index + 3));
          const judged = CASES.map(([name]) => !name.startsWith('admin:'));
          assert.deepEqual(
            CASES.filter((_, index) => judged[index] && flagged[index] === succeeds[index]).map(pythonCall),
            [],
            'calls where Django and the check disagree',
          );
          assert.equal(result.code, succeeds.every(Boolean) ? 0 : 1);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      });
    });
  }
});
