import * as vscode from 'vscode';
import { type Log, reportError } from '../log';
import { MODELS_FILES, ModelCodeLenses } from './codeLens';
import { PreviewDecision } from './decision';
import { generateSerializers } from './generate';
import { PREVIEW_SCHEME, PreviewDocuments } from './preview';
import { asRequest, GENERATE_COMMAND } from './request';

/** Generate Serializers: the command, its preview documents and the CodeLens above each model. */
export function registerSerializers(context: vscode.ExtensionContext, log: Log): void {
  const previews = new PreviewDocuments();
  const decision = new PreviewDecision();
  context.subscriptions.push(
    previews,
    decision,
    vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, previews),
    vscode.commands.registerCommand(GENERATE_COMMAND, async (target?: unknown, request?: unknown) => {
      try {
        return await generateSerializers(log, previews, decision, asUri(target), asRequest(request));
      } catch (error) {
        reportError(log, `Generate Serializers failed: ${error instanceof Error ? error.message : String(error)}`, error);
        return undefined;
      }
    }),
    vscode.languages.registerCodeLensProvider(MODELS_FILES, new ModelCodeLenses()),
  );
}

function asUri(value: unknown): vscode.Uri | undefined {
  return value instanceof vscode.Uri ? value : undefined;
}
