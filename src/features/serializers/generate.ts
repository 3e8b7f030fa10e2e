import vscode = require('vscode');
import { l10n } from 'vscode';
import type { DeclarationsCache } from '../../core/models/declarationsCache';
import { generate } from '../../core/serializers/generate';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { pickModelsFile, readApp } from './app';
import { chooseOptions } from './options';
import { applyPlan, planFiles, serializerClassesIn } from './plan';
import { announceApplied } from './afterApply';
import { type PreviewDecision } from './decision';
import { closePreviews, type PreviewDocuments, showPreview } from './preview';
import { readAppModels } from './reading';
import { type GenerateRequest, type GenerateResult } from './request';

/** What the command works with, for the whole session. */
export interface SerializersContext {
  readonly log: Log;
  readonly projects: ProjectService;
  readonly previews: PreviewDocuments;
  readonly decision: PreviewDecision;
  /** The models files read so far (for CodeLenses, or when shown), reused while unchanged. */
  readonly declarations: DeclarationsCache;
}

/** The whole command: read the app's models, ask what to generate, preview, apply when accepted, and say what was written. */
export async function generateSerializers(
  { log, projects, previews, decision, declarations }: SerializersContext,
  target: vscode.Uri | undefined,
  request: GenerateRequest,
): Promise<GenerateResult | undefined> {
  const modelsUri = target ?? (await pickModelsFile());
  if (!modelsUri) return undefined;
  const app = await readApp(modelsUri);
  const project = await projects.projectFor(app.dir);
  const { reading, source } = await readAppModels(log, app, project, request, declarations);
  const concrete = reading.models.filter((m) => !m.abstract);
  if (concrete.length === 0) {
    const file = vscode.workspace.asRelativePath(modelsUri);
    void vscode.window.showWarningMessage(
      reading.warnings.length > 0
        ? l10n.t('No Django model could be read from {0} ({1}).', file, reading.warnings[0])
        : l10n.t('No Django model could be read from {0}.', file),
    );
    return undefined;
  }
  const choices = await chooseOptions(concrete, request);
  if (!choices) return undefined;
  const existingSerializers = await serializerClassesIn(vscode.Uri.joinPath(app.dir, 'serializers.py'));
  const generation = generate(reading, { ...choices, existingSerializers });
  for (const warning of generation.warnings) log.warn(warning);
  const planned = await planFiles(app.dir, generation);
  if (!planned) return undefined;
  const changed = planned.filter((file) => file.insertions.length > 0);
  if (changed.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('The app already has every serializer, view and url asked for.'));
    return { applied: false, files: [], previews: [], source };
  }
  const shown = await showPreview(previews, changed);
  const names = changed.map((f) => vscode.workspace.asRelativePath(f.uri)).join(', ');
  const accepted = request.apply || (await decision.ask(shown, names)) === 'apply';
  // Once decided, the diffs would only show stale proposals.
  await closePreviews(shown);
  const applied = accepted ? await applyPlan(log, changed) : undefined;
  if (!applied) return { applied: false, files: [], previews: shown, source };
  const notice = await announceApplied(log, app.dir, project, changed, applied);
  return { applied: true, files: changed.map((f) => f.uri), previews: shown, source, notice };
}
