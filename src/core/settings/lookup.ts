import type { InstalledDjango } from './defaults';
import type { KnowledgeBase } from './knowledge';
import { renderEntry } from './markdown';
import { type LookupScope, type SettingSite, type SettingSites, siteAt } from './scanner';
import type { SettingEntry } from './schema';

export function entryFor(knowledge: KnowledgeBase, scope: LookupScope, name: string): SettingEntry | undefined {
  return scope === 'global' ? knowledge.global(name) : knowledge.get(scope, name);
}

export interface Hover {
  readonly markdown: string;
  readonly from: number;
  readonly to: number;
}

/** What hovering at `offset` shows, or undefined when no known setting is there. */
export function hoverAt(index: SettingSites, offset: number, knowledge: KnowledgeBase, installed?: InstalledDjango): Hover | undefined {
  const site = siteAt(index, offset);
  if (!site) return undefined;
  const entry = entryFor(knowledge, site.scope, site.name);
  if (!entry) return undefined;
  return { markdown: renderEntry(entry, knowledge, hoverContext(index, site, entry, installed)), from: site.from, to: site.to };
}

function hoverContext(index: SettingSites, site: SettingSite, entry: SettingEntry, installed: InstalledDjango | undefined) {
  const value = site.value ? index.source.slice(site.value.from, site.value.to) : undefined;
  const installedDefault = site.scope === 'global' ? installed?.defaults[entry.name] : undefined;
  return {
    value,
    augmented: site.augmented,
    installed: installed && installedDefault !== undefined ? { version: installed.version, default: installedDefault } : undefined,
  };
}
