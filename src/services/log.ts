import vscode = require('vscode');

export type Log = vscode.LogOutputChannel;

export const SHOW_LOG_COMMAND = 'djangoKit.showLog';

/** The one "Django Kit" log, with levels, and the command that reveals it. */
export function createLog(context: vscode.ExtensionContext): Log {
  const log = vscode.window.createOutputChannel('Django Kit', { log: true });
  context.subscriptions.push(log, vscode.commands.registerCommand(SHOW_LOG_COMMAND, () => log.show(true)));
  return log;
}
