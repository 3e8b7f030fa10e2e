// Where a project uses URL names: `{% url %}` tags in templates, and reverse(), reverse_lazy(),
// redirect() and resolve_url() calls in Python, with the arguments each passes.
import type { SyntaxNode } from '@lezer/common';
import type { PythonSource } from '../syntax/python';
import { lexTemplate, parsedBlockTags, splitTagContents, tagName } from '../templates/lexer';
import { callArguments, calleeName, dictKeys, literalString, plainLiteralOffset } from './module';

export interface KeywordArgument {
  readonly name: string;
  /** Offsets of the keyword itself. */
  readonly start: number;
  readonly end: number;
}

export interface UrlUsage {
  readonly name: string;
  /** Offsets of the name's characters, inside the quotes. */
  readonly start: number;
  readonly end: number;
  /** How many positional values are passed; undefined when that cannot be counted (`*args`, a variable). */
  readonly positional: number | undefined;
  /** The keyword arguments passed; undefined when they cannot be listed (`**kwargs`, a variable). */
  readonly keywords: readonly KeywordArgument[] | undefined;
}

/** A string literal being typed, where a URL name belongs: for completion. */
export interface UrlNameSlot {
  /** Offsets of the text inside the quotes. */
  readonly start: number;
  readonly end: number;
}

// Calls whose first argument is a URL name, and the keywords of theirs that are not URL values.
const PYTHON_CALLS: Readonly<Record<string, 'reverse' | 'shortcut'>> = {
  reverse: 'reverse',
  reverse_lazy: 'reverse',
  redirect: 'shortcut',
  resolve_url: 'shortcut',
};
/**
 * False when the module cannot hold a URL-name call: a call is recognised by its function's own name,
 * so a module whose text never spells one of them needs no parse (most settings and models files).
 */
export function mayCallUrlFunctions(text: string): boolean {
  return Object.keys(PYTHON_CALLS).some((name) => text.includes(name));
}

const NOT_URL_KEYWORDS = new Set(['permanent', 'urlconf', 'current_app', 'request', 'format', 'args', 'kwargs', 'viewname', 'to']);

/** A literal that is a URL or a dotted view path rather than a URL name: redirect('/') and the like. */
function isUrlName(text: string): boolean {
  return text !== '' && !/[/.]/.test(text);
}

