import vscode = require('vscode');
import { l10n } from 'vscode';

export const APPLY_COMMAND = 'djangoKit.serializers.applyPreview';
export const DISCARD_COMMAND = 'djangoKit.serializers.discardPreview';
// package.json shows Apply and Discard in the diff editors' title bar while this is true.
const CONTEXT_KEY = 'djangoKit.serializerPreviewOpen';

export type Decision = 'apply' | 'discard';

interface Pending {
  readonly previews: ReadonlySet<string>;
  readonly resolve: (decision: Decision) => void;
}

/**
 * The one preview waiting for Apply or Discard. The user answers from the diff editors' title bar,
 * the status bar or the palette, and the notification's Cancel discards; closing every diff of the
 * preview discards it too.
 */
export class PreviewDecision implements vscode.Disposable {
  private pending: Pending | undefined;
  private readonly applyItem = statusItem('djangoKit.serializers.apply', 'check', l10n.t('Apply generated code'), APPLY_COMMAND, l10n.t('Add the previewed code to the app'));
  private readonly discardItem = statusItem('djangoKit.serializers.discard', 'discard', l10n.t('Discard'), DISCARD_COMMAND, l10n.t('Close the preview and change nothing'));
  private readonly disposables: vscode.Disposable[] = [
    this.applyItem,
    this.discardItem,
    vscode.commands.registerCommand(APPLY_COMMAND, () => this.decide(this.pending, 'apply')),
    vscode.commands.registerCommand(DISCARD_COMMAND, () => this.decide(this.pending, 'discard')),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      if (this.pending && !this.previewOpen(this.pending)) this.decide(this.pending, 'discard');
    }),
  ];

  /**
   * Waits for the answer about the diffs of `previews`; a preview still waiting is discarded first.
   * The notification is a progress one: it stays while the user reads, and goes once answered.
   */
  ask(previews: readonly vscode.Uri[], names: string): Promise<Decision> {
    this.decide(this.pending, 'discard');
    const decision = new Promise<Decision>((resolve) => {
      this.pending = { previews: new Set(previews.map((uri) => uri.toString())), resolve };
    });
    const asked = this.pending;
    this.show(true);
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: l10n.t("Proposed code for {0}: Apply or Discard it from the diff editor's title bar or the status bar.", names), cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => this.decide(asked, 'discard'));
        return decision;
      },
    );
    return decision;
  }

  /**
   * Answers `pending` if it is still the one waiting (a late Cancel of an old notification does
   * nothing); true when it was, which tells programmatic callers that there was a preview to answer.
   */
  private decide(pending: Pending | undefined, decision: Decision): boolean {
    if (!pending || pending !== this.pending) return false;
    this.pending = undefined;
    this.show(false);
    pending.resolve(decision);
    return true;
  }

  private show(waiting: boolean): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, waiting);
    for (const item of [this.applyItem, this.discardItem]) {
      if (waiting) item.show();
      else item.hide();
    }
  }

  private previewOpen(pending: Pending): boolean {
    return vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .some((tab) => tab.input instanceof vscode.TabInputTextDiff && pending.previews.has(tab.input.modified.toString()));
  }

  dispose(): void {
    this.decide(this.pending, 'discard');
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function statusItem(id: string, icon: string, name: string, command: string, tooltip: string): vscode.StatusBarItem {
  const item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, 100);
  item.name = name;
  item.text = `$(${icon}) ${name}`;
  item.command = command;
  item.tooltip = tooltip;
  return item;
}
