import vscode = require('vscode');
import { l10n } from 'vscode';
import { checkJwksUrl } from '../../core/jwt';

/**
 * Hosts the user agreed to fetch keys from, for this session. The panel asks once per host, so a
 * pasted URL never causes a request the user did not see coming.
 */
export class ApprovedHosts {
  private readonly approved = new Set<string>();

  /** True when keys may be fetched from the URL's host; asks the first time. Throws for a refused URL. */
  async allows(text: string): Promise<boolean> {
    const url = checkJwksUrl(text);
    if (this.approved.has(url.host)) return true;
    const fetch = l10n.t('Fetch');
    const choice = await vscode.window.showWarningMessage(
      l10n.t('Fetch keys from {0}?', url.host),
      {
        modal: true,
        detail: l10n.t('Django Kit will download {0} (at most 1 MB, within 5 s) to verify the token. It will not ask again for {1} in this session.', url.href, url.host),
      },
      fetch,
    );
    if (choice !== fetch) return false;
    this.approved.add(url.host);
    return true;
  }
}
