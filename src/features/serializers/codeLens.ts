import vscode = require('vscode');
import { l10n } from 'vscode';
import type { DeclarationsCache } from '../../core/models/declarationsCache';
import { readModels } from '../../core/models/read';
import { sourceFileOf } from './app';
import { GENERATE_COMMAND, type GenerateRequest } from './request';

/** "Generate serializer" above each concrete model class. */
export class ModelCodeLenses implements vscode.CodeLensProvider {
  constructor(private readonly declarations: DeclarationsCache) {}

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const reading = readModels([sourceFileOf(document)], this.declarations);
    return reading.models
      .filter((m) => !m.abstract)
      .map((m) => {
        const range = document.lineAt(m.line - 1).range;
        return new vscode.CodeLens(range, {
          title: l10n.t('Generate serializer'),
          command: GENERATE_COMMAND,
          arguments: [document.uri, { models: [m.name] } satisfies GenerateRequest],
        });
      });
  }
}
