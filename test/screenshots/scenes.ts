// Runs inside the extension host for `npm run screenshots`: sets up each README scene through the
// API, then asks the runner (through a log line) to photograph the workbench. Not a test.
import { existsSync } from 'node:fs';
import path from 'node:path';
import vscode = require('vscode');
import { waitFor } from '../host/util';

const SHOT_MARK = 'DJANGO_KIT_SCREENSHOT ';
const EXTENSION_ID = 'django-kit.django-kit';
const TEMPLATE = 'catalog/templates/catalog/product_list.html';

function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder');
  return folder.uri;
}

/**
 * The runner takes the picture when it reads the mark, and leaves a file named after the shot in
 * the acknowledgement folder once it is written; the scene waits for it so that the next scene
 * (or the end of the run) cannot change the screen under the camera.
 */
async function shoot(name: string): Promise<void> {
  const acks = process.env.DJANGO_KIT_SCREENSHOT_ACKS;
  if (!acks) throw new Error('DJANGO_KIT_SCREENSHOT_ACKS is not set');
  await settle(1500);
  console.log(`${SHOT_MARK}${name}`);
  await waitFor(`the runner to photograph ${name}`, () => existsSync(path.join(acks, name)), 60_000, 200);
}

function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function openAt(relative: string, find: string, after = 1): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), relative));
  const editor = await vscode.window.showTextDocument(document);
  const offset = document.getText().indexOf(find);
  if (offset < 0) throw new Error(`'${find}' is not in ${relative}`);
  const position = document.positionAt(offset + after);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
  return editor;
}

/** Types into the open template as a user would; `restore` takes it back. */
async function typeAt(editor: vscode.TextEditor, find: string, text: string): Promise<void> {
  const offset = editor.document.getText().indexOf(find);
  if (offset < 0) throw new Error(`'${find}' is not in ${editor.document.fileName}`);
  const at = editor.document.positionAt(offset);
  await editor.edit((builder) => builder.insert(at, text));
  const end = editor.document.positionAt(offset + text.length);
  editor.selection = new vscode.Selection(end, end);
}

/** Puts the scene's file back as it was (in the runner's copy of the fixture), for the next scene. */
async function restore(editor: vscode.TextEditor, original: string): Promise<void> {
  const document = editor.document;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, whole, original);
  await vscode.workspace.applyEdit(edit);
  await document.save();
}

async function clearScreen(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await vscode.commands.executeCommand('notifications.clearAll');
}

async function settingsHover(): Promise<void> {
  await openAt('mysite/settings.py', 'WSGI_APPLICATION');
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot('settings-hover');
}

async function migrationsView(): Promise<void> {
  await vscode.workspace.getConfiguration('djangoKit').update('environment.projectPython', '/usr/bin/python3', vscode.ConfigurationTarget.Workspace);
  await vscode.commands.executeCommand('djangoKit.migrations.migrate', { project: path.join(root().fsPath, 'manage.py'), app: 'auth' });
  await vscode.commands.executeCommand('djangoKit.migrations.refresh');
  await clearScreen();
  await vscode.commands.executeCommand('djangoKit.migrations.focus');
  await openAt('catalog/models.py', 'class Product');
  // The runner points at a long migration name: its tooltip and the view's title-bar actions show.
  await shoot('migrations-view');
}

function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === 'django-kit-preview');
}

/** The preview of Generate Serializers, then Apply and the offered include() in the project URLconf. */
async function serializerPreview(): Promise<void> {
  await clearScreen();
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  const request = { models: ['Category', 'Product'], views: 'viewset', many: true, partial: true, urls: true, nested: false };
  const running = vscode.commands.executeCommand('djangoKit.serializers.generate', vscode.Uri.joinPath(root(), 'catalog', 'models.py'), request);
  await waitFor('the three diffs of the preview', () => previewTabs().length === 3);
  // The prompt's words are in the README; the picture is for the diff and its title-bar buttons.
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('workbench.action.openEditorAtIndex1');
  await shoot('serializer-preview');
  await waitFor('Apply to answer', async () => (await vscode.commands.executeCommand<boolean>('djangoKit.serializers.applyPreview')) === true);
  await running;
  await vscode.commands.executeCommand('notification.acceptPrimaryAction');
  const urlconf = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root(), 'mysite', 'urls.py'));
  await waitFor('the include to be added', () => urlconf.getText().includes('include("catalog.urls")'));
  await urlconf.save();
}

