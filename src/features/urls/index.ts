import * as vscode from 'vscode';
import { guarded, type Log } from '../log';
import { projectPython } from '../interpreter';
import { UrlChecks } from './checks';
import { URL_SELECTOR } from './documents';
import { UrlNameCompletion, UrlNameDefinition, UrlNameHover, UrlNameReferences, UrlNameRename } from './providers';
import { type ProjectUrls, UrlReadings } from './readings';

export const REFRESH_URLS_COMMAND = 'djangoKit.urls.refresh';

/** URL names in templates and Python: completion, definition, hover, references, rename, checks. */
export function registerUrls(context: vscode.ExtensionContext, log: Log): void {
  const readings = new UrlReadings(log);
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
    vscode.commands.registerCommand(REFRESH_URLS_COMMAND, guarded(log, 'Refreshing URL names', () => refresh(readings, log))),
  );
}

/** Asks Django's own resolver, with the project's interpreter: it imports the project, so only in a trusted workspace. */
async function refresh(readings: UrlReadings, log: Log): Promise<void> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage("Refreshing URL names runs the project's Python, which needs a trusted workspace. The names read from the files are still there.");
    return;
  }
  const urls = await chooseProject(readings);
  if (!urls) return;
  const python = await projectPython(vscode.Uri.file(urls.project.root));
  if (!python) {
    void vscode.window.showWarningMessage('No Python interpreter is known for this project: select one with "Django: Select Environment".');
    return;
  }
  log.info(`URL names: asking Django's resolver with ${python} in ${urls.project.root}`);
  const names = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Asking Django's resolver for URL names…", cancellable: true },
    (_progress, token) => {
      const controller = new AbortController();
      token.onCancellationRequested(() => controller.abort());
      return readings.refresh(urls, python, controller.signal);
    },
  );
  const fromResolver = names.reading.urls.filter((url) => url.source === 'resolver' && url.name !== null).length;
  const message = `${names.names().length} URL names, ${fromResolver} of them known only to Django's resolver.`;
  log.info(`URL names: ${message}`);
  void vscode.window.showInformationMessage(message);
}

async function chooseProject(readings: UrlReadings): Promise<ProjectUrls | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? readings.projectFor(active) : undefined;
  if (fromEditor) return fromEditor;
  const all = readings.list();
  if (all.length === 0) {
    void vscode.window.showWarningMessage('No Django project (manage.py) in this workspace.');
    return undefined;
  }
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((urls) => ({ label: vscode.workspace.asRelativePath(urls.project.root), urls })),
    { title: 'Refresh URL names of' },
  );
  return picked?.urls;
}
