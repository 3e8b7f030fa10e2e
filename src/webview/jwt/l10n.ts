import * as l10n from '@vscode/l10n';

/**
 * Gives `l10n.t` the translations the extension put on the page (see page.ts). It must run before
 * any text is made; without translations (English) the messages stay as written.
 */
export function loadTranslations(): void {
  const contents = document.getElementById('app')?.dataset.l10n;
  if (contents) l10n.config({ contents });
}
