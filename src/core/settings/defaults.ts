import { runProcess } from '../process';
import { PROBE_TIMEOUT_MS } from '../python/probe';

/** What the project's own Django says about itself: its version and the repr of each global default. */
export interface InstalledDjango {
  readonly version: string;
  readonly defaults: Readonly<Record<string, string>>;
}

// Reads django.conf.global_settings without configuring a project, so it works in any environment
// where Django imports. Output is one JSON object on stdout.
const SCRIPT = [
  'import json, django',
  'from django.conf import global_settings as g',
  'print(json.dumps({"version": django.get_version(), "defaults": {k: repr(getattr(g, k)) for k in dir(g) if k.isupper()}}))',
].join('\n');

export function parseInstalledDjango(stdout: string): InstalledDjango | undefined {
  try {
    const data = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { version?: unknown; defaults?: unknown };
    if (typeof data.version !== 'string' || typeof data.defaults !== 'object' || data.defaults === null) return undefined;
    const defaults: Record<string, string> = {};
    for (const [name, value] of Object.entries(data.defaults)) if (typeof value === 'string') defaults[name] = value;
    return { version: data.version, defaults };
  } catch {
    return undefined;
  }
}

/** Asks an interpreter for its Django's version and defaults; undefined when Django is not importable. */
export async function readInstalledDjango(python: string, cwd?: string, signal?: AbortSignal): Promise<InstalledDjango | undefined> {
  const result = await runProcess({ command: python, args: ['-c', SCRIPT], cwd, signal, timeoutMs: PROBE_TIMEOUT_MS });
  if (result.code !== 0) return undefined;
  return parseInstalledDjango(result.stdout);
}

/** Compares dotted versions by their numbers ("4.10" > "4.9"); pre-release letters are ignored. */
export function compareVersions(a: string, b: string): number {
  const numbers = (v: string) => v.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const x = numbers(a);
  const y = numbers(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const difference = (x[i] ?? 0) - (y[i] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
