import type { TokenReport } from './report';

// Finding a JWT in a line of any file, and the Markdown summary shown on hover. Everything taken
// from the token is escaped, because a token's author controls its text.

/** Three base64url runs, the first two starting like JSON objects do (`{"` encodes to `eyJ`). */
const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*|eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}/g;

export interface FoundToken {
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

/** The JWT-looking run of text that covers `character` in `line`, if any. */
export function findTokenAt(line: string, character: number): FoundToken | undefined {
  for (const match of line.matchAll(JWT_PATTERN)) {
    const start = match.index;
    const end = start + match[0].length;
    if (character >= start && character <= end) return { token: match[0], start, end };
  }
  return undefined;
}

export function looksLikeToken(text: string): boolean {
  const trimmed = text.trim().replace(/^bearer\s+/i, '');
  return findTokenAt(trimmed, 0)?.token === trimmed;
}

const MAX_JSON_IN_HOVER = 1500;

/** Hover text: a summary line, header and payload as JSON, and a link that opens the panel. */
export function hoverMarkdown(report: TokenReport, openCommand: string, token: string): string {
  const alg = typeof report.header?.alg === 'string' ? report.header.alg : 'no alg';
  const summary = [`**JWT** · ${escapeMarkdown(alg)}`, ...timeSummary(report)].join(' · ');
  const lines = [summary, '', fence(report.header ?? '(unreadable header)'), fence(report.payload ?? '(unreadable payload)')];
  const alarms = report.warnings.filter((w) => w.severity === 'danger').map((w) => `⚠ ${escapeMarkdown(w.message)}`);
  if (alarms.length > 0) lines.push(...alarms, '');
  lines.push(`[Open in JWT panel](command:${openCommand}?${encodeURIComponent(JSON.stringify([token]))})`);
  return lines.join('\n');
}

function timeSummary(report: TokenReport): string[] {
  const exp = report.claims.find((claim) => claim.name === 'exp')?.time?.relative;
  const parts = exp ? [escapeMarkdown(exp)] : [];
  if (report.status.notYetValid) parts.push('not yet valid');
  if (report.status.issuedInFuture) parts.push('issued in the future');
  return parts;
}

function fence(value: unknown): string {
  // A backtick inside a JSON string is escaped as \u0060, so the value cannot close the fence.
  let json = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value, null, 2);
  json = json.replace(/`/g, '\\u0060');
  if (json.length > MAX_JSON_IN_HOVER) json = `${json.slice(0, MAX_JSON_IN_HOVER)}\n…`;
  return `\`\`\`json\n${json}\n\`\`\``;
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&:]/g, (char) => `\\${char}`);
}
