import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { requirementName } from './commands';
import { runProcess } from '../process';
import { PROBE_TIMEOUT_MS } from './probe';

/**
 * Requirement files a project offers: `requirements*.txt` at its root and any `.txt` in a
 * `requirements/` folder (the common split into base/dev/prod). Relative to `root`, sorted.
 */
export function findRequirementFiles(root: string, listDir: (dir: string) => readonly string[]): string[] {
  const found = list(listDir, root).filter((name) => /^requirements.*\.txt$/i.test(name));
  const nested = list(listDir, path.join(root, 'requirements'))
    .filter((name) => name.toLowerCase().endsWith('.txt'))
    .map((name) => path.join('requirements', name));
  return [...found, ...nested].sort();
}

function list(listDir: (dir: string) => readonly string[], dir: string): string[] {
  try {
    return [...listDir(dir)];
  } catch {
    return [];
  }
}

/**
 * Distribution names listed in a requirements file, for reporting their versions afterwards.
 * Options (`-r`, `-e`, `--index-url`), URLs and comments are skipped: pip still reads them.
 */
export function requirementNames(text: string): string[] {
  const names: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line.length === 0 || line.startsWith('-') || /^[a-z+]+:\/\//i.test(line)) continue;
    const name = requirementName(line);
    if (name) names.push(name);
  }
  return names;
}

/**
 * The distributions whose versions a summary reports: the packages asked for, then those named
 * in the requirement files. An unreadable file is skipped here; pip reports it in its own words.
 */
export function reportedDistributions(
  packages: readonly string[],
  requirementFiles: readonly string[],
  readFile: (file: string) => string = (file) => readFileSync(file, 'utf8'),
): string[] {
  const names = packages.map((spec) => requirementName(spec) ?? spec);
  for (const file of requirementFiles) {
    try {
      names.push(...requirementNames(readFile(file)));
    } catch {
      continue;
    }
  }
  // Distribution names compare case-insensitively, with -, _ and . alike (PEP 503).
  const seen = new Set<string>();
  return names.filter((name) => {
    const key = name.toLowerCase().replace(/[-_.]+/g, '-');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// tomllib (Python 3.11+) is a real TOML parser; the interpreter the project uses reads its own file.
const PYPROJECT_SCRIPT = `
import json, sys
try:
    import tomllib
except ImportError:
    sys.exit("reading pyproject.toml needs Python 3.11 or newer (tomllib)")
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
print(json.dumps(data.get("project", {}).get("dependencies", [])))
`;

/** The `[project] dependencies` of a pyproject.toml, read by `python`. */
export async function pyprojectDependencies(python: string, file: string, signal?: AbortSignal): Promise<string[]> {
  const result = await runProcess({ command: python, args: ['-c', PYPROJECT_SCRIPT, file], signal, timeoutMs: PROBE_TIMEOUT_MS });
  if (result.timedOut) throw new Error(l10n.t('Could not read the dependencies of {0}: {1} did not answer', file, python));
  if (result.code !== 0) {
    const reason = result.stderr.trim();
    throw new Error(
      reason
        ? l10n.t('Could not read the dependencies of {0}: {1}', file, reason)
        : l10n.t('Could not read the dependencies of {0}: exit code {1}', file, String(result.code)),
    );
  }
  const value = JSON.parse(result.stdout) as unknown;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new Error(l10n.t('{0} has a {1} entry that is not a list of strings', file, '[project] dependencies'));
  }
  return value;
}
