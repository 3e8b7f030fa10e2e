import { runProcess } from '../process';

// One short question to a project's interpreter: where its packages live and which Django it has.
// The model then reads third-party apps and template libraries from those folders itself, so
// nothing of the project is imported.

export interface ProjectEnvironment {
  /** The import folders of the interpreter beyond its standard library (site-packages, .pth additions). */
  readonly sitePackages: readonly string[];
  readonly djangoVersion: string | null;
}

/** Fails with a message that says which interpreter did not answer and why. */
export class EnvironmentProbeError extends Error {}

export const PROBE_TIMEOUT_MS = 15_000;

// Runs with -I (isolated) so the current folder and PYTHON* variables add nothing to sys.path, and
// -S is not given, so site-packages and .pth files are there as the project sees them. Django's
// version comes from its metadata, else from its package, which imports no app.
const PROBE_SCRIPT = `
import json, os, sys, sysconfig
stdlib = set(os.path.realpath(sysconfig.get_paths()[key]) for key in ("stdlib", "platstdlib"))
folders = []
for entry in sys.path:
    real = os.path.realpath(entry) if entry else ""
    inside_stdlib = any(real == lib or real.startswith(lib + os.sep) for lib in stdlib)
    if real and os.path.isdir(real) and not inside_stdlib and entry not in folders:
        folders.append(entry)
try:
    from importlib.metadata import version
    django = version("django")
except Exception:
    try:
        import django
        django = django.get_version()
    except Exception:
        django = None
print(json.dumps({"sitePackages": folders, "djangoVersion": django}))
`;

const probes = new Map<string, Promise<ProjectEnvironment>>();

/** Asks `python` once per process for its package folders and Django version (the answer is cached). */
export function probeProjectEnvironment(python: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<ProjectEnvironment> {
  let probe = probes.get(python);
  if (!probe) {
    probe = runProbe(python, timeoutMs);
    probes.set(python, probe);
    // A failure is not remembered: the interpreter may be fixed or created in a moment.
    probe.catch(() => probes.delete(python));
  }
  return probe;
}

async function runProbe(python: string, timeoutMs: number): Promise<ProjectEnvironment> {
  let result;
  try {
    result = await runProcess({ command: python, args: ['-I', '-c', PROBE_SCRIPT], signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new EnvironmentProbeError(`${python} could not be run: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (result.cancelled) throw new EnvironmentProbeError(`${python} did not answer within ${timeoutMs / 1000} s`);
  const answer = result.code === 0 ? parseAnswer(result.stdout) : undefined;
  if (!answer) throw new EnvironmentProbeError(`${python} did not answer as a Python interpreter${result.stderr ? `: ${result.stderr.trim()}` : ''}`);
  return answer;
}

function parseAnswer(stdout: string): ProjectEnvironment | undefined {
  try {
    const value = JSON.parse(stdout.trim().split(/\r?\n/).pop() ?? '') as Partial<ProjectEnvironment>;
    if (!Array.isArray(value.sitePackages)) return undefined;
    return { sitePackages: value.sitePackages.filter((entry) => typeof entry === 'string'), djangoVersion: typeof value.djangoVersion === 'string' ? value.djangoVersion : null };
  } catch {
    return undefined;
  }
}
