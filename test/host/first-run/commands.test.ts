import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { activateExtension } from '../util';

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, { command: string; when?: string; group?: string }[]>;
    walkthroughs: { id: string; steps: { id: string; description: string; media: { markdown: string }; completionEvents: string[] }[] }[];
  };
}

function manifest(extension: vscode.Extension<unknown>): Manifest {
  return extension.packageJSON as Manifest;
}

function paletteWhen(m: Manifest, command: string): string | undefined {
  return m.contributes.menus.commandPalette.find((entry) => entry.command === command)?.when;
}

describe('What a new user finds in the palette, the Migrations view and the walkthrough', () => {
  let extension: vscode.Extension<unknown>;
  before(async () => {
    extension = await activateExtension();
  });

  it('files every command under the one category a user can type: "Django Kit"', async () => {
    const m = manifest(extension);
    const categories = new Set(m.contributes.commands.map((c) => c.category));
    assert.deepEqual([...categories], ['Django Kit']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of m.contributes.commands) assert.ok(registered.has(command), `${command} is registered`);
  });

  it('hides "Start a Django Project Here" where a manage.py exists, and project commands where none does', () => {
    const m = manifest(extension);
    assert.match(paletteWhen(m, 'djangoKit.env.startProject') ?? '', /!djangoKit\.isDjangoProject/);
    for (const command of ['djangoKit.migrations.make', 'djangoKit.migrations.migrate', 'djangoKit.manage.check', 'djangoKit.manage.run']) {
      assert.match(paletteWhen(m, command) ?? '', /(^|&& )djangoKit\.isDjangoProject/, command);
    }
  });

  it('puts Make Migrations and Migrate, with icons, in the Migrations view title bar', () => {
    const m = manifest(extension);
    const titleBar = m.contributes.menus['view/title'].filter((entry) => entry.when === 'view == djangoKit.migrations');
    assert.deepEqual(
      titleBar.map((entry) => entry.command),
      ['djangoKit.migrations.make', 'djangoKit.migrations.migrate', 'djangoKit.migrations.refresh'],
    );
    for (const entry of titleBar) {
      assert.equal(entry.group?.split('@')[0], 'navigation', `${entry.command} shows as an icon`);
      assert.ok(m.contributes.commands.find((c) => c.command === entry.command)?.icon, `${entry.command} has an icon`);
    }
  });

  it('opens the Get Started walkthrough, each step with a command that exists and a completion event', async () => {
    const m = manifest(extension);
    const [walkthrough] = m.contributes.walkthroughs;
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['environment', 'migrate', 'hoverSetting', 'jwtPanel', 'serializers'],
    );
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthrough.steps) {
      const links = [...step.description.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.ok(links.length > 0, `${step.id} offers its command`);
      for (const command of links) assert.ok(registered.has(command), `${step.id}: ${command} is registered`);
      assert.ok(step.completionEvents.length > 0, `${step.id} can be completed`);
      assert.ok(existsSync(path.join(extension.extensionPath, step.media.markdown)), `${step.media.markdown} ships`);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension.id}#${walkthrough.id}`, false);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab, 'a tab opened');
    assert.match(tab.label, /Welcome|Walkthrough|Get Started/i);
  });
});
