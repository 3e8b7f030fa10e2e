// The panel's HTML shell, built by the extension. It carries no token data: everything shown is
// drawn later by the bundled script, which is the only script the Content-Security-Policy lets run.
// The translations ride along in a data attribute, so the script has them before it draws a word.

export interface PageAssets {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh for every load, so no other script can guess it. */
  readonly nonce: string;
  /** VS Code's display language (`vscode.env.language`), for the page's `lang`. */
  readonly language?: string;
  /** `vscode.l10n.bundle`: undefined when VS Code shows English. */
  readonly translations?: { readonly [message: string]: string };
}

export function panelPage(assets: PageAssets): string {
  const csp = [`default-src 'none'`, `style-src ${assets.cspSource}`, `script-src 'nonce-${assets.nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(assets.language ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${assets.styleUri}">
<title>JWT</title>
</head>
<body>
<main id="app"${assets.translations ? ` data-l10n="${escapeAttribute(JSON.stringify(assets.translations))}"` : ''}></main>
<script nonce="${assets.nonce}" src="${assets.scriptUri}"></script>
</body>
</html>`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
