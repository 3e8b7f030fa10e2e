import vscode = require('vscode');
import { registerEnvironments } from './features/environments';
import { registerJwt } from './features/jwt';
import { registerMigrations } from './features/migrations';
import { registerSerializers } from './features/serializers';
import { registerSettings } from './features/settings';
import { registerTemplates } from './features/templates';
import { registerUrls } from './features/urls';
import { localizeCore } from './services/l10n';
import { createLog } from './services/log';
import { ProjectService } from './services/projects';

export function activate(context: vscode.ExtensionContext): void {
  localizeCore();
  const log = createLog(context);
  const projects = new ProjectService(log);
  context.subscriptions.push(projects);
  registerEnvironments(context, log, projects);
  registerMigrations(context, log, projects);
  registerSerializers(context, log, projects);
  registerSettings(context, log, projects);
  registerJwt(context, log, projects);
  registerTemplates(context, log, projects);
  registerUrls(context, log, projects);
  log.info(`Django Kit ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
