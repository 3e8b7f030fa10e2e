import vscode = require('vscode');
import { DebouncedByKey } from '../../core/debounce';
import { looksLikeProduction } from '../../core/settings/detect';
import { type QuickFix, type SettingsDiagnostic, diagnoseInSlices } from '../../core/settings/diagnostics';
import { runInSlices } from '../../core/settings/slices';
import { config } from '../../services/config';
import { type Log } from '../../services/log';
import { rangeOf } from '../../services/ranges';
import { type SettingsSupport } from './support';

const DIAGNOSTIC_SOURCE = 'Django Kit';
const DIAGNOSTIC_DELAY_MS = 300;
/**
 * How long after a document opened its first check waits. The editor is busy drawing a file that has
 * just opened, and the first hover or completion in it comes then; a whole-module check would compete
 * with both for the machine's cores.
 */
const OPENED_DELAY_MS = 1000;

const SEVERITIES: Record<SettingsDiagnostic['severity'], vscode.DiagnosticSeverity> = {
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/**
 * Runs the checks on open settings modules and remembers each diagnostic's quick fixes. A check
 * parses and checks in short slices, so hovers, completion and typing never wait behind it, and the
 * next edit of the document abandons it.
 */
export class SettingsChecks implements vscode.CodeActionProvider {
  readonly collection = vscode.languages.createDiagnosticCollection('django-kit-settings');
  private readonly fixes = new WeakMap<vscode.Diagnostic, readonly QuickFix[]>();
  private readonly pending = new DebouncedByKey(DIAGNOSTIC_DELAY_MS);
  /** The run each document's current check has; a check whose run is no longer there stops. */
  private readonly runs = new Map<string, object>();
  /** When each document opened (or was open when the feature started), as performance.now(). */
  private readonly openedAt = new Map<string, number>();

  constructor(
    private readonly support: SettingsSupport,
    private readonly log: Log,
  ) {}

  /** Schedules the first check of a document that has just opened. */
  opened(document: vscode.TextDocument): void {
    this.openedAt.set(document.uri.toString(), performance.now());
    this.schedule(document);
  }

  schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.runs.delete(key);
    const sinceOpened = performance.now() - (this.openedAt.get(key) ?? -Infinity);
    this.pending.schedule(key, () => void this.check(document), Math.max(DIAGNOSTIC_DELAY_MS, OPENED_DELAY_MS - sinceOpened));
  }

  forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.runs.delete(key);
    this.openedAt.delete(key);
    this.pending.cancel(key);
    this.collection.delete(document.uri);
  }

  async check(document: vscode.TextDocument): Promise<void> {
    if (document.isClosed || !this.support.isSettingsModule(document)) {
      this.collection.delete(document.uri);
      return;
    }
    const key = document.uri.toString();
    const run = {};
    this.runs.set(key, run);
    const checks = config.settingsDiagnostics(document.uri);
    const installed = await this.support.installedDjango(document);
    const readNames = document.uri.scheme === 'file' ? await this.support.projectReads.names(this.support.projectDirOf(document.uri).fsPath) : undefined;
    const version = document.version;
    const cancelled = () => document.isClosed || document.version !== version || this.runs.get(key) !== run;
    const options = { ...checks, production: looksLikeProduction(document.uri.fsPath), djangoVersion: installed?.version, readNames };
    const found = await runInSlices(cancelled, async (slices) =>
      diagnoseInSlices(await this.support.scanInSlices(document, slices), this.support.knowledge, options, slices),
    );
    if (!found) return;
    this.runs.delete(key);
    this.collection.set(document.uri, found.map((item) => this.toDiagnostic(document, item)));
    this.log.trace(`Settings: ${found.length} finding(s) in ${document.uri.fsPath}`);
  }

  private toDiagnostic(document: vscode.TextDocument, item: SettingsDiagnostic): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(rangeOf(document, item.from, item.to), item.message, SEVERITIES[item.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = item.code;
    this.fixes.set(diagnostic, item.fixes);
    return diagnostic;
  }

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) =>
      (this.fixes.get(diagnostic) ?? []).map((fix) => {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix === this.fixes.get(diagnostic)?.[0];
        const edit = new vscode.WorkspaceEdit();
        for (const change of fix.edits) edit.replace(document.uri, rangeOf(document, change.from, change.to), change.text);
        action.edit = edit;
        return action;
      }),
    );
  }

  dispose(): void {
    this.pending.dispose();
    this.runs.clear();
    this.collection.dispose();
  }
}
