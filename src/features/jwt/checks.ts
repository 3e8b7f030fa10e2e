import * as l10n from '@vscode/l10n';
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
    leewaySeconds: duration(fields.leeway, (text) => l10n.t('Leeway is a duration such as 30, 30s, 15m or 2h, not "{0}".', text)),
    maxAgeSeconds: duration(fields.maxAge, (text) => l10n.t('Max age is a duration such as 30, 30s, 15m or 2h, not "{0}".', text)),
  };
}

/** The user's own checks win over the project's where both say something. */
export function mergeExpectations(project: ClaimExpectations, typed: ClaimExpectations): ClaimExpectations {
  const defined = Object.fromEntries(Object.entries(typed).filter(([, value]) => value !== undefined));
  return { ...project, ...defined };
}

/** `wrong` words the complaint about the trimmed text, naming its field in a whole sentence. */
function duration(text: string, wrong: (text: string) => string): number | undefined {
  if (text.trim() === '') return undefined;
  const seconds = parseDuration(text);
  if (seconds === undefined) throw new CheckFieldError(wrong(text.trim()));
  return seconds;
}
