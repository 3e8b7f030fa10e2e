// The URL names of one reading, looked up the way reverse() looks them up, and the judgement of
// each usage: an unknown name, the wrong count of positional values, a keyword the route lacks.
import * as l10n from '@vscode/l10n';
import { closestName } from '../settings/diagnostics';
import { alternatives } from '../wording';
import type { UrlEntry, UrlReading } from './types';
import type { KeywordArgument, UrlUsage } from './usages';

export type UrlDiagnosticCode = 'unknown-url-name' | 'url-argument-count' | 'unknown-url-keyword';

export interface UrlDiagnostic {
  /** Offsets of what is wrong: the name, or the keyword. */
  readonly start: number;
  readonly end: number;
  readonly severity: 'error';
  readonly code: UrlDiagnosticCode;
  readonly message: string;
  /** What the quick fix writes over start…end, when there is a likely intended text. */
  readonly replacement?: string;
}

export class UrlNames {
  private readonly byName = new Map<string, UrlEntry[]>();

  constructor(readonly reading: UrlReading) {
    for (const url of reading.urls) {
      if (url.name === null) continue;
      const list = this.byName.get(url.name);
      if (list) list.push(url);
      else this.byName.set(url.name, [url]);
    }
  }

  /** Every known full name, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** The URLs of a name: several when format suffixes or alternatives share it. */
  entries(name: string): readonly UrlEntry[] {
    const alias = this.reading.aliases[name];
    return this.byName.get(name) ?? (alias === undefined ? [] : (this.byName.get(alias) ?? []));
  }

  /**
   * Whether an unknown name may be reported: only when the reading is complete and the name is
   * not under a namespace whose names are built at run time (the admin's).
   */
  canJudge(name: string): boolean {
    return this.reading.complete && !this.reading.opaqueNamespaces.some((namespace) => name.startsWith(`${namespace}:`));
  }

  check(usages: readonly UrlUsage[]): UrlDiagnostic[] {
    return usages.flatMap((usage) => this.checkUsage(usage));
  }

  private checkUsage(usage: UrlUsage): UrlDiagnostic[] {
    const entries = this.entries(usage.name);
    if (entries.length === 0) {
      if (!this.canJudge(usage.name)) return [];
      const suggestion = closestName(usage.name, this.names());
      const message = suggestion ? l10n.t('Unknown URL name `{0}`. Did you mean `{1}`?', usage.name, suggestion) : l10n.t('Unknown URL name `{0}`.', usage.name);
      return [{ start: usage.start, end: usage.end, severity: 'error', code: 'unknown-url-name', message, ...(suggestion ? { replacement: suggestion } : {}) }];
    }
    if (entries.some((entry) => entry.positionalOnly || entry.source === 'resolver')) return [];
    const keywords = usage.keywords ?? [];
    if (usage.keywords !== undefined && keywords.length > 0) return this.checkKeywords(usage, entries, keywords);
    if (usage.positional === undefined || usage.keywords === undefined) return [];
    if (entries.some((entry) => entry.params.length === usage.positional)) return [];
    const counts = [...new Set(entries.map((entry) => entry.params.length))].sort();
    const params = entries.find((entry) => entry.params.length === counts[0])!.params.map((p) => p.name);
    const message = argumentCountMessage(usage.name, counts, params, usage.positional);
    return [{ start: usage.start, end: usage.end, severity: 'error', code: 'url-argument-count', message }];
  }

  private checkKeywords(usage: UrlUsage, entries: readonly UrlEntry[], keywords: readonly KeywordArgument[]): UrlDiagnostic[] {
    const accepted = new Set(entries.flatMap((entry) => [...entry.params.map((p) => p.name), ...entry.defaults]));
    const unknown = keywords.filter((keyword) => !accepted.has(keyword.name));
    if (unknown.length > 0) {
      return unknown.map((keyword) => {
        const suggestion = closestName(keyword.name, [...accepted]);
        const message =
          accepted.size > 0
            ? l10n.t('`{0}` has no argument `{1}`: its route takes {2}.', usage.name, keyword.name, [...accepted].join(', '))
            : l10n.t('`{0}` has no argument `{1}`: its route takes no arguments.', usage.name, keyword.name);
        return { start: keyword.start, end: keyword.end, severity: 'error', code: 'unknown-url-keyword', message, ...(suggestion ? { replacement: suggestion } : {}) };
      });
    }
    if (usage.positional !== 0) return [];
    const given = new Set(keywords.map((keyword) => keyword.name));
    // reverse() needs every captured value; the extra kwargs of path() may be given or not.
    const fits = entries.some((entry) => entry.params.every((p) => given.has(p.name)) && [...given].every((name) => entry.params.some((p) => p.name === name) || entry.defaults.includes(name)));
    if (fits) return [];
    const missing = entries[0].params.map((p) => p.name).filter((name) => !given.has(name));
    const message = l10n.t('`{0}` also needs {1}.', usage.name, missing.map((name) => `\`${name}\``).join(', '));
    return [{ start: usage.start, end: usage.end, severity: 'error', code: 'url-argument-count', message }];
  }
}

/**
 * `name` takes 1 argument (pk), not 2. The parameters named are those of the first count, so they
 * are there exactly when that count is not 0.
 */
function argumentCountMessage(name: string, counts: readonly number[], params: readonly string[], given: number): string {
  if (params.length === 0) return l10n.t('`{0}` takes {1} arguments, not {2}.', name, alternatives(counts.map(String)), given);
  if (counts.length === 1 && counts[0] === 1) return l10n.t('`{0}` takes 1 argument ({1}), not {2}.', name, params.join(', '), given);
  return l10n.t('`{0}` takes {1} arguments ({2}), not {3}.', name, alternatives(counts.map(String)), params.join(', '), given);
}
