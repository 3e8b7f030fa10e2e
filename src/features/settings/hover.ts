import vscode = require('vscode');
import { hoverAt } from '../../core/settings/lookup';
import { rangeOf } from '../../services/ranges';
import { type SettingsSupport, untrustedMarkdown } from './support';

/**
 * Explains the setting under the pointer. It reads only the statement there when the document has no
 * scan of this version yet, and never waits: neither for the checks' whole-module parse nor for the
 * interpreter, whose defaults appear in hovers once it has answered (it is asked as soon as a settings
 * module is shown).
 */
export function hoverProvider(support: SettingsSupport): vscode.HoverProvider {
  return {
    provideHover(document, position) {
      const offset = document.offsetAt(position);
      const hover = hoverAt(support.scanAround(document, offset), offset, support.knowledge, support.installedDjangoIfKnown(document));
      return hover && new vscode.Hover(untrustedMarkdown(hover.markdown), rangeOf(document, hover.from, hover.to));
    },
  };
}
