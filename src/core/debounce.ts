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
