import * as vscode from 'vscode';

export type Log = vscode.LogOutputChannel;

export const SHOW_LOG_COMMAND = 'djangoKit.showLog';

/** The one "Django Kit" log, with levels, and the command that reveals it. */
export function createLog(context: vscode.ExtensionContext): Log {
  const log = vscode.window.createOutputChannel('Django Kit', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show(true)));
  return log;
}

/** Logs an error with its detail, then tells the user once, offering the log. */
export function reportError(log: Log, message: string, error?: unknown): void {
  if (error === undefined) log.error(message);
  else log.error(message, error instanceof Error ? error : String(error));
  void vscode.window.showErrorMessage(message, 'Show Log').then((choice) => {
    if (choice === 'Show Log') log.show(true);
  });
}

/** Wraps a command handler so that any failure is logged and shown instead of vanishing. */
export function guarded<A extends unknown[]>(
  log: Log,
  what: string,
  handler: (...args: A) => unknown,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await handler(...args);
    } catch (error) {
      reportError(log, `${what} failed: ${error instanceof Error ? error.message : String(error)}`, error);
    }
  };
}
