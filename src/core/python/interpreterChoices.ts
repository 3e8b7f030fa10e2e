/** Which interpreters the pickers offer, and how each is described. */
import { type InterpreterCandidate } from './discovery';
import { type DiscoveredInterpreter } from './interpreters';
import { type InterpreterInfo, isSupportedPython } from './probe';

export interface InterpreterChoice {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  readonly python: string;
}

/** The interpreters that answered, in the order found; the others with why they are left out, for the log. */
export function interpreterChoices(found: readonly DiscoveredInterpreter[]): {
  readonly choices: InterpreterChoice[];
  readonly skipped: { readonly path: string; readonly reason: string }[];
} {
  const choices: InterpreterChoice[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const { candidate, info, problem } of found) {
    if (info) choices.push({ label: `Python ${info.version}`, description: candidate.path, detail: interpreterDetail(candidate, info), python: candidate.path });
    else skipped.push({ path: candidate.path, reason: problem ?? 'no answer' });
  }
  return { choices, skipped };
}

const SOURCE_NAMES: Record<InterpreterCandidate['source'], string> = {
  setting: 'setting',
  'python-extension': 'Python extension',
  path: 'PATH',
  pyenv: 'pyenv',
  'py-launcher': 'py launcher',
  browse: 'chosen',
};

/** Where an interpreter was found and what would stop it from creating a Django environment. */
export function interpreterDetail(candidate: InterpreterCandidate, info: InterpreterInfo): string {
  const notes = [SOURCE_NAMES[candidate.source]];
  if (!isSupportedPython(info.version)) notes.push('too old for Django (3.8 or newer needed)');
  if (info.isVenv) notes.push('a virtual environment');
  if (!info.hasVenvModule || !info.hasEnsurepip) notes.push('cannot create venvs with pip (venv/ensurepip missing)');
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
