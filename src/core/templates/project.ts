import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LineIndex } from '../syntax/python';
import { findTemplateReferences, type ReferenceTag } from './references';
import { isExcludedFolder } from '../project/find';
import { TemplateIndex } from './resolve';

/**
 * Every file below a `templates` folder of a project, as `/`-separated paths relative to `root`
 * (every file when `root` itself lies in a templates folder).
 */
export async function listTemplateFiles(root: string, insideTemplates = false): Promise<string[]> {
  const found: string[] = [];
  async function walk(folder: string, relative: string[], underTemplates: boolean): Promise<void> {
    const entries = await readdir(folder, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const parts = [...relative, entry.name];
      if (entry.isDirectory() && !isExcludedFolder(path.join(folder, entry.name))) {
        await walk(path.join(folder, entry.name), parts, underTemplates || entry.name === 'templates');
      } else if (entry.isFile() && underTemplates) {
        found.push(parts.join('/'));
      }
    }
  }
  await walk(root, [], insideTemplates);
  return found;
}

export interface TemplateLink {
  readonly file: string;
  /** 1-based position of the referenced name's first character. */
  readonly line: number;
  readonly column: number;
  readonly tag: ReferenceTag;
  readonly name: string;
  /** The file Django would load, or null when no templates folder has it. */
  readonly target: string | null;
}

/** The extends/include names of the given template files and what each one loads. */
export function templateLinks(files: readonly { path: string; text: string }[]): TemplateLink[] {
  const index = new TemplateIndex(files.map((f) => f.path));
  return files.flatMap((file) => {
    // One line index per file: finding each link's line by binary search keeps many links linear.
    const lines = new LineIndex(file.text);
    return findTemplateReferences(file.text).map((reference) => {
      const { line, character } = lines.positionAt(reference.start);
      return {
        file: file.path,
        line: line + 1,
        column: character + 1,
        tag: reference.tag,
        name: reference.name,
        target: index.resolve(reference.name, file.path) ?? null,
      };
    });
  });
}

// Images and fonts sometimes sit under templates/ too; a NUL byte marks them as not templates.
function looksLikeText(text: string): boolean {
  return !text.includes('\0');
}

/** Lists and reads a project's templates, then links them. */
export async function projectTemplateLinks(root: string): Promise<TemplateLink[]> {
  const paths = await listTemplateFiles(root);
  const files = await Promise.all(paths.map(async (p) => ({ path: p, text: await readFile(path.join(root, ...p.split('/')), 'utf8') })));
  return templateLinks(files.filter((f) => looksLikeText(f.text)));
}
