import { readdirSync, realpathSync, statSync } from 'node:fs';
import os from 'node:os';
import {
  type DiscoveryHost,
  type InterpreterCandidate,
  parsePyLauncherList,
  pathCandidates,
  pyenvCandidates,
  uniqueCandidates,
} from './discovery';
import { type InterpreterInfo, PROBE_TIMEOUT_MS, probeInterpreter } from './probe';
import { currentPlatform } from './venv';
import { runProcess } from '../process';

/** A candidate after asking it for its version; `problem` says why it cannot be used. */
export interface DiscoveredInterpreter {
  readonly candidate: InterpreterCandidate;
  readonly info?: InterpreterInfo;
  readonly problem?: string;
}

/** This machine's file system and environment, as discovery sees it. */
export function localDiscoveryHost(): DiscoveryHost {
  return {
    platform: currentPlatform(),
    env: process.env,
    homedir: os.homedir(),
    listDir: (dir) => readdirSync(dir),
    isFile: (file) => {
      try {
        return statSync(file).isFile();
      } catch {
        return false;
      }
    },
  };
}

/** Interpreters on PATH, from pyenv and (on Windows) from the `py` launcher, without repeats. */
export async function findInterpreterCandidates(host: DiscoveryHost = localDiscoveryHost()): Promise<InterpreterCandidate[]> {
  const found = [...pathCandidates(host), ...pyenvCandidates(host)];
  if (host.platform === 'win32') found.push(...(await pyLauncherCandidates()));
  return uniqueCandidates(found, resolvedPath);
}

async function pyLauncherCandidates(): Promise<InterpreterCandidate[]> {
  try {
    const result = await runProcess({ command: 'py', args: ['-0p'], timeoutMs: PROBE_TIMEOUT_MS });
    return parsePyLauncherList(result.stdout).map((file) => ({ path: file, source: 'py-launcher' as const }));
  } catch {
    return [];
  }
}

function resolvedPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Probes each candidate for its version, a few at a time. Candidates that turn out to be the
 * same interpreter (a pyenv shim and the version it runs) are kept once, the first one seen.
 */
export async function describeInterpreters(
  candidates: readonly InterpreterCandidate[],
  probe: (python: string) => Promise<InterpreterInfo> = (python) => probeInterpreter(python),
  concurrency = 4,
): Promise<DiscoveredInterpreter[]> {
  const results: DiscoveredInterpreter[] = new Array(candidates.length);
  let next = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const index = next++;
      const candidate = candidates[index];
      try {
        results[index] = { candidate, info: await probe(candidate.path) };
      } catch (error) {
        results[index] = { candidate, problem: error instanceof Error ? error.message : String(error) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, candidates.length) }, worker));
  const seen = new Set<string>();
  return results.filter((result) => {
    if (!result.info) return true;
    const key = resolvedPath(result.info.executable);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
