import vscode = require('vscode');
import { excludedFoldersGlob } from '../../core/project';
import { LineIndex, PythonSource } from '../../core/syntax/python';
import { usageLanguage, type UsageLanguage, usagesIn } from '../../core/urls/files';
import { mayCallUrlFunctions, pythonUrlSlot, pythonUrlUsages, templateUrlSlot, templateUrlUsages, type UrlNameSlot, type UrlUsage } from '../../core/urls/usages';

export const URL_SELECTOR: vscode.DocumentSelector = [{ language: 'django-html' }, { language: 'django-txt' }, { language: 'python' }];

// Folders where no project code that uses URL names lives.
// Migrations never name URLs; the rest is the project model's exclusions.
const EXCLUDED = excludedFoldersGlob(['migrations']);
// Enough for any real project; a runaway search over a huge monorepo stops here.
const MAX_FILES = 20_000;

export function languageOf(document: vscode.TextDocument): UsageLanguage | undefined {
  if (document.languageId === 'python') return 'python';
  if (document.languageId === 'django-html' || document.languageId === 'django-txt') return 'template';
  return undefined;
}

interface Parsed {
  readonly version: number;
  readonly usages: UrlUsage[];
  /** The parse of a Python document, kept for completion in the same version; none when it names no URL function. */
  readonly python?: PythonSource;
}

const parsed = new Map<string, Parsed>();

/** A document's usages (and Python parse), computed once per version. */
function parsedOf(document: vscode.TextDocument, language: UsageLanguage): Parsed {
  const key = document.uri.toString();
  const cached = parsed.get(key);
  if (cached?.version === document.version) return cached;
  const text = document.getText();
  // A hover on a settings or models file must not pay for a parse that cannot find anything.
  const python = language === 'python' && mayCallUrlFunctions(text) ? new PythonSource(text) : undefined;
  const usages = python ? pythonUrlUsages(python) : language === 'template' ? templateUrlUsages(text) : [];
  const entry = { version: document.version, usages, python };
  parsed.set(key, entry);
  return entry;
}

/** The URL-name usages of a document. */
export function usagesOf(document: vscode.TextDocument): UrlUsage[] {
  const language = languageOf(document);
  return language ? parsedOf(document, language).usages : [];
}

export function forgetDocument(document: vscode.TextDocument): void {
  parsed.delete(document.uri.toString());
}

export function usageAt(document: vscode.TextDocument, position: vscode.Position): UrlUsage | undefined {
  const offset = document.offsetAt(position);
  return usagesOf(document).find((usage) => usage.start <= offset && offset <= usage.end);
}

export function slotAt(document: vscode.TextDocument, position: vscode.Position): UrlNameSlot | undefined {
  const offset = document.offsetAt(position);
  const language = languageOf(document);
  if (language === 'template') return templateUrlSlot(document.getText(), offset);
  if (language === 'python') {
    const python = parsedOf(document, language).python;
    return python && pythonUrlSlot(python, offset);
  }
  return undefined;
}

/** A usage found in a workspace file, with its range there. */
export interface FoundUsage {
  readonly uri: vscode.Uri;
  readonly usage: UrlUsage;
  readonly range: vscode.Range;
}

/** Every usage of the given names in the workspace's Python files and templates below `root`. */
export async function workspaceUsages(names: ReadonlySet<string>, root: string): Promise<FoundUsage[]> {
  const pattern = new vscode.RelativePattern(vscode.Uri.file(root), '**/*.{py,html,txt,djhtml}');
  const files = await vscode.workspace.findFiles(pattern, EXCLUDED, MAX_FILES);
  const open = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  const found: FoundUsage[] = [];
  for (const uri of files) {
    const language = usageLanguage(uri.fsPath);
    if (!language) continue;
    const text = open.get(uri.toString())?.getText() ?? new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const usages = usagesIn(text, language).filter((usage) => names.has(usage.name));
    if (usages.length === 0) continue;
    const lines = new LineIndex(text);
    const position = (offset: number) => {
      const at = lines.positionAt(offset);
      return new vscode.Position(at.line, at.character);
    };
    for (const usage of usages) found.push({ uri, usage, range: new vscode.Range(position(usage.start), position(usage.end)) });
  }
  return found;
}
