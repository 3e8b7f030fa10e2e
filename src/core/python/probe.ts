import { runProcess, SpawnError } from '../process';

/** What Django Kit needs to know about an interpreter before trusting it with a project. */
export interface InterpreterInfo {
  readonly executable: string;
  /** Full version, for example "3.11.2". */
  readonly version: string;
  readonly isVenv: boolean;
  readonly hasVenvModule: boolean;
  readonly hasEnsurepip: boolean;
  /** Installed distribution versions, or null when absent. */
  readonly django: string | null;
  readonly djangoRestFramework: string | null;
  readonly simpleJwt: string | null;
  /** Versions of the distributions asked about, null for those not installed. */
  readonly distributions: Readonly<Record<string, string | null>>;
}

// Written to run on any Python from 2.7 on, so that an old interpreter gets a clear
// "too old" message instead of a traceback. Module lookups use find_spec, which finds a
// module without importing it (importing django would run its app registry checks).
const PROBE_SCRIPT = `
import sys, json
def has(name):
    try:
        import importlib.util
        return importlib.util.find_spec(name) is not None
    except Exception:
        return False
def dist(name):
    try:
        from importlib.metadata import version
        return version(name)
    except Exception:
        return None
print(json.dumps({
    "executable": sys.executable,
    "version": "%d.%d.%d" % sys.version_info[:3],
    "isVenv": getattr(sys, "base_prefix", sys.prefix) != sys.prefix,
    "hasVenvModule": has("venv"),
    "hasEnsurepip": has("ensurepip"),
    "django": dist("django"),
    "djangoRestFramework": dist("djangorestframework"),
    "simpleJwt": dist("djangorestframework-simplejwt"),
    "distributions": dict((name, dist(name)) for name in sys.argv[1:]),
}))
`;

/** The argument array that makes an interpreter describe itself (and `distributions`) as one JSON line. */
export function probeArgs(distributions: readonly string[] = []): string[] {
  return ['-c', PROBE_SCRIPT, ...distributions];
}

/** Reads the probe's JSON line; undefined when the output is not the probe's (not a Python). */
export function parseProbeOutput(stdout: string): InterpreterInfo | undefined {
  const line = stdout.trim().split(/\r?\n/).pop();
  if (!line) return undefined;
  try {
    const value = JSON.parse(line) as Partial<InterpreterInfo>;
    if (typeof value.version !== 'string' || typeof value.executable !== 'string') return undefined;
    return {
      executable: value.executable,
      version: value.version,
      isVenv: value.isVenv === true,
      hasVenvModule: value.hasVenvModule === true,
      hasEnsurepip: value.hasEnsurepip === true,
      django: value.django ?? null,
      djangoRestFramework: value.djangoRestFramework ?? null,
      simpleJwt: value.simpleJwt ?? null,
      distributions: value.distributions ?? {},
    };
  } catch {
    return undefined;
  }
}

/** Why an interpreter could not be probed: it is missing, cannot run, or is not a Python. */
export class ProbeError extends Error {
  constructor(
    readonly python: string,
    readonly reason: 'not-found' | 'permission' | 'not-python' | 'not-answering',
    message: string,
    readonly output = '',
  ) {
    super(message);
  }
}

/**
 * How long an interpreter has to describe itself. A Python answers in well under a second; a
 * busy machine or a pyenv shim may take a few; something on PATH that never answers must not
 * hold up the list of interpreters or the creation of an environment.
 */
export const PROBE_TIMEOUT_MS = 10_000;

/** Runs `python` once and reports its version, venv support and Django packages. */
export async function probeInterpreter(
  python: string,
  options: { distributions?: readonly string[]; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<InterpreterInfo> {
  let result;
  const timeoutMs = options.timeoutMs ?? PROBE_TIMEOUT_MS;
  try {
    result = await runProcess({ command: python, args: probeArgs(options.distributions), signal: options.signal, env: probeEnv(), timeoutMs });
  } catch (error) {
    if (error instanceof SpawnError) {
      const reason = error.errno === 'EACCES' ? 'permission' : 'not-found';
      throw new ProbeError(python, reason, error.message);
    }
    throw error;
  }
  if (result.timedOut) throw new ProbeError(python, 'not-answering', `${python} did not answer within ${timeoutMs / 1000} s`);
  const info = result.code === 0 ? parseProbeOutput(result.stdout) : undefined;
  if (!info) {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new ProbeError(python, 'not-python', `${python} did not answer as a Python interpreter`, output);
  }
  return info;
}

// A PYTHONHOME inherited from the editor's environment would make every interpreter report
// the same standard library, hiding a missing venv module.
function probeEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.PYTHONHOME;
  return env;
}

/** "3.11.2" → [3, 11]; undefined for anything else. */
export function majorMinor(version: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Django 4 and later need Python 3.8 or newer; older interpreters are refused up front. */
export const MINIMUM_PYTHON: readonly [number, number] = [3, 8];

export function isSupportedPython(version: string): boolean {
  const parsed = majorMinor(version);
  if (!parsed) return false;
  return parsed[0] > MINIMUM_PYTHON[0] || (parsed[0] === MINIMUM_PYTHON[0] && parsed[1] >= MINIMUM_PYTHON[1]);
}
