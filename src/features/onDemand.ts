/* eslint-disable @typescript-eslint/no-require-imports -- each require() below is where a feature's bundle loads (esbuild.mjs ON_DEMAND) */
import vscode = require('vscode');
import { l10n } from 'vscode';
import { findTokenAt } from '../core/jwt/hover';
import { registerOnFirstUse } from '../services/firstUse';
import type { Log } from '../services/log';
import type { ProjectService } from '../services/projects';
import { STATUS_MENU_COMMAND } from './environments/commandIds';
import { TASK_TYPE } from './migrations/taskType';
import { isModelsDocument } from './serializers/request';

// The view and the template languages as the manifest names them.
const JWT_VIEW = 'djangoKit.jwt';
const TEMPLATE_LANGUAGES = ['django-html', 'django-txt'];

/**
 * The features that register on first use: a command of theirs, a document they serve, a Django
 * project found, or (JWT) the panel or a token under the pointer. Until then only their stubs exist,
 * so activation neither compiles nor runs them.
 */
export function registerOnDemand(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const languageIn = (languages: readonly string[]) => (document: vscode.TextDocument) => languages.includes(document.languageId);

  registerMigrationsOnDemand(context, log, projects);

  registerOnFirstUse(context, log, l10n.t('Settings'), { commandPrefixes: ['djangoKit.settings.'], serves: languageIn(['python']) }, () => {
    (require('./settings') as typeof import('./settings')).registerSettings(context, log, projects);
  });
  registerOnFirstUse(context, log, l10n.t('Serializers'), { commandPrefixes: ['djangoKit.serializers.'], serves: isModelsDocument }, () => {
    (require('./serializers') as typeof import('./serializers')).registerSerializers(context, log, projects);
  });
  // HTML too: the template feature decides which HTML files are Django templates.
  registerOnFirstUse(context, log, l10n.t('Templates'), { serves: languageIn(['html', ...TEMPLATE_LANGUAGES]) }, () => {
    (require('./templates') as typeof import('./templates')).registerTemplates(context, log, projects);
  });
  registerOnFirstUse(context, log, l10n.t('URL names'), { commandPrefixes: ['djangoKit.urls.'], serves: languageIn(['python', ...TEMPLATE_LANGUAGES]) }, () => {
    (require('./urls') as typeof import('./urls')).registerUrls(context, log, projects);
  });
  registerJwtOnDemand(context, log, projects);
  // The status bar item names the environment of a Django project, so it too waits for one.
  const status = registerOnFirstUse(context, log, l10n.t('Environment status'), { projectsFrom: projects }, () =>
    (require('./environments/statusBar') as typeof import('./environments/statusBar')).registerEnvironmentStatus(context, log, projects),
  );
  registerOnFirstUse(context, log, l10n.t('Environments'), { commandPrefixes: ['djangoKit.env.'], commands: [STATUS_MENU_COMMAND] }, () => {
    (require('./environments') as typeof import('./environments')).registerEnvironments(context, log, projects, { refresh: () => status().refresh() });
  });
}

/**
 * The Migrations view shows only in a Django project (its `when` clause), so the feature waits for one.
 * The `django` task type is served from activation on, since a task can be asked for before (one that
 * runs when the folder opens), and hands over to the feature once loaded.
 */
function registerMigrationsOnDemand(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const tasks = registerOnFirstUse(context, log, l10n.t('Migrations'), { commandPrefixes: ['djangoKit.migrations.', 'djangoKit.manage.'], projectsFrom: projects }, () =>
    (require('./migrations') as typeof import('./migrations')).registerMigrations(context, log, projects),
  );
  context.subscriptions.push(
    vscode.tasks.registerTaskProvider(TASK_TYPE, {
      provideTasks: (token) => tasks().provideTasks(token),
      resolveTask: (task, token) => tasks().resolveTask(task, token),
    }),
  );
}

/** The panel's view and the token hover exist from activation on and hand over to the feature once loaded. */
function registerJwtOnDemand(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const providers = registerOnFirstUse(context, log, 'JWT', { commandPrefixes: ['djangoKit.jwt.'] }, () =>
    (require('./jwt') as typeof import('./jwt')).registerJwt(context, log, projects),
  );
  context.subscriptions.push(
    vscode.window.registerWebviewViewProvider(JWT_VIEW, { resolveWebviewView: (...args) => providers().view.resolveWebviewView(...args) }),
    vscode.languages.registerHoverProvider('*', {
      // Most lines hold no token, and those need not load the feature to say so.
      provideHover: (document, position, token) =>
        findTokenAt(document.lineAt(position.line).text, position.character) ? providers().hover.provideHover(document, position, token) : undefined,
    }),
  );
}
