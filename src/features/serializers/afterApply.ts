import vscode = require('vscode');
import { l10n } from 'vscode';
import { MergeError } from '../../core/serializers/merge';
import type { DjangoProject } from '../../core/project';
import { appModuleOf, includeAppUrls, writtenSummary } from '../../core/serializers/urlconf';
import type { Log } from '../../services/log';
import { type AppliedPlan, type PlannedFile, revertPlan } from './plan';

/** What the user was told after Apply: the message and its buttons. */
export interface AppliedNotice {
  readonly message: string;
  readonly actions: readonly string[];
}

/**
 * Says what was written, with the next step when the app gained a urls.py the project does not
 * include yet (adding that include is one undoable edit of the URLconf), and an Undo.
 */
export async function announceApplied(
  log: Log,
  appDir: vscode.Uri,
  project: DjangoProject | undefined,
  files: readonly PlannedFile[],
  applied: AppliedPlan,
): Promise<AppliedNotice> {
  const written = files.map((file) => ({ path: vscode.workspace.asRelativePath(file.uri), created: !file.document, added: file.added }));
  const wiring = files.some((file) => file.uri.path.endsWith('/urls.py')) ? await urlconfStep(appDir, project) : undefined;
  const summary = writtenSummary(written);
  const message = wiring ? l10n.t('{0} Next: route {1} from {2}.', summary, `${wiring.appModule}.urls`, wiring.label) : summary;
  const undoAction = l10n.t('Undo');
  const actions = [...(wiring ? [wiring.title] : []), undoAction];
  void vscode.window.showInformationMessage(message, ...actions).then(async (choice) => {
    if (choice === undoAction) await undo(applied);
    else if (wiring && choice === wiring.title) await wiring.apply(log);
  });
  return { message, actions };
}

async function undo(applied: AppliedPlan): Promise<void> {
  if (!(await revertPlan(applied))) {
    void vscode.window.showWarningMessage(l10n.t('The generated files have changed since; nothing was undone. Use Edit › Undo in each file instead.'));
  }
}

interface UrlconfStep {
  readonly appModule: string;
  /** The URLconf file, as the message names it. */
  readonly label: string;
  readonly title: string;
  readonly apply: (log: Log) => Promise<void>;
}

/** The project URLconf and the edit that includes the app's urls in it, when it does not yet. */
async function urlconfStep(appDir: vscode.Uri, project: DjangoProject | undefined): Promise<UrlconfStep | undefined> {
  if (!project || appDir.scheme !== 'file') return undefined;
  const appModule = appModuleOf(project.root, appDir.fsPath);
  const urlconf = project.rootUrlconfFile;
  if (!appModule || !urlconf) return undefined;
  const uri = vscode.Uri.file(urlconf);
  const document = await vscode.workspace.openTextDocument(uri);
  let merge;
  try {
    merge = includeAppUrls(document.getText(), appModule);
  } catch (error) {
    if (error instanceof MergeError) return undefined;
    throw error;
  }
  if (!merge) return undefined;
  const label = vscode.workspace.asRelativePath(uri);
  const version = document.version;
  const insertions = merge.insertions;
  return {
    appModule,
    label,
    title: l10n.t('Add {0} to {1}', `include("${appModule}.urls")`, label),
    apply: async (log) => {
      if (document.version !== version) {
        void vscode.window.showWarningMessage(
          l10n.t('{0} changed since; add {1} to its urlpatterns yourself.', label, `path("…", include("${appModule}.urls"))`),
        );
        return;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const insertion of insertions) edit.insert(uri, document.positionAt(insertion.offset), insertion.text);
      if (await vscode.workspace.applyEdit(edit)) {
        log.info(`Included ${appModule}.urls in ${label}`);
        await vscode.window.showTextDocument(document, { preview: false });
      }
    },
  };
}
