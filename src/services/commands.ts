import vscode = require('vscode');
import { l10n } from 'vscode';
import type { Log } from './log';

/** How one command treats Restricted Mode and the failures it expects. */
export interface CommandOptions<R> {
  /** Names what needs a trusted workspace (`Make Migrations`); the command then refuses to run without it. */
  readonly trust?: string;
  /** What programmatic callers get back when the workspace is not trusted. */
  readonly untrusted?: (message: string) => R;
  /**
   * Recognises a failure the command expects, giving the message to show as is and the result to
   * hand back; other failures are shown as "<what> failed: <error>".
   */
  readonly expected?: (error: unknown) => { readonly message: string; readonly result: R } | undefined;
}

/**
 * Wraps a command handler: refuses to start in Restricted Mode when it needs trust, logs and shows
 * any failure once (with Show Log) instead of letting it vanish, and hands the handler's result
 * back to programmatic callers (tests, other extensions).
 */
export function command<A extends unknown[], R>(
  log: Log,
  what: string,
  handler: (...args: A) => R | Promise<R>,
  options: CommandOptions<R> = {},
): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    if (options.trust !== undefined && !requireTrust(options.trust)) return options.untrusted?.(untrustedMessage(options.trust));
    try {
      return await handler(...args);
    } catch (error) {
      const expected = options.expected?.(error);
      if (expected) {
        showError(log, expected.message);
        return expected.result;
      }
      showError(log, l10n.t('{0} failed: {1}', what, error instanceof Error ? error.message : String(error)), error);
      return undefined;
    }
  };
}

/** Logs an error with its detail, then tells the user once, offering the log. */
export function showError(log: Log, message: string, error?: unknown): void {
  if (error === undefined) log.error(message);
  else log.error(message, error instanceof Error ? error : String(error));
  const showLog = l10n.t('Show Log');
  void vscode.window.showErrorMessage(message, showLog).then((choice) => {
    if (choice === showLog) log.show(true);
  });
}

function untrustedMessage(action: string): string {
  return l10n.t('{0} runs Python, which Django Kit does only in a trusted workspace. Trust this workspace to continue.', action);
}

/** Says why nothing runs in Restricted Mode and offers the trust editor; true when trusted. */
export function requireTrust(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(untrustedMessage(action), l10n.t('Manage Workspace Trust')).then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}
