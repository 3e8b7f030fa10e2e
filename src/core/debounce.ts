/**
 * Wraps `action` so that a burst of calls runs it once, `ms` after the last call: file watchers
 * report every file of a checkout or a makemigrations run separately.
 */
export function debounce(action: () => void, ms: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(action, ms);
  };
}

/**
 * One pending run per key (a document): each `schedule` replaces that key's run, which then happens
 * `ms` after the key's last call. Checks use it so that typing re-checks a file once, after a pause.
 */
export class DebouncedByKey {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ms: number) {}

  /** Runs `action` `ms` (the default delay unless given) after this call, instead of any run pending for `key`. */
  schedule(key: string, action: () => void, ms = this.ms): void {
    this.cancel(key);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        action();
      }, ms),
    );
  }

  cancel(key: string): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
