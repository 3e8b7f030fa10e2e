import vscode = require('vscode');
import { l10n } from 'vscode';
import { IntrospectError, introspectModels } from '../../core/models/introspect';
import type { DeclarationsCache } from '../../core/models/declarationsCache';
import { readModels } from '../../core/models/read';
import type { ModelsReading } from '../../core/models/types';
import type { DjangoProject } from '../../core/project';
import { projectPython } from '../../services/interpreter';
import type { Log } from '../../services/log';
import type { AppSources } from './app';
import { type GenerateRequest, type ReadingSource } from './request';

const INTROSPECT_TIMEOUT_MS = 30_000;

/**
 * Django's own description of the models when it can be had (a trusted workspace, a local
 * project with manage.py and a known interpreter), since it sees third-party fields and bases
 * from other apps; otherwise, or when Django fails, what the source says.
 */
export async function readAppModels(
  log: Log,
  app: AppSources,
  project: DjangoProject | undefined,
  request: GenerateRequest,
  declarations: DeclarationsCache,
): Promise<{ reading: ModelsReading; source: ReadingSource }> {
  const django = request.introspect === false ? undefined : await askDjango(log, app.dir, project);
  if (django && django.models.length > 0) {
    log.info(`Fields of ${django.models.length} model(s) read from Django (Model._meta)`);
    return { reading: django, source: 'django' };
  }
  const statics = readModels(app.files, declarations);
  for (const warning of statics.warnings) log.warn(warning);
  return { reading: statics, source: 'static' };
}

async function askDjango(log: Log, appDir: vscode.Uri, project: DjangoProject | undefined): Promise<ModelsReading | undefined> {
  if (!vscode.workspace.isTrusted || appDir.scheme !== 'file') return undefined;
  const python = project && (await projectPython(vscode.Uri.file(project.root)));
  if (!project || !python) {
    log.debug('No manage.py or project interpreter: reading the models from the source');
    return undefined;
  }
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: l10n.t('Asking Django for the models…'), cancellable: true },
    async (_progress, token) => {
      const controller = new AbortController();
      const cancel = token.onCancellationRequested(() => controller.abort());
      const timer = setTimeout(() => controller.abort(), INTROSPECT_TIMEOUT_MS);
      try {
        return await introspectModels({ python, manageFile: project.manage, appDir: appDir.fsPath, signal: controller.signal });
      } catch (error) {
        if (!(error instanceof IntrospectError)) throw error;
        log.warn(`Django could not describe the models (${error.message}); reading them from the source instead`);
        return undefined;
      } finally {
        clearTimeout(timer);
        cancel.dispose();
      }
    },
  );
}
