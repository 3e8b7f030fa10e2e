import vscode = require('vscode');
import { registerOnDemand } from './features/onDemand';
import { localizeCore } from './services/l10n';
import { createLog } from './services/log';
import { ProjectService } from './services/projects';

export function activate(context: vscode.ExtensionContext): void {
  localizeCore();
  const log = createLog(context);
  const projects = new ProjectService(log);
  context.subscriptions.push(projects);
  registerOnDemand(context, log, projects);
  log.info(`Django Kit ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
