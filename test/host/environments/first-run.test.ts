import assert from 'node:assert/strict';
import vscode = require('vscode');
import { contentItems, interpreterItems } from '../../../src/features/environments/pickers';
import { packagesUsedInFolder } from '../../../src/features/environments/projectPackages';
import { activateExtension, workspaceRoot } from '../util';

// What the Create Environment pickers offer on this machine, built by the extension's own code in
// the host: `/usr/bin/python3` has Django 3.2 and DRF, while the first `python3` on PATH is a
// pyenv interpreter without them (the trap a new user fell into).
describe('Create Environment: what the pickers offer', function () {
  this.timeout(60_000);
  let log: vscode.LogOutputChannel;
  before(async () => {
    await activateExtension();
    log = vscode.window.createOutputChannel('Django Kit picker test', { log: true });
  });
  after(() => log.dispose());

  it('lists the interpreters that already have Django and DRF first, with their versions', async () => {
    const items = await interpreterItems(log, 'create');
    assert.ok(items.length >= 2, `interpreters found: ${items.map((i) => i.python).join(', ')}`);
    const [best] = items;
    assert.match(best.description ?? '', /^Django 3\.2\.\d+ · DRF \d+\.\d+\.\d+/);
    assert.match(best.detail ?? '', /^\/usr\/bin\/python3/);
    const withoutDjango = items.findIndex((item) => item.description?.startsWith('no Django'));
    assert.ok(withoutDjango > 0, 'an interpreter without Django is listed, after the one with it');
  });

  it('pre-selects Simple JWT because the project settings use rest_framework_simplejwt', async () => {
    const folder = vscode.workspace.getWorkspaceFolder(workspaceRoot());
    assert.ok(folder);
    const used = await packagesUsedInFolder(folder);
    assert.ok(used.has('djangorestframework-simplejwt'));
    const jwt = contentItems(folder, used).find((item) => item.label === 'Simple JWT');
    assert.equal(jwt?.picked, true);
    assert.equal(jwt?.description, 'djangorestframework-simplejwt · the project uses it');
    assert.equal(contentItems(folder, new Set()).find((item) => item.label === 'Simple JWT')?.picked, false);
  });
});
