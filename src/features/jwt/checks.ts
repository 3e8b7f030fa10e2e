import { type ClaimExpectations, parseDuration } from '../../core/jwt';
import type { ClaimCheckFields } from '../../webview/jwt/protocol';

/** A claim check field the user filled in wrongly; shown on the panel in place of a verdict. */
export class CheckFieldError extends Error {}

/** The panel's claim check fields as expectations; empty fields ask nothing. */
export function expectationsFrom(fields: ClaimCheckFields | undefined): ClaimExpectations {
  if (!fields) return {};
  const list = (text: string) => text.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  const audiences = list(fields.audiences);
  const algorithms = list(fields.algorithms);
  return {
    issuer: optional(fields.issuer),
    subject: optional(fields.subject),
    audiences: audiences.length > 0 ? audiences : undefined,
    algorithms: algorithms.length > 0 ? algorithms : undefined,
    leewaySeconds: duration('Leeway', fields.leeway),
    maxAgeSeconds: duration('Max age', fields.maxAge),
  };
}

/** The user's own checks win over the project's where both say something. */
export function mergeExpectations(project: ClaimExpectations, typed: ClaimExpectations): ClaimExpectations {
  const defined = Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== undefined));
  return { ...project, ...defined };
}

function duration(label: string, text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new CheckFieldError(`${label} is a duration such as 30, 30s, 15m or 2h, not "${text.trim()}".`);
  return seconds;
}