async function urlNameCompletion(): Promise<void> {
  await clearScreen();
  await vscode.commands.executeCommand('djangoKit.urls.refresh');
  await vscode.commands.executeCommand('notifications.clearAll');
  const editor = await openAt(TEMPLATE, '{% empty %}', 0);
  const original = editor.document.getText();
  await typeAt(editor, '  {% empty %}', '    <a href="{% url \'pro\' %}">All products</a>\n');
  const inQuotes = editor.document.positionAt(editor.document.getText().indexOf("{% url 'pro") + "{% url 'pro".length);
  editor.selection = new vscode.Selection(inQuotes, inQuotes);
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  await shoot('url-completion');
  await vscode.commands.executeCommand('hideSuggestWidget');
  await restore(editor, original);
}

/** The list cuts routes short; the hover shows the whole route, what it captures and the view. */
async function urlNameHover(): Promise<void> {
  await clearScreen();
  const editor = await openAt(TEMPLATE, '{% empty %}', 0);
  const original = editor.document.getText();
  await typeAt(editor, '  {% empty %}', '    <a href="{% url \'product-detail\' product.pk %}">{{ product.name }}</a>\n');
  const onName = editor.document.positionAt(editor.document.getText().indexOf("product-detail") + 3);
  editor.selection = new vscode.Selection(onName, onName);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot('url-hover');
  await restore(editor, original);
}

async function templateFilterHover(): Promise<void> {
  await clearScreen();
  await openAt(TEMPLATE, '|title', 2);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shoot('template-hover');
}

/** `{% static %}` typed into a template whose `{% load static %}` the user has just removed. */
async function templateNotLoaded(): Promise<void> {
  await clearScreen();
  const editor = await openAt(TEMPLATE, '{% load static %}', 0);
  const original = editor.document.getText();
  const load = editor.document.lineAt(editor.selection.active.line).rangeIncludingLineBreak;
  await editor.edit((builder) => builder.delete(load));
  await typeAt(editor, '<ul>', '<img src="{% static \'catalog/logo.png\' %}" alt="">\n');
  const at = editor.document.positionAt(editor.document.getText().indexOf('static \'catalog') + 1);
  editor.selection = new vscode.Selection(at, at);
  await waitFor('the not-loaded diagnostic', () => vscode.languages.getDiagnostics(editor.document.uri).length > 0);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await shoot('template-not-loaded');
  await vscode.commands.executeCommand('hideCodeActionWidget');
  await restore(editor, original);
}

async function template(): Promise<void> {
  await clearScreen();
  await vscode.commands.executeCommand('workbench.action.closeSidebar');
  await openAt(TEMPLATE, 'block content');
  await shoot('template-highlighting');
}

/** Create Environment's first question; discovery runs every interpreter, so the list fills in after a while. */
async function interpreterPicker(): Promise<void> {
  await clearScreen();
  void vscode.commands.executeCommand('djangoKit.env.create');
  await settle(10_000);
  await shoot('environment-interpreters');
  await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
}

async function jwtPanel(): Promise<void> {
  await clearScreen();
  const token = process.env.DJANGO_KIT_SCREENSHOT_TOKEN;
  if (!token) throw new Error('DJANGO_KIT_SCREENSHOT_TOKEN is not set');
  await vscode.commands.executeCommand('djangoKit.jwt.decode', token);
  await vscode.commands.executeCommand('djangoKit.jwt.verifyWithProjectKey', token);
  await shoot('jwt-panel');
}

/** The Create section after Mint, for the user id its field holds: a token the project's own SimpleJWT made. */
async function jwtCreate(): Promise<void> {
  await vscode.commands.executeCommand('notifications.clearAll');
  await vscode.commands.executeCommand('djangoKit.jwt.mintSimpleJwt', { userId: '1' });
  await shoot('jwt-create');
}

export async function run(): Promise<void> {
  await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
  const scenes = [settingsHover, migrationsView, serializerPreview, urlNameCompletion, urlNameHover, templateFilterHover, templateNotLoaded, template, interpreterPicker, jwtPanel, jwtCreate];
  for (const scene of scenes) {
    try {
      await scene();
    } catch (error) {
      console.log(`scene ${scene.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}
