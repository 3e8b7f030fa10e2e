// Which HTML files are Django templates. The manifest already maps `**/templates/**/*.html`; these
// rules add the user's globs and files that announce themselves on their first line.

const FIRST_LINE = /^\s*\{%\s*(?:extends|load)\b/;

/** True when a first line starts with `{% extends … %}` or `{% load … %}`. */
export function isDjangoFirstLine(line: string): boolean {
  return FIRST_LINE.test(line);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Translates one glob segment's characters (`*`, `?`, `[…]`, `{a,b}`) into a regular expression. */
function segmentPattern(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      const body = glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
      out += `[${body}]`;
      i = close;
    } else if (char === '{') {
      const close = glob.indexOf('}', i + 1);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      out += `(?:${glob.slice(i + 1, close).split(',').map(segmentPattern).join('|')})`;
      i = close;
    } else out += escapeRegExp(char);
  }
  return out;
}

/**
 * Compiles a glob as VS Code reads `files.associations`: `**` spans folders, `*` and `?` stay within
 * one, and a glob without `/` is matched against the file name alone.
 */
export function globToRegExp(glob: string): RegExp {
  const segments = glob.replace(/\\/g, '/').split('/');
  const parts: string[] = [];
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') parts.push(last ? '.*' : '(?:[^/]*/)*');
    else parts.push(segmentPattern(segment) + (last ? '' : '/'));
  });
  return new RegExp(`^${parts.join('')}$`);
}

/** Does a workspace-relative path (with `/`) match a glob? */
export function matchesGlob(relativePath: string, glob: string): boolean {
  const target = glob.includes('/') ? relativePath : relativePath.slice(relativePath.lastIndexOf('/') + 1);
  return globToRegExp(glob).test(target);
}

export interface HtmlFile {
  /** Path relative to its workspace folder, with `/`; undefined for files outside any folder. */
  readonly relativePath: string | undefined;
  readonly firstLine: string;
}

/** Should an HTML file be shown as django-html? Why, or undefined when it should stay HTML. */
export function djangoHtmlReason(file: HtmlFile, extraGlobs: readonly string[]): string | undefined {
  const relativePath = file.relativePath;
  if (relativePath !== undefined) {
    const glob = extraGlobs.find((g) => g.trim() !== '' && matchesGlob(relativePath, g));
    if (glob !== undefined) return `it matches djangoKit.templates.extraGlobs entry ${glob}`;
  }
  if (isDjangoFirstLine(file.firstLine)) return 'its first line is {% extends %} or {% load %}';
  return undefined;
}
