/** Which interpreters the pickers offer, and how each is described. */
import * as l10n from '@vscode/l10n';
import { type InterpreterCandidate } from './discovery';
import { type DiscoveredInterpreter } from './interpreters';
import { type InterpreterInfo, isSupportedPython, MINIMUM_PYTHON } from './probe';

export interface InterpreterChoice {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly python: string;
}

/** What the picked interpreter is for: creating environments, or running the project itself. */
export type InterpreterPurpose = 'create' | 'run';

/**
 * The interpreters that answered, best first for `purpose` (see `interpreterRank`), each saying
 * which Django packages it already has; the others with why they are left out, for the log.
 */
export function interpreterChoices(found: readonly DiscoveredInterpreter[], purpose: InterpreterPurpose = 'create'): {
  readonly choices: InterpreterChoice[];
  readonly skipped: { readonly path: string; readonly reason: string }[];
} {
  const answered: { candidate: InterpreterCandidate; info: InterpreterInfo }[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const { candidate, info, problem } of found) {
    if (info) answered.push({ candidate, info });
    else skipped.push({ path: candidate.path, reason: problem ?? 'no answer' });
  }
  // Array.prototype.sort is stable: equally good interpreters keep the order they were found in.
  const choices = answered
    .sort((a, b) => interpreterRank(a.info, purpose) - interpreterRank(b.info, purpose))
    .map(({ candidate, info }) => ({
      label: `Python ${info.version}`,
      description: packagesSummary(info),
      detail: [candidate.path, interpreterDetail(candidate, info)].join(' · '),
      python: candidate.path,
    }));
  return { choices, skipped };
}

/**
 * Lower is better: one that can serve the purpose and already has Django and DRF (for creating,
 * an environment with system site packages then needs no index), then one with Django, then any
 * that can serve; those that cannot come last. Creating needs a base interpreter with venv and
 * ensurepip; running the project only a Python new enough for Django, virtual environments included.
 */
export function interpreterRank(info: InterpreterInfo, purpose: InterpreterPurpose = 'create'): number {
  const canCreate = info.hasVenvModule && info.hasEnsurepip && !info.isVenv;
  const canServe = isSupportedPython(info.version) && (purpose === 'run' || canCreate);
  if (!canServe) return 3;
  if (info.django && info.djangoRestFramework) return 0;
  return info.django ? 1 : 2;
}

/** "Django 3.2.25 · DRF 3.14.0 · Simple JWT 5.2.2", or "no Django". */
export function packagesSummary(info: Pick<InterpreterInfo, 'django' | 'djangoRestFramework' | 'simpleJwt'>): string {
  // A package's name and version are data; only "no Django" is words.
  const parts = [
    info.django && `Django ${info.django}`,
    info.djangoRestFramework && `DRF ${info.djangoRestFramework}`,
    info.simpleJwt && `Simple JWT ${info.simpleJwt}`,
  ].filter((part): part is string => Boolean(part));
  return info.django ? parts.join(' · ') : [l10n.t('no Django'), ...parts].join(' · ');
}

/** Where a candidate came from, in words (called at display time, once the editor's language is known). */
function sourceName(source: InterpreterCandidate['source']): string {
  switch (source) {
    case 'setting':
      return l10n.t('setting');
    case 'python-extension':
      return l10n.t('Python extension');
    case 'path':
      return 'PATH';
    case 'pyenv':
      return 'pyenv';
    case 'py-launcher':
      return l10n.t('py launcher');
    case 'browse':
      return l10n.t('chosen');
  }
}

/** Where an interpreter was found and what would stop it from creating a Django environment. */
export function interpreterDetail(candidate: InterpreterCandidate, info: InterpreterInfo): string {
  const notes = [sourceName(candidate.source)];
  if (!isSupportedPython(info.version)) notes.push(l10n.t('too old for Django ({0} or newer needed)', MINIMUM_PYTHON.join('.')));
  if (info.isVenv) notes.push(l10n.t('a virtual environment'));
  if (!info.hasVenvModule || !info.hasEnsurepip) notes.push(l10n.t('cannot create venvs with pip (venv/ensurepip missing)'));
  return notes.join(' · ');
}

/**
 * Candidates without exact repeats, the first kept: the Python extension and PATH often name the
 * same file. Different paths to one interpreter are merged later, after probing.
 */
export function uniqueByPath(candidates: readonly InterpreterCandidate[]): InterpreterCandidate[] {
  const seen = new Set<string>();
  return candidates.filter((candidate) => {
    if (seen.has(candidate.path)) return false;
    seen.add(candidate.path);
    return true;
  });
}
