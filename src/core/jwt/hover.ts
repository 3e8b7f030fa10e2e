import * as l10n from '@vscode/l10n';
import type { TokenReport } from './report';

// Finding a JWT in a line of any file, and the Markdown summary shown on hover. Everything taken
// from the token is escaped, because a token's author controls its text.

/** A base64url run that starts like a JSON object does (`{"` encodes to `eyJ`), then 2 to 4 more. */
const CANDIDATE = /eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*){2,4}/g;

export interface FoundToken {
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

/** The JWT-looking run of text that covers `character` in `line`, if any. */
export function findTokenAt(line: string, character: number): FoundToken | undefined {
  for (const match of line.matchAll(CANDIDATE)) {
    const token = plausibleToken(match[0]);
    const start = match.index;
    const end = start + (token?.length ?? 0);
    if (token && character >= start && character <= end) return { token, start, end };
  }
  return undefined;
}

/**
 * Three parts with a real payload (JWS) or five (JWE). A full stop that ends a sentence right
 * after a token is not part of it, except where it ends an unsigned token's empty signature.
 */
function plausibleToken(text: string): string | undefined {
  let candidate = text;
  for (;;) {
    const parts = candidate.split('.');
    if ((parts.length === 3 && parts[1].length >= 2) || parts.length === 5) return candidate;
    if (!candidate.endsWith('.')) return undefined;
    candidate = candidate.slice(0, -1);
  }
}

export function looksLikeToken(text: string): boolean {
  const trimmed = text.trim().replace(/^bearer\s+/i, '');
  return findTokenAt(trimmed, 0)?.token === trimmed;
}

const MAX_JSON_IN_HOVER = 1500;

/** Hover text: a summary line, header and payload as JSON, and a link that opens the panel. */
export function hoverMarkdown(report: TokenReport, openCommand: string, token: string): string {
  const alg = typeof report.header?.alg === 'string' ? report.header.alg : l10n.t('no alg');
  const summary = [`**JWT** · ${escapeMarkdown(alg)}`, ...timeSummary(report)].join(' · ');
  const lines = [summary, '', fence(report.header ?? l10n.t('(unreadable header)')), fence(report.payload ?? l10n.t('(unreadable payload)'))];
  const alarms = report.warnings.filter((w) => w.severity === 'danger').map((w) => `⚠ ${escapeMarkdown(w.message)}`);
  if (alarms.length > 0) lines.push(...alarms, '');
  lines.push(l10n.t('[Open in JWT panel]({0})', `command:${openCommand}?${encodeURIComponent(JSON.stringify([token]))}`));
  return lines.join('\n');
}

function timeSummary(report: TokenReport): string[] {
  const exp = report.claims.find((claim) => claim.name === 'exp')?.time?.relative;
  const parts = exp ? [escapeMarkdown(exp)] : [];
  if (report.status.notYetValid) parts.push(l10n.t('not yet valid'));
  if (report.status.issuedInFuture) parts.push(l10n.t('issued in the future'));
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
