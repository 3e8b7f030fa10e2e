import vscode = require('vscode');
import { l10n } from 'vscode';
import type { UrlDiagnostic } from '../../core/urls/names';
import type { Log } from '../../services/log';
import { rangeOf } from '../../services/ranges';
import { forgetDocument, languageOf, usagesOf } from './documents';
import type { UrlReadings } from './readings';
import { DebouncedByKey } from '../../core/debounce';

const DIAGNOSTIC_SOURCE = 'Django Kit';
// Typing pauses shorter than this do not recheck the document.
const CHECK_DELAY_MS = 250;

/** Unknown URL names and wrong arguments in open templates and Python files, with their quick fixes. */
export class UrlChecks implements vscode.CodeActionProvider, vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('django-kit-urls');
  private readonly replacements = new WeakMap<vscode.Diagnostic, string>();
  private readonly pending = new DebouncedByKey(CHECK_DELAY_MS);
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly readings: UrlReadings,
    private readonly log: Log,
  ) {
    this.disposables = [
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        forgetDocument(document);
        this.collection.delete(document.uri);
      }),
      readings.onDidChange(() => this.scheduleAll()),
    ];
    // Later, not during activation: the first check finds the projects and reads their URLconfs.
    this.scheduleAll();
  }

  private scheduleAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  private schedule(document: vscode.TextDocument): void {
    if (!languageOf(document)) return;
    this.pending.schedule(document.uri.toString(), () => void this.check(document));
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !languageOf(document)) return;
    try {
      const found = await this.readings.namesFor(document.uri);
      if (document.isClosed) return;
      const usages = found ? usagesOf(document) : [];
      const diagnostics = found && usages.length > 0 ? found.names.check(usages) : [];
      this.collection.set(document.uri, diagnostics.map((item) => this.toDiagnostic(document, item)));
    } catch (error) {
      this.log.error(`URL names: checking ${document.uri.fsPath} failed`, error instanceof Error ? error : String(error));
    }
  }

  private toDiagnostic(document: vscode.TextDocument, item: UrlDiagnostic): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(rangeOf(document, item.start, item.end), item.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = item.code;
    if (item.replacement !== undefined) this.replacements.set(diagnostic, item.replacement);
    return diagnostic;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const replacement = this.replacements.get(diagnostic);
      if (replacement === undefined) return [];
      const action = new vscode.CodeAction(l10n.t('Change to `{0}`', replacement), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, replacement);
      return [action];
    });
  }

  dispose(): void {
    this.pending.dispose();
    for (const d of this.disposables) d.dispose();
    this.collection.dispose();
  }
}
