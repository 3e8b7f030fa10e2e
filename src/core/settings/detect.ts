import type { SyntaxNode } from '@lezer/common';
import { pythonParser } from '../syntax/python';
import { unquote } from './scanner';

const SETTINGS_VARIABLE = 'DJANGO_SETTINGS_MODULE';

function segments(filePath: string): string[] {
  return filePath.split(/[\\/]+/).filter((part) => part !== '');
}

/** `settings.py`, or any module of a `settings/` package (base/dev/production splits). */
export function isConventionalSettingsPath(filePath: string): boolean {
  const parts = segments(filePath);
  const file = parts.at(-1) ?? '';
  if (!file.endsWith('.py')) return false;
  return file === 'settings.py' || parts.at(-2) === 'settings';
}

/** A module whose name says it configures a live deployment: production.py, prod_settings.py, live.py… */
export function looksLikeProduction(filePath: string): boolean {
  const stem = (segments(filePath).at(-1) ?? '').replace(/\.py$/, '').toLowerCase();
  return stem.includes('prod') || stem === 'live' || stem === 'deploy';
}

/**
 * The dotted module name that `os.environ.setdefault('DJANGO_SETTINGS_MODULE', '…')` or
 * `os.environ['DJANGO_SETTINGS_MODULE'] = '…'` sets in a manage.py, wsgi.py or asgi.py.
 */
export function declaredSettingsModule(source: string): string | undefined {
  if (!source.includes(SETTINGS_VARIABLE)) return undefined;
  const text = (node: SyntaxNode) => source.slice(node.from, node.to);
  const literal = (node: SyntaxNode | null | undefined) => (node?.name === 'String' ? unquote(text(node)) : undefined);
  let found: string | undefined;
  pythonParser().parse(source).iterate({
    enter: (ref) => {
      if (found !== undefined) return false;
      if (ref.name === 'ArgList') {
        const args = argumentNodes(ref.node);
        if (literal(args[0]) === SETTINGS_VARIABLE) found = literal(args[1]);
      } else if (ref.name === 'AssignStatement') {
        const target = ref.node.firstChild;
        const index = target?.name === 'MemberExpression' ? target.getChild('String') : null;
        if (literal(index) === SETTINGS_VARIABLE) found = literal(ref.node.lastChild);
      }
      return undefined;
    },
  });
  return found;
}

function argumentNodes(argList: SyntaxNode): SyntaxNode[] {
  const args: SyntaxNode[] = [];
  for (let child = argList.firstChild; child; child = child.nextSibling) {
    if (child.name !== '(' && child.name !== ')' && child.name !== ',') args.push(child);
  }
  return args;
}
