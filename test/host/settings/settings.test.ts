import assert from 'node:assert/strict';
import vscode = require('vscode');
import { activateExtension, waitFor, workspaceRoot } from '../util';
import { completionLabels, hoverText, openFixtureFile, positionOf, settingsDiagnostics } from './helpers';

describe('Settings in a single settings.py', () => {
  let editor: vscode.TextEditor;

  before(async () => {
    await activateExtension();
    editor = await openFixtureFile('mysite', 'settings.py');
  });

  it('explains a module-level setting on hover, with this file\'s value', async () => {
    const text = await hoverText(editor.document, positionOf(editor.document, 'DEBUG = True'));
    assert.match(text, /\*\*DEBUG\*\* · Django setting/);
    assert.match(text, /\*\*In this file:\*\*/);
    assert.match(text, /docs\.djangoproject\.com/);
  });

  it('explains REST_FRAMEWORK and SIMPLE_JWT keys and DATABASES entry keys', async () => {
    const drf = await hoverText(editor.document, positionOf(editor.document, '"DEFAULT_AUTHENTICATION_CLASSES"', 4));
    assert.match(drf, /\*\*DEFAULT_AUTHENTICATION_CLASSES\*\* · Django REST Framework/);
    assert.match(drf, /JWTAuthentication/);
    const jwt = await hoverText(editor.document, positionOf(editor.document, '"REFRESH_TOKEN_LIFETIME"', 3));
    assert.match(jwt, /\*\*REFRESH_TOKEN_LIFETIME\*\* · Simple JWT/);
    const engine = await hoverText(editor.document, positionOf(editor.document, "'ENGINE'", 2));
    assert.match(engine, /\*\*ENGINE\*\* · Key of a `DATABASES` entry/);
  });

  it('completes setting names at the start of a line and keys inside REST_FRAMEWORK', async () => {
    const document = editor.document;
    const end = document.lineAt(document.lineCount - 1).range.end;
    await editor.edit((edit) => edit.insert(end, '\nSESSION_COOK'));
    const names = await completionLabels(document, document.lineAt(document.lineCount - 1).range.end);
    assert.ok(names.includes('SESSION_COOKIE_SECURE'), `got ${names.length} names`);
    const keyAt = positionOf(document, '"PAGE_SIZE"', 1);
    await editor.edit((edit) => edit.insert(keyAt.translate(0, -1), '"DEFAULT_THR": 1,\n    '));
    const keys = await completionLabels(document, positionOf(document, '"DEFAULT_THR', 12));
    assert.ok(keys.includes('DEFAULT_THROTTLE_CLASSES'));
    assert.ok(!keys.includes('INSTALLED_APPS'), 'only REST_FRAMEWORK keys inside REST_FRAMEWORK');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('reports USE_L10N as removed (Django version unknown here) and offers to remove it', async () => {
    const document = editor.document;
    const diagnostic = await waitFor('the USE_L10N diagnostic', () => settingsDiagnostics(document).find((d) => d.message.startsWith('USE_L10N')));
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Information);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range);
    assert.ok(actions.some((action) => action.title === 'Remove USE_L10N'));
  });

  it('does not treat a development settings.py as production', () => {
    assert.ok(!settingsDiagnostics(editor.document).some((d) => d.code === 'debug-in-production' || d.code === 'insecure-secret-key'));
  });

  it('explains settings.NAME in a module that imports django.conf.settings', async () => {
    const file = vscode.Uri.joinPath(workspaceRoot(), 'catalog', 'uses_settings.py');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('from django.conf import settings\n\nPAGE = settings.TIME_ZONE\n'));
    const document = await vscode.workspace.openTextDocument(file);
    const text = await hoverText(document, positionOf(document, 'TIME_ZONE', 2));
    assert.match(text, /\*\*TIME_ZONE\*\*/);
    assert.equal(settingsDiagnostics(document).length, 0);
  });

  it('offers the Explain Setting command and its read-only explanation documents', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('djangoKit.settings.explain'));
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('django-kit-setting:/drf/PAGE_SIZE.md'));
    assert.match(document.getText(), /^\*\*PAGE_SIZE\*\* · Django REST Framework/);
  });
});
