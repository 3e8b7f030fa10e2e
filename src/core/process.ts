import { type ChildProcess, spawn } from 'node:child_process';

/** A process to run: always an executable and an argument array, never a shell string. */
export interface ProcessSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Called with each complete line of output as it arrives (stdout and stderr alike). */
  readonly onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  readonly signal?: AbortSignal;
  /** Ends the process tree when it runs longer than this; the result then says `timedOut`. */
  readonly timeoutMs?: number;
}

export interface ProcessResult {
  /** Exit code, or null when the process was ended by a signal (for example on cancel). */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly cancelled: boolean;
  /** True when the run was ended because it passed `timeoutMs` (then `cancelled` is true too). */
  readonly timedOut?: boolean;
}

/** The process could not be started at all (missing executable, permission denied…). */
export class SpawnError extends Error {
  constructor(
    readonly command: string,
    readonly errno: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs a process to completion and collects its output. Cancelling through `signal` ends the
 * whole process tree, not just the direct child, because pip and manage.py start children of
 * their own.
 */
export function runProcess(spec: ProcessSpec): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    if (spec.signal?.aborted) {
      resolve({ code: null, stdout: '', stderr: '', cancelled: true });
      return;
    }
    const child = spawn(spec.command, [...spec.args], {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      shell: false,
      windowsHide: true,
      // Its own process group on POSIX, so the tree can be ended together.
      detached: process.platform !== 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let cancelled = false;
    let timedOut = false;
    const out: string[] = [];
    const err: string[] = [];
    collectLines(child, 'stdout', out, spec.onLine);
    collectLines(child, 'stderr', err, spec.onLine);
    const onAbort = () => {
      cancelled = true;
      killTree(child);
    };
    spec.signal?.addEventListener('abort', onAbort, { once: true });
    const timer =
      spec.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            onAbort();
          }, spec.timeoutMs);
    const stopWatching = () => {
      clearTimeout(timer);
      spec.signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error: NodeJS.ErrnoException) => {
      stopWatching();
      reject(new SpawnError(spec.command, error.code, describeSpawnError(spec.command, error)));
    });
    child.on('close', (code) => {
      stopWatching();
      const settle = () => resolve({ code, stdout: out.join(''), stderr: err.join(''), cancelled, ...(timedOut ? { timedOut } : {}) });
      // The direct child can be gone while its children are still dying; callers clean up after a
      // cancel (removing a half-made venv), so they must not run while a grandchild still writes.
      if (cancelled && child.pid !== undefined) void waitForGroupExit(child.pid).then(settle);
      else settle();
    });
  });
}

function collectLines(
  child: ChildProcess,
  stream: 'stdout' | 'stderr',
  sink: string[],
  onLine: ProcessSpec['onLine'],
): void {
  let partial = '';
  const source = child[stream];
  if (!source) return;
  source.setEncoding('utf8');
  source.on('data', (chunk: string) => {
    sink.push(chunk);
    if (!onLine) return;
    const lines = (partial + chunk).split(/\r?\n/);
    partial = lines.pop() ?? '';
    for (const line of lines) onLine(line, stream);
  });
  source.on('end', () => {
    if (onLine && partial) onLine(partial, stream);
  });
}

/** Ends a process and everything it started. */
export function killTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  if (process.platform === 'win32') {
    spawn('taskkill', ['/pid', String(child.pid), '/T', '/F'], { windowsHide: true, stdio: 'ignore' });
    return;
  }
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
}

/**
 * Resolves once no process of the group led by `pid` is left (POSIX), sending SIGKILL to any that
 * ignore SIGTERM for too long. On Windows taskkill /T /F has already ended the tree.
 */
async function waitForGroupExit(pid: number, killAfterMs = 2000, giveUpAfterMs = 5000): Promise<void> {
  if (process.platform === 'win32') return;
  const start = Date.now();
  let killed = false;
  for (;;) {
    const elapsed = Date.now() - start;
    if (elapsed >= giveUpAfterMs) return;
    const signal: NodeJS.Signals | 0 = !killed && elapsed >= killAfterMs ? 'SIGKILL' : 0;
    try {
      process.kill(-pid, signal);
    } catch {
      return; // ESRCH: the whole group is gone.
    }
    killed ||= signal === 'SIGKILL';
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function describeSpawnError(command: string, error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return `${command} was not found`;
    case 'EACCES':
      return `${command} cannot be run: permission denied`;
    default:
      return `${command} could not be started: ${error.message}`;
  }
}
