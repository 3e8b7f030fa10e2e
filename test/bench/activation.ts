// Runs inside the extension host for `npm run bench`: times Django Kit's activation (loading
// dist/extension.js and running activate()) in a folder where nothing has activated it yet.
import * as vscode from 'vscode';
import { profiled } from './profile';

const EXTENSION_ID = 'django-kit.django-kit';

// The host activates built-in extensions while the workbench starts; timing ours in the middle of that
// measures the crowd. Wait until the count of active extensions has held still for a while.
async function hostSettled(quietMs = 1500, giveUpMs = 15_000): Promise<void> {
  const started = Date.now();
  let count = -1;
  let since = Date.now();
  while (Date.now() - started < giveUpMs) {
    const now = vscode.extensions.all.filter((e) => e.isActive).length;
    if (now !== count) {
      count = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function run(): Promise<void> {
  await hostSettled();
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not installed in this host`);
  if (extension.isActive) throw new Error('the extension was already active; the figure would mean nothing');
  const started = performance.now();
  await profiled(async () => extension.activate());
  const activationMs = performance.now() - started;
  console.log(`DJANGO_KIT_BENCH ${JSON.stringify({ activationMs })}`);
}
