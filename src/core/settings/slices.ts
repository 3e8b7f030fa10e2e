import { performance } from 'node:perf_hooks';

/** Thrown between two slices of a run that a newer request made pointless. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * How long a run keeps the thread before it lets others in. In the editor, checks share the extension
 * host's only thread with hovers, completion and typing, so none of those should wait longer than this.
 */
const SLICE_MS = 4;

/**
 * Cuts a long computation into slices: work calls `due()` between units and, when the slice's time is
 * up, `await next()`, which lets queued events run and then stops the run if it was cancelled meanwhile.
 */
export class Slices {
  private started = performance.now();

  constructor(
    private readonly isCancelled: () => boolean,
    private readonly sliceMs = SLICE_MS,
  ) {}

  due(): boolean {
    return performance.now() - this.started >= this.sliceMs;
  }

  async next(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.throwIfCancelled();
    this.started = performance.now();
  }

  throwIfCancelled(): void {
    if (this.isCancelled()) throw new Cancelled();
  }
}

/**
 * Runs `work` in slices. Resolves to its result, or to undefined when `isCancelled` said so between two
 * slices (checked before the first one too, and once more after the last, so a finished run whose input
 * changed meanwhile is dropped as well).
 */
export async function runInSlices<T>(isCancelled: () => boolean, work: (slices: Slices) => Promise<T>, sliceMs = SLICE_MS): Promise<T | undefined> {
  const slices = new Slices(isCancelled, sliceMs);
  try {
    slices.throwIfCancelled();
    const result = await work(slices);
    slices.throwIfCancelled();
    return result;
  } catch (error) {
    if (error instanceof Cancelled) return undefined;
    throw error;
  }
}