/** `{% url 'name' arg kw=value %}` and `{% url 'name' … as var %}` of a template. */
export function templateUrlUsages(text: string): UrlUsage[] {
  const usages: UrlUsage[] = [];
  for (const token of parsedBlockTags(lexTemplate(text))) {
    if (tagName(token) !== 'url') continue;
    const [, name, ...rest] = splitTagContents(token);
    const quoted = name && /^(["']).*\1$/s.test(name.text) ? name.text.slice(1, -1) : undefined;
    if (!name || quoted === undefined || !isUrlName(quoted)) continue;
    const asAt = rest.findIndex((bit) => bit.text === 'as');
    const values = asAt >= 0 && asAt === rest.length - 2 ? rest.slice(0, asAt) : rest;
    const keywords = values.flatMap((bit) => {
      const keyword = /^(\w+)=/.exec(bit.text)?.[1];
      return keyword ? [{ name: keyword, start: bit.start, end: bit.start + keyword.length }] : [];
    });
    usages.push({ name: quoted, start: name.start + 1, end: name.start + 1 + quoted.length, positional: values.length - keywords.length, keywords });
  }
  return usages;
}

/** Where the cursor is inside the quoted name of a `{% url %}` tag, if it is. */
export function templateUrlSlot(text: string, offset: number): UrlNameSlot | undefined {
  for (const token of parsedBlockTags(lexTemplate(text))) {
    if (offset < token.start || offset > token.end || tagName(token) !== 'url') continue;
    const name = splitTagContents(token)[1];
    if (!name || !/^["']/.test(name.text)) return undefined;
    const closed = name.text.length > 1 && name.text.endsWith(name.text[0]);
    const start = name.start + 1;
    const end = name.start + name.text.length - (closed ? 1 : 0);
    return offset >= start && offset <= end ? { start, end } : undefined;
  }
  return undefined;
}

/** The URL-name calls of a Python module, anywhere in it (views, tests, class attributes). */
export function pythonUrlUsages(source: PythonSource): UrlUsage[] {
  const usages: UrlUsage[] = [];
  source.tree.iterate({
    enter: (ref) => {
      if (ref.name !== 'CallExpression') return;
      const usage = pythonUsage(ref.node, source);
      if (usage) usages.push(usage);
    },
  });
  return usages;
}

/** The string literal under the cursor when it is the first argument of a URL-name call. */
export function pythonUrlSlot(source: PythonSource, offset: number): UrlNameSlot | undefined {
  let node: SyntaxNode | null = source.tree.resolveInner(offset, -1);
  while (node && node.name !== 'String') node = node.parent;
  const call = node?.parent?.parent;
  if (!node || node.parent?.name !== 'ArgList' || call?.name !== 'CallExpression' || !isUrlCall(call, source)) return undefined;
  if (callArguments(call, source).positional[0]?.from !== node.from) return undefined;
  const text = source.textOf(node);
  const quote = /^[a-zA-Z]*("""|'''|"|')/.exec(text);
  if (!quote) return undefined;
  const start = node.from + quote[0].length;
  const end = text.length > quote[0].length && text.endsWith(quote[1]) ? node.to - quote[1].length : node.to;
  return offset >= start && offset <= end ? { start, end } : undefined;
}

function isUrlCall(call: SyntaxNode, source: PythonSource): boolean {
  const callee = call.firstChild;
  const name = calleeName(call, source);
  // `self.client.get` is not one; `urls.reverse`, `shortcuts.redirect` are.
  return name !== undefined && name in PYTHON_CALLS && (callee?.name === 'VariableName' || /^(django\.)?(urls|shortcuts)\.|^rest_framework\.reverse\./.test(source.textOf(callee!)));
}

function pythonUsage(call: SyntaxNode, source: PythonSource): UrlUsage | undefined {
  if (!isUrlCall(call, source)) return undefined;
  const args = callArguments(call, source);
  const first = args.positional[0];
  const name = literalString(first, source);
  if (!first || name === undefined || !isUrlName(name)) return undefined;
  const start = plainLiteralOffset(first, name, source);
  if (start === undefined) return undefined;
  const kind = PYTHON_CALLS[calleeName(call, source)!];
  const values = kind === 'reverse' ? reverseValues(args, source) : shortcutValues(args);
  return { name, start, end: start + name.length, ...values };
}

type Values = Pick<UrlUsage, 'positional' | 'keywords'>;

/** reverse(name, args=[…], kwargs={…}): values only from literal lists and dicts. */
function reverseValues(args: ReturnType<typeof callArguments>, source: PythonSource): Values {
  if (args.spread || args.positional.length > 1 || args.keywords.has('format')) return { positional: undefined, keywords: undefined };
  const list = args.keywords.get('args');
  const dict = args.keywords.get('kwargs');
  const positional = list === undefined ? 0 : list.name === 'ArrayExpression' || list.name === 'TupleExpression' ? elementCount(list) : undefined;
  const keywords = dict === undefined ? [] : dict.name === 'DictionaryExpression' ? dictKeywords(dict, source) : undefined;
  return { positional, keywords };
}

/** redirect(name, *args, **kwargs) and resolve_url alike. */
function shortcutValues(args: ReturnType<typeof callArguments>): Values {
  if (args.spread) return { positional: undefined, keywords: undefined };
  const keywords: KeywordArgument[] = [];
  for (const [name, value] of args.keywords) {
    if (NOT_URL_KEYWORDS.has(name)) continue;
    // The keyword's own node sits two siblings before its value (name, `=`, value).
    const keyword = value.prevSibling?.prevSibling;
    if (keyword) keywords.push({ name, start: keyword.from, end: keyword.to });
  }
  return { positional: args.positional.length - 1, keywords };
}

function elementCount(node: SyntaxNode): number | undefined {
  let count = 0;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === '*') return undefined;
    if (!['[', ']', '(', ')', ','].includes(child.name)) count += 1;
  }
  return count;
}

function dictKeywords(dict: SyntaxNode, source: PythonSource): KeywordArgument[] | undefined {
  const keywords: KeywordArgument[] = [];
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    if (child.name === '**') return undefined;
    if (child.nextSibling?.name !== ':') continue;
    const name = literalString(child, source);
    const start = name === undefined ? undefined : plainLiteralOffset(child, name, source);
    if (name === undefined || start === undefined) return undefined;
    keywords.push({ name, start, end: start + name.length });
  }
  return dictKeys(dict, source).length === keywords.length ? keywords : undefined;
}
