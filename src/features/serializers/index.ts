import vscode = require('vscode');
import { l10n } from 'vscode';
import { command } from '../../services/commands';
import { DeclarationsCache } from '../../core/models/declarationsCache';
import type { Log } from '../../services/log';
import type { ProjectService } from '../../services/projects';
import { ModelCodeLenses } from './codeLens';
import { PreviewDecision } from './decision';
import { generateSerializers } from './generate';
import { PREVIEW_SCHEME, PreviewDocuments } from './preview';
import { readShownModels } from './readShown';
import { asRequest, GENERATE_COMMAND, MODELS_FILES } from './request';

/** Generate Serializers: the command, its preview documents and the CodeLens above each model. */
export function registerSerializers(context: vscode.ExtensionContext, log: Log, projects: ProjectService): void {
  const previews = new PreviewDocuments();
  const decision = new PreviewDecision();
  const declarations = new DeclarationsCache();
  context.subscriptions.push(
    previews,
    decision,
    readShownModels(declarations),
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(
      GENERATE_COMMAND,
      command(log, l10n.t('Generate Serializers'), (target?: unknown, request?: unknown) =>
        generateSerializers({ log, projects, previews, decision, declarations }, asUri(target), asRequest(request)),
      ),
    ),
    vscode.languages.registerCodeLensProvider(MODELS_FILES, new ModelCodeLenses(declarations)),
  );
}

function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}
