import vscode = require('vscode');
import { l10n } from 'vscode';
import { command } from '../../services/commands';
import { projectPython } from '../../services/interpreter';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { UrlChecks } from './checks';
import { URL_SELECTOR } from './documents';
import { UrlNameCompletion, UrlNameDefinition, UrlNameHover, UrlNameReferences, UrlNameRename } from './providers';
import { UrlReadings } from './readings';

export const REFRESH_URLS_COMMAND = 'djangoKit.urls.refresh';

/** URL names in templates and Python: completion, definition, hover, references, rename, checks. */
export function registerUrls(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const readings = new UrlReadings(projects, log);
  const checks = new UrlChecks(readings, log);
  context.subscriptions.push(
    readings,
    checks,
    vscode.languages.registerCompletionItemProvider(URL_SELECTOR, new UrlNameCompletion(readings), "'", '"', ':'),
    vscode.languages.registerDefinitionProvider(URL_SELECTOR, new UrlNameDefinition(readings)),
    vscode.languages.registerHoverProvider(URL_SELECTOR, new UrlNameHover(readings)),
    vscode.languages.registerReferenceProvider(URL_SELECTOR, new UrlNameReferences(readings)),
    vscode.languages.registerRenameProvider(URL_SELECTOR, new UrlNameRename(readings)),
    vscode.languages.registerCodeActionsProvider(URL_SELECTOR, checks, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(REFRESH_URLS_COMMAND, command(log, l10n.t('Refreshing URL names'), () => refresh(readings, projects, log), { trust: l10n.t('Refresh URL Names') })),
  );
}

/** Asks Django's own resolver, with the project's interpreter: it imports the project. */
async function refresh(readings: UrlReadings, projects: ProjectService, log: Log): Promise<void> {
  const project = await projects.activeProject();
  if (!project) {
    void vscode.window.showWarningMessage(l10n.t('No Django project ({0}) in this workspace.', 'manage.py'));
    return;
  }
  const python = await projectPython(vscode.Uri.file(project.root));
  if (!python) {
    void vscode.window.showWarningMessage(l10n.t('No Python interpreter is known for this project: select one with "Django Kit: Select Environment".'));
    return;
  }
  log.info(`URL names: asking Django's resolver with ${python} in ${project.root}`);
  const names = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t("Asking Django's resolver for URL names…"), cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return readings.refresh(project, python, controller.signal);
    },
  );
  const fromResolver = names.reading.urls.filter((url) => url.source === 'resolver' && url.name !== null).length;
  const count = names.names().length;
  log.info(`URL names: ${count} names, ${fromResolver} of them known only to Django's resolver`);
  void vscode.window.showInformationMessage(l10n.t("{0} URL names, {1} of them known only to Django's resolver.", count, fromResolver));
}
