import path from 'node:path';

interface Candidate {
  readonly root: string;
  readonly file: string;
}

/** Where a template file sits: the `templates` folder it is found from, and its template name. */
export interface TemplateLocation {
  readonly root: string;
  readonly name: string;
}

/**
 * Django's DIRS come before the apps' folders; without running settings.py, shallower `templates`
 * folders (the project's) are taken to come first, then alphabetical order for a stable answer.
 */
function compareRoots(a: string, b: string): number {
  const depth = a.split('/').length - b.split('/').length;
  if (depth !== 0) return depth;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every way a file can be named from a `templates` folder above it: `shop/templates/shop/list.html`
 * is `shop/list.html` from `shop/templates`.
 */
export function templateLocations(file: string): TemplateLocation[] {
  const segments = file.split('/');
  const locations: TemplateLocation[] = [];
  segments.forEach((segment, i) => {
    if (segment === 'templates' && i < segments.length - 1) {
      locations.push({ root: segments.slice(0, i + 1).join('/'), name: segments.slice(i + 1).join('/') });
    }
  });
  return locations;
}

/**
 * Django's `./` and `../` names are relative to the including template's own name and may not climb
 * above its templates folder.
 */
export function absoluteTemplateName(name: string, fromName: string | undefined): string | undefined {
  if (!name.startsWith('./') && !name.startsWith('../')) return name;
  if (fromName === undefined) return undefined;
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromName), name));
  return joined.startsWith('../') || joined === '..' ? undefined : joined;
}

/** Template names of a project's files, answering which file a name loads (paths use `/`). */
export class TemplateIndex {
  private readonly byName = new Map<string, Candidate[]>();

  constructor(files: Iterable<string>) {
    for (const file of files) {
      for (const { root, name } of templateLocations(file)) {
        const list = this.byName.get(name) ?? [];
        list.push({ root, file });
        this.byName.set(name, list);
      }
    }
    for (const list of this.byName.values()) list.sort((a, b) => compareRoots(a.root, b.root));
  }

  /** The file Django would load for `name`, as written in a tag of the template file `from`. */
  resolve(name: string, from?: string): string | undefined {
    const fromName = from === undefined ? undefined : this.nameOf(from);
    const absolute = absoluteTemplateName(name, fromName);
    return absolute === undefined ? undefined : this.byName.get(absolute)?.[0]?.file;
  }

  /** The name under which Django finds a file: from the first `templates` folder that serves it. */
  nameOf(file: string): string | undefined {
    const names = templateLocations(file)
      .filter(({ name }) => this.byName.get(name)?.[0]?.file === file)
      .map(({ name }) => name);
    return names[0] ?? templateLocations(file).at(-1)?.name;
  }
}
