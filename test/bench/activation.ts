// Runs inside the extension host for `npm run bench`: times Django Kit's activation (loading
// dist/extension.js and running activate()) in a folder where nothing has activated it yet.
import * as vscode from 'vscode';

const EXTENSION_ID = 'django-kit.django-kit';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  if (extension.isActive) throw new Error('the extension was already active; the figure would mean nothing');
  const started = performance.now();
  await extension.activate();
  const activationMs = performance.now() - started;
  console.log(`DJANGO_KIT_BENCH ${JSON.stringify({ activationMs })}`);
}
