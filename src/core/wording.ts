import * as l10n from '@vscode/l10n';

/**
 * Alternatives as one phrase (`'a' or 'b' or 'c'`), each `or` a whole localized pair, so that a
 * translation chooses its own conjunction instead of a glued English ` or `.
 */
export function alternatives(items: readonly string[]): string {
  return items.reduce((phrase, item) => l10n.t({ message: '{0} or {1}', args: [phrase, item], comment: 'Two alternatives; {0} may itself be a list of alternatives joined this way.' }));
}
