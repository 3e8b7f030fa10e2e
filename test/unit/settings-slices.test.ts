import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { SettingsIndexCache } from '../../src/core/settings/cache';
import { closestName, diagnose, diagnoseInSlices, type DiagnosticOptions } from '../../src/core/settings/diagnostics';
import type { KnowledgeBase } from '../../src/core/settings/knowledge';
import { loadKnowledgeBase } from '../../src/core/settings/knowledge-source';
import { type SettingsIndex, scanSettings, scanSettingsInSlices } from '../../src/core/settings/scanner';
import { Slices, runInSlices } from '../../src/core/settings/slices';

const repo = path.resolve(__dirname, '..', '..');
const fixtures = path.join(repo, 'test', 'fixtures');
const knowledge: KnowledgeBase = loadKnowledgeBase(path.join(repo, 'data', 'settings')).knowledge;
const allOn: DiagnosticOptions = { unknownNames: true, deprecated: true, security: true, production: true };

/** Every settings module among the fixtures: the real inputs the checks see in the tests. */
function fixtureSettingsSources(dir = fixtures): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return fixtureSettingsSources(file);
    return name.endsWith('.py') && /settings/.test(file) ? [readFileSync(file, 'utf8')] : [];
  });
}

/** A module full of near misses: each known module-level name with one letter dropped, or two swapped. */
function misspeltModule(): string {
  const names = knowledge.globalEntries().map((entry) => entry.name);
  const lines = names.flatMap((name, i) => {
    const dropped = name.slice(0, i % name.length) + name.slice((i % name.length) + 1);
    const at = i % (name.length - 1);
    const swapped = name.slice(0, at) + name[at + 1] + name[at] + name.slice(at + 2);
    return [`${dropped} = 1`, `${swapped} = 2`];
  });
  return `${lines.join('\n')}\nREST_FRAMEWORK = {"PAGE_SIZ": 10, "DEFAULT_THROTLE_RATES": {}}\n`;
}

const realInputs = [...fixtureSettingsSources(), misspeltModule()];

/** A slicer that yields at every chance: the most interleaving a run can meet. */
function everyChance(isCancelled: () => boolean = () => false): Slices {
  return new Slices(isCancelled, 0);
}

function sitesOf(index: SettingsIndex): string[] {
  return index.sites.map((site) => `${site.kind}:${site.scope}:${site.name}@${site.from}-${site.to}`);
}

describe('settings checks in slices', () => {
  it('suggests, from the names listed once and remembered, what a fresh comparison with every known name suggests', () => {
    let compared = 0;
    for (const source of realInputs) {
      const index = scanSettings(source, true);
      // Twice: the second run answers from what the first remembered.
      for (const round of [1, 2]) {
        const found = diagnose(index, knowledge, allOn).filter((d) => d.code === 'unknown-setting');
        const expected = index.sites.flatMap((site) => {
          if (site.kind === 'reference' || !/^[A-Z][A-Z0-9_]*$/.test(site.name)) return [];
          const known = site.scope === 'global' ? knowledge.global(site.name) : knowledge.get(site.scope, site.name);
          if (known) return [];
          const names = (site.scope === 'global' ? knowledge.globalEntries() : knowledge.entries(site.scope)).map((e) => e.name);
          const suggestion = closestName(site.name, names);
          return suggestion ? [`${site.name} is not a known setting. Did you mean ${suggestion}?`] : [];
        });
        assert.deepEqual(found.map((d) => d.message), expected, `round ${round}`);
        compared += expected.length;
      }
    }
    assert.ok(compared > 400, `only ${compared} suggestions compared`);
  });

  it('finds the same sites and the same findings in slices as in one go', async () => {
    for (const source of realInputs) {
      const whole = scanSettings(source, true);
      const sliced = await scanSettingsInSlices(source, true, everyChance());
      assert.deepEqual(sitesOf(sliced), sitesOf(whole));
      assert.deepEqual(await diagnoseInSlices(sliced, knowledge, allOn, everyChance()), diagnose(whole, knowledge, allOn));
    }
  });

  it('lets other work run between its slices', async () => {
    const source = realInputs.join('\n');
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const found = await runInSlices(() => false, async (slices) => diagnoseInSlices(await scanSettingsInSlices(source, true, slices), knowledge, allOn, slices), 0);
    ticking = false;
    assert.ok(found && found.length > 0);
    assert.ok(turns > 10, `only ${turns} turns of other work ran during the check`);
  });

  it('stops at the next slice once cancelled, and keeps nothing of the cancelled run', async () => {
    const cache = new SettingsIndexCache();
    const source = realInputs.join('\n');
    let version = 1;
    let units = 0;
    const cancelled = () => version !== 1;
    const pending = runInSlices(cancelled, async (slices) => {
      const index = await cache.getInSlices('doc', 1, true, () => source, slices);
      units++;
      return diagnoseInSlices(index, knowledge, allOn, slices);
    }, 0);
    // The next edit: the document moves on while the run waits between two slices.
    await new Promise((resolve) => setImmediate(resolve));
    version = 2;
    assert.equal(await pending, undefined);
    assert.equal(units, 0, 'the run stopped inside the parse, before checking anything');
    const after = cache.around('doc', 1, true, () => 'DEBUG = True\n', 0);
    assert.equal(after.source, 'DEBUG = True\n', 'no scan of the cancelled run was kept');
  });

  it('does not start a run that is cancelled already, and passes other failures on', async () => {
    let started = false;
    const result = await runInSlices(() => true, async () => {
      started = true;
      return 1;
    });
    assert.equal(result, undefined);
    assert.equal(started, false);
    await assert.rejects(runInSlices(() => false, () => Promise.reject(new Error('broken'))), /broken/);
  });
});
