// The panel's HTML shell, built by the extension. It carries no data: everything shown is drawn
// later by the bundled script, which is the only script the Content-Security-Policy lets run.

export interface PageAssets {
  /** `webview.cspSource`: the origin the webview serves local resources from. */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** Fresh for every load, so no other script can guess it. */
  readonly nonce: string;
}

export function panelPage(assets: PageAssets): string {
  const csp = [`default-src 'none'`, `style-src ${assets.cspSource}`, `script-src 'nonce-${assets.nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${assets.styleUri}">
<title>JWT</title>
</head>
<body>
<main id="app"></main>
<script nonce="${assets.nonce}" src="${assets.scriptUri}"></script>
</body>
</html>`;
}
