import assert from 'node:assert/strict';
import { resolveWorkspacePath, toWorkspacePath } from '../../src/core/python/workspacePath';

describe('interpreter paths in settings files', () => {
  it('writes an environment inside the workspace folder relative to ${workspaceFolder}', () => {
    assert.equal(toWorkspacePath('/work/shop/venv/bin/python', '/work/shop', 'posix'), '${workspaceFolder}/venv/bin/python');
    assert.equal(toWorkspacePath('/work/shop/my env/bin/python', '/work/shop/', 'posix'), '${workspaceFolder}/my env/bin/python');
    assert.equal(toWorkspacePath('C:\\shop\\.venv\\Scripts\\python.exe', 'C:\\shop', 'win32'), '${workspaceFolder}/.venv/Scripts/python.exe');
  });

  it('keeps an interpreter outside the folder absolute', () => {
    assert.equal(toWorkspacePath('/usr/bin/python3', '/work/shop', 'posix'), '/usr/bin/python3');
    assert.equal(toWorkspacePath('/work/shop-other/venv/bin/python', '/work/shop', 'posix'), '/work/shop-other/venv/bin/python');
    assert.equal(toWorkspacePath('/work/shop', '/work/shop', 'posix'), '/work/shop');
    assert.equal(toWorkspacePath('D:\\py\\python.exe', 'C:\\shop', 'win32'), 'D:\\py\\python.exe');
  });

  it('resolves what it wrote back to the absolute path, and leaves other values alone', () => {
    for (const [file, folder, platform] of [
      ['/work/shop/venv/bin/python', '/work/shop', 'posix'],
      ['/work/a b/é/.venv/bin/python', '/work/a b', 'posix'],
      ['C:\\shop\\.venv\\Scripts\\python.exe', 'C:\\shop', 'win32'],
    ] as const) {
      assert.equal(resolveWorkspacePath(toWorkspacePath(file, folder, platform), folder, platform), file);
    }
    assert.equal(resolveWorkspacePath('/usr/bin/python3', '/work/shop', 'posix'), '/usr/bin/python3');
    assert.equal(resolveWorkspacePath('${workspaceFolder}/venv/bin/python', undefined, 'posix'), '${workspaceFolder}/venv/bin/python');
  });
});
