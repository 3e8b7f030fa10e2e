import vscode = require('vscode');
import { config } from '../../services/config';
import { findTokenAt, hoverMarkdown, normaliseToken, reportToken, TokenError, type TokenReport } from '../../core/jwt';

/** A decoded summary of the token under the pointer, in any file, with a link that opens the panel. */
export function tokenHover(document: vscode.TextDocument, position: vscode.Position, openCommand: string): vscode.Hover | undefined {
  if (!config.jwtHover(document)) return undefined;
  const line = document.lineAt(position.line).text;
  const found = findTokenAt(line, position.character);
  if (!found) return undefined;
  const report = reportIfToken(found.token);
  // Something that merely looks like a token but has no readable header is not worth a hover.
  if (!report?.header) return undefined;
  const markdown = new vscode.MarkdownString(hoverMarkdown(report, openCommand, normaliseToken(found.token)));
  markdown.isTrusted = { enabledCommands: [openCommand] };
  return new vscode.Hover(markdown, new vscode.Range(position.line, found.start, position.line, found.end));
}

function reportIfToken(text: string): TokenReport | undefined {
  try {
    return reportToken(text, new Date());
  } catch (error) {
    if (error instanceof TokenError) return undefined;
    throw error;
  }
}
