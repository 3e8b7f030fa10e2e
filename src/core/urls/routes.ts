import type { UrlParam } from './types';

// Django's own path syntax: `<converter:name>` or `<name>` (converter `str`).
const PATH_PARAMETER = /<(?:(?<converter>[^>:]+):)?(?<name>[^>]+)>/g;
// Named groups of a regex route, as Python writes them.
const NAMED_GROUP = /\(\?P<(?<name>[A-Za-z_]\w*)>/g;

/** The values a path() route or a re_path() regex captures, in order. */
export function routeParams(route: string, regex: boolean): UrlParam[] {
  if (regex) return [...route.matchAll(NAMED_GROUP)].map((match) => ({ name: match.groups!.name, converter: null }));
  return [...route.matchAll(PATH_PARAMETER)].map((match) => ({ name: match.groups!.name, converter: match.groups!.converter ?? 'str' }));
}

/**
 * Whether a regex route captures groups positionally only (no named group): then reverse() takes
 * positional arguments whose count the reading does not try to tell.
 */
export function hasUnnamedGroups(route: string): boolean {
  return !/\(\?P</.test(route) && /\((?!\?)/.test(route.replace(/\\\(/g, ''));
}

/** Joins an include prefix and a route the way Django shows them: a regex's `^` after a prefix is dropped. */
export function joinRoute(prefix: string, route: string): string {
  if (prefix === '') return route;
  return prefix + (route.startsWith('^') ? route.slice(1) : route);
}
