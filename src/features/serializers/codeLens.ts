import vscode = require('vscode');
import { readModels } from '../../core/models/read';
import { GENERATE_COMMAND, type GenerateRequest } from './request';

/** "Generate serializer" above each concrete model class. */
export class ModelCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const reading = readModels([{ path: document.uri.path, text: document.getText() }]);
    return reading.models
      .filter((m) => !m.abstract)
      .map((m) => {
        const range = document.lineAt(m.line - 1).range;
        return new vscode.CodeLens(range, {
          title: 'Generate serializer',
          command: GENERATE_COMMAND,
          arguments: [document.uri, { models: [m.name] } satisfies GenerateRequest],
        });
      });
  }
}
