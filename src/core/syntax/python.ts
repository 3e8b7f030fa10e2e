/** Reading Python source text: one parse with @lezer/python, node text, positions and string literals. */
import type { SyntaxNode, Tree } from '@lezer/common';

type PythonParser = (typeof import('@lezer/python'))['parser'];
let loadedParser: PythonParser | undefined;

/**
 * The @lezer/python parser, loaded on first use: building its tables costs several milliseconds,
 * which would otherwise be spent while the extension activates, before anyone needs a parse.
 */
export function pythonParser(): PythonParser {
  // A require inside the function keeps the bundler from evaluating the module at load time.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedParser ??= (require('@lezer/python') as typeof import('@lezer/python')).parser;
  return loadedParser;
}

/** Converts between string offsets and zero-based line/character positions (UTF-16, as editors count). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset of a position; a character past the end of its line stops at the line break. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.source.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.lineEnd(line));
  }

  positionAt(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }

  /** Where a line's text ends, before its `\n` or `\r\n`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.source.length;
    const newline = this.starts[line + 1] - 1;
    return newline > this.starts[line] && this.source.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  }
}

/** A parsed Python source with the helpers every reader of it needs. */
export class PythonSource {
  readonly tree: Tree;
  readonly lines: LineIndex;

  constructor(readonly text: string) {
    this.tree = pythonParser().parse(text);
    this.lines = new LineIndex(text);
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.from, node.to);
  }

  /** 1-based line of an offset, as Python's own messages count. */
  lineAt(offset: number): number {
    return this.lines.positionAt(offset).line + 1;
  }

  /** Offsets where the parser had to recover from a syntax error, in order. */
  errorOffsets(): number[] {
    const offsets: number[] = [];
    this.tree.cursor().iterate((ref) => {
      if (ref.type.isError && !isStarredComprehensionTarget(ref.node)) offsets.push(ref.from);
    });
    return offsets;
  }

  /** Lines where the parser had to recover from a syntax error, in order, without repeats. */
  errorLines(): number[] {
    return [...new Set(this.errorOffsets().map((offset) => this.lineAt(offset)))];
  }

  /** Top-level statements, with decorated definitions unwrapped to the definition itself. */
  topLevelStatements(): SyntaxNode[] {
    return statementsOf(this.tree.topNode);
  }
}

/**
 * @lezer/python rejects a starred name in a comprehension's unparenthesised target
 * (`[a for a, *rest in rows]`), which Python accepts: that error node is not a syntax error.
 */
function isStarredComprehensionTarget(error: SyntaxNode): boolean {
  if (error.firstChild?.name !== '*' || error.firstChild.nextSibling || !error.parent?.name.endsWith('ComprehensionExpression')) return false;
  if (error.prevSibling?.name !== ',' || error.nextSibling?.name !== 'VariableName') return false;
  for (let before: SyntaxNode | null = error.prevSibling; before; before = before.prevSibling) {
    if (before.name === 'for') return true;
    if (before.name === 'in') return false;
  }
  return false;
}

/** The statements directly inside a Script or Body, decorated definitions unwrapped. */
export function statementsOf(block: SyntaxNode): SyntaxNode[] {
  const statements: SyntaxNode[] = [];
  for (let child = block.firstChild; child; child = child.nextSibling) {
    if (child.name === 'DecoratedStatement') {
      const definition = child.getChild('ClassDefinition') ?? child.getChild('FunctionDefinition');
      if (definition) statements.push(definition);
    } else if (child.name === 'StatementGroup') {
      // `a = 1; b = 2` on one line.
      statements.push(...statementsOf(child).filter((statement) => statement.name !== ';'));
    } else {
      statements.push(child);
    }
  }
  return statements;
}

export function children(node: SyntaxNode): SyntaxNode[] {
  const list: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) list.push(child);
  return list;
}

/** The value of a Python str literal; undefined for bytes and f-strings, which are not plain text. */
export function stringValue(literal: string): string | undefined {
  const prefix = /^[a-zA-Z]*/.exec(literal)?.[0].toLowerCase() ?? '';
  if (prefix.includes('b') || prefix.includes('f')) return undefined;
  // Python reads source with universal newlines, so a literal from a CRLF file holds plain \n.
  const body = literal.slice(prefix.length).replace(/\r\n?/g, '\n');
  const quote = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  if (!body.endsWith(quote) || body.length < quote.length * 2) return undefined;
  const inner = body.slice(quote.length, body.length - quote.length);
  return prefix.includes('r') ? inner : unescapePython(inner);
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };

function unescapePython(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, code: string) => {
    if (/^[xuU]/.test(code)) return String.fromCodePoint(parseInt(code.slice(1), 16));
    if (/^[0-7]+$/.test(code)) return String.fromCodePoint(parseInt(code, 8));
    return SIMPLE_ESCAPES[code] ?? whole;
  });
}
