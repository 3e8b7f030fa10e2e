// The order statistics the benchmarks report, one definition for all of them.

/** The value below which `p` percent of `values` lie: the sorted value at index ⌊p·n/100⌋. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** The middle value (the upper one of an even count). */
export function median(values) {
  return percentile(values, 50);
}
