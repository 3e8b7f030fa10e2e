/**
 * Which of the packages Create Environment offers a project already uses, read from its Python
 * source: imports (`from rest_framework_simplejwt.views import …`) and dotted paths in strings
 * (`INSTALLED_APPS`, `DEFAULT_AUTHENTICATION_CLASSES`).
 */
import { type SyntaxNode } from '@lezer/common';
import { PythonSource, stringValue } from '../syntax/python';

/** Top-level module → the distribution that provides it. */
const DISTRIBUTION_OF: Readonly<Record<string, string>> = {
  django: 'django',
  rest_framework: 'djangorestframework',
  rest_framework_simplejwt: 'djangorestframework-simplejwt',
};

const DOTTED_PATH = /^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/;

/** The distributions (of those Django Kit knows) that the given Python sources use. */
export function packagesUsedBy(sources: Iterable<string>): Set<string> {
  const used = new Set<string>();
  for (const text of sources) {
    for (const module of modulesNamedIn(new PythonSource(text))) {
      const distribution = DISTRIBUTION_OF[module];
      if (distribution) used.add(distribution);
    }
  }
  return used;
}

/** The top-level module of every import and of every string that reads as a dotted path. */
function modulesNamedIn(source: PythonSource): string[] {
  const modules: string[] = [];
  source.tree.cursor().iterate((ref) => {
    if (ref.name === 'ImportStatement') {
      modules.push(...importedModules(source, ref.node));
      return false;
    }
    if (ref.name === 'String') {
      const value = stringValue(source.textOf(ref.node));
      if (value && DOTTED_PATH.test(value)) modules.push(value.split('.')[0]);
    }
    return undefined;
  });
  return modules;
}

/**
 * `import a.b, c as d` → a, c; `from a.b import c` → a; a relative import names none. The first
 * name after `import` (or after each comma) and after `from` is the top-level module.
 */
function importedModules(source: PythonSource, statement: SyntaxNode): string[] {
  const modules: string[] = [];
  let expectModule = false;
  let isFrom = false;
  for (let child = statement.firstChild; child; child = child.nextSibling) {
    const text = source.textOf(child);
    if (text === 'from') {
      isFrom = true;
      expectModule = true;
    } else if (text === 'import') {
      // In `from x import y`, y is a name inside x, not a module of its own.
      if (isFrom) break;
      expectModule = true;
    } else if (text === ',') {
      expectModule = !isFrom;
    } else if (expectModule) {
      if (child.name === 'VariableName') modules.push(text);
      expectModule = false;
    }
  }
  return modules;
}
