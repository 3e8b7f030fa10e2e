import path from 'node:path';
import vscode = require('vscode');
import { l10n } from 'vscode';
import { COMPILED_KNOWLEDGE_FILE } from '../../core/settings/knowledge';
import { command } from '../../services/commands';
import { affectsInterpreter, affectsSettingsFeature } from '../../services/config';
import { type Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { SettingsChecks } from './checks';
import { completionProvider } from './completion';
import { EXPLANATION_SCHEME, explainSetting, explanationProvider } from './explain';
import { hoverProvider } from './hover';
import { SettingsSupport } from './support';

const PYTHON: vscode.DocumentSelector = { language: 'python' };
/** How long after activation the parser and knowledge are readied anyway, when no settings module was shown before. */
const IDLE_WARM_UP_MS = 3000;

export function registerSettings(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const support = new SettingsSupport(path.join(context.extensionPath, 'dist', COMPILED_KNOWLEDGE_FILE), log);
  const checks = new SettingsChecks(support, log);
  const recheckAll = () => {
    for (const document of vscode.workspace.textDocuments) checks.schedule(document);
  };
  const prepareVisible = (editors: readonly vscode.TextEditor[]) => {
    for (const editor of editors) support.prepare(editor.document);
  };
  const idleWarmUp = setTimeout(() => support.warmUp(), IDLE_WARM_UP_MS);
  context.subscriptions.push(
    checks,
    { dispose: () => clearTimeout(idleWarmUp) },
    projects.onDidChange((current) => {
      support.useProjects(current);
      recheckAll();
    }),
    vscode.languages.registerHoverProvider(PYTHON, hoverProvider(support)),
    vscode.languages.registerCompletionItemProvider(PYTHON, completionProvider(support), '"', "'"),
    vscode.languages.registerCodeActionsProvider(PYTHON, checks, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.window.onDidChangeVisibleTextEditors(prepareVisible),
    vscode.workspace.onDidOpenTextDocument((document) => checks.opened(document)),
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.contentChanges.length === 0) return;
      support.edited(event);
      checks.schedule(event.document);
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.languageId === 'python' && document.uri.scheme === 'file') void support.projectReads.update(document.uri.fsPath, document.getText()).then(recheckAll);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      support.forget(document);
      checks.forget(document);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const interpreterChanged = affectsInterpreter(event);
      if (interpreterChanged) support.forgetInstalledDjango();
      if (interpreterChanged || affectsSettingsFeature(event)) recheckAll();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(recheckAll),
    vscode.workspace.registerTextDocumentContentProvider(EXPLANATION_SCHEME, explanationProvider(support)),
    vscode.commands.registerCommand('djangoKit.settings.explain', command(log, l10n.t('Explain Setting'), () => explainSetting(support))),
  );
  prepareVisible(vscode.window.visibleTextEditors);
  // The feature starts when the first Python document opens: the documents open now have just opened.
  for (const document of vscode.workspace.textDocuments) checks.opened(document);
}
