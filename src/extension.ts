import * as vscode from 'vscode';
import { registerEnvironments } from './features/environments';
import { registerJwt } from './features/jwt';
import { createLog } from './features/log';
import { registerMigrations } from './features/migrations';
import { registerProjectContext } from './features/project';
import { registerSerializers } from './features/serializers';
import { registerSettings } from './features/settings';
import { registerTemplates } from './features/templates';
import { registerUrls } from './features/urls';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  registerProjectContext(context);
  registerEnvironments(context, log);
  registerMigrations(context, log);
  registerSerializers(context, log);
  registerSettings(context, log);
  registerJwt(context, log);
  registerTemplates(context, log);
  registerUrls(context, log);
  log.info(`Django Kit ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
