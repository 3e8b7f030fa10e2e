import vscode = require('vscode');
import { l10n } from 'vscode';
import { checkTemplate, type TemplateProblem } from '../../core/templates/check';
import type { Log } from '../../services/log';
import { rangeOf } from '../../services/ranges';
import type { TemplateProjects } from './language';
import { DebouncedByKey } from '../../core/debounce';

const SEVERITIES = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };
const SOURCE = 'Django Kit';
const DELAY_MS = 250;
export const TEMPLATE_LANGUAGES = ['django-html', 'django-txt'];

/** Checks open templates as they change, and offers each problem's quick fixes. */
export class TemplateChecks implements vscode.CodeActionProvider, vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('django-kit-templates');
  private readonly problems = new WeakMap<vscode.Diagnostic, TemplateProblem>();
  private readonly pending = new DebouncedByKey(DELAY_MS);
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly projects: TemplateProjects,
    private readonly log: Log,
  ) {
    this.disposables = [
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.collection.delete(document.uri)),
      projects.onDidChange(() => this.checkAll()),
    ];
    this.checkAll();
  }

  private checkAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document);
  }

  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.pending.cancel(key);
    if (!TEMPLATE_LANGUAGES.includes(document.languageId)) {
      // A template switched back to HTML keeps no stale findings.
      this.collection.delete(document.uri);
      return;
    }
    this.pending.schedule(key, () => {
      this.check(document).catch((error: unknown) => this.log.error(`Templates: checking ${document.uri.fsPath} failed`, error instanceof Error ? error : String(error)));
    });
  }

  private async check(document: vscode.TextDocument): Promise<void> {
    const { vocabulary, templateExists } = await this.projects.contextFor(document);
    if (document.isClosed) return;
    const found = checkTemplate(document.getText(), { vocabulary, ...(templateExists ? { templateExists } : {}) });
    this.collection.set(document.uri, found.map((problem) => this.toDiagnostic(document, problem)));
    this.log.trace(`Templates: ${found.length} finding(s) in ${document.uri.fsPath}`);
  }

  private toDiagnostic(document: vscode.TextDocument, problem: TemplateProblem): vscode.Diagnostic {
    const range = rangeOf(document, problem.start, problem.end);
    const diagnostic = new vscode.Diagnostic(range, problem.message, SEVERITIES[problem.severity]);
    diagnostic.source = SOURCE;
    diagnostic.code = problem.code;
    this.problems.set(diagnostic, problem);
    return diagnostic;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const problem = this.problems.get(diagnostic);
      return problem ? quickFixes(document, problem, diagnostic) : [];
    });
  }

  dispose(): void {
    this.pending.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function quickFix(title: string, diagnostic: vscode.Diagnostic, edit: vscode.WorkspaceEdit): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.edit = edit;
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}

function quickFixes(document: vscode.TextDocument, problem: TemplateProblem, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const actions: vscode.CodeAction[] = [];
  if (problem.loadFix) {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, document.positionAt(problem.loadFix.offset), problem.loadFix.text);
    actions.push(quickFix(l10n.t({ message: 'Add {0}', args: [`{% load ${problem.loadFix.library} %}`], comment: 'A quick fix; {0} is the template tag it inserts.' }), diagnostic, edit));
  }
  if (problem.replacement) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, diagnostic.range, problem.replacement);
    actions.push(quickFix(l10n.t("Change to '{0}'", problem.replacement), diagnostic, edit));
  }
  return actions;
}
