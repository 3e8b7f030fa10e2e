// Runs inside the extension host for `npm run screenshots`: sets up each README scene through the
// API, then asks the runner (through a log line) to photograph the workbench. Not a test.
import path from 'node:path';
import * as vscode from 'vscode';

const SHOT_MARK = 'DJANGO_KIT_SCREENSHOT ';
const EXTENSION_ID = 'django-kit.django-kit';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return folder.uri;
}

/** The runner takes the picture when it reads the mark; give the workbench time to paint first and after. */
async function shoot(name: string): Promise<void> {
  await settle(1500);
  console.log(`${SHOT_MARK}${name}`);
  await settle(1500);
}

function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function openAt(relative: string, find: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), relative));
  const editor = await vscode.window.showTextDocument(document);
  const offset = document.getText().indexOf(find);
  if (offset < 0) throw new Error(`'${find}' is not in ${relative}`);
  const position = document.positionAt(offset + 1);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  return editor;
}

async function settingsHover(): Promise<void> {
  await openAt('mysite/settings.py', 'WSGI_APPLICATION');
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot('settings-hover');
}

async function jwtPanel(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
  const token = process.env.DJANGO_KIT_SCREENSHOT_TOKEN;
  if (!token) throw new Error('DJANGO_KIT_SCREENSHOT_TOKEN is not set');
  await vscode.commands.executeCommand('djangoKit.jwt.decode', token);
  await vscode.commands.executeCommand('djangoKit.jwt.verifyWithProjectKey', token);
  await shoot('jwt-panel');
}

async function migrationsView(): Promise<void> {
  await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
  await vscode.commands.executeCommand('djangoKit.migrations.migrate', { project: path.join(root().fsPath, 'manage.py'), app: 'auth' });
  await vscode.commands.executeCommand('djangoKit.migrations.refresh');
  await vscode.commands.executeCommand('djangoKit.migrations.focus');
  await openAt('catalog/models.py', 'class Product');
  await shoot('migrations-view');
}

async function template(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await openAt('catalog/templates/catalog/product_list.html', 'block content');
  await shoot('template-highlighting');
}

export async function run(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  for (const scene of [settingsHover, migrationsView, template, jwtPanel]) {
    try {
      await scene();
    } catch (error) {
      console.log(`scene ${scene.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}
