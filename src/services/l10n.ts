import vscode = require('vscode');
import * as coreL10n from '@vscode/l10n';

/**
 * The core writes its user-facing text with `@vscode/l10n` (it cannot reach `vscode.l10n`), and the
 * CLI never configures it, so the CLI stays English. In the editor the core gets the same bundle
 * VS Code loaded for the extension: one translation file serves both.
 */
export function localizeCore(): void {
  const contents = vscode.l10n.bundle;
  if (contents) coreL10n.config({ contents });
}
