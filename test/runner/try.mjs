// `npm run try`: VS Code's server on 127.0.0.1 with Django Kit loaded as the extension under
// development, opened on a fresh copy of the fixture Django project. Open the printed URL in a
// browser; Ctrl-C stops it.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRunDir, prepareWorkspace, remoteUri, startServer, workbenchUrl } from './host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const runDir = makeRunDir('try');
const workspace = prepareWorkspace(repoRoot, 'django-project', runDir);
const server = await startServer({ runDir, trusted: true });
const url = workbenchUrl(server, workspace, [['extensionDevelopmentPath', remoteUri(server.authority, repoRoot)]]);
console.log(`\nDjango Kit is loaded on a copy of the fixture project in:\n  ${workspace}\n\nOpen this URL in a browser:\n  ${url}\n\nCtrl-C to stop.`);
const stop = () => {
  server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
