// Durations as people write them on a command line: "90", "90s", "15m", "2h", "7d", "1h30m".

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
const WHOLE = /^(?:\d+[smhdw])+$/;
const PART = /(\d+)([smhdw])/g;

/** Seconds in a duration, or undefined when the text is not one. A bare number is seconds. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!WHOLE.test(trimmed)) return undefined;
  let seconds = 0;
  for (const [, count, unit] of trimmed.matchAll(PART)) seconds += Number(count) * UNIT_SECONDS[unit];
  return seconds;
}
