// `.env` files as django-environ and python-decouple read them: KEY=value lines, an optional
// `export `, quotes, and comments. Only read, never executed or expanded.

export interface EnvironmentValue {
  readonly value: string;
  /** The file that set it, as the caller named it (usually relative to the workspace). */
  readonly file: string;
}

/** The `.env` files found for a project, first file first. */
export interface Environment {
  readonly files: readonly string[];
  lookup(variable: string): EnvironmentValue | undefined;
}

const LINE = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/;

export function parseDotEnv(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (/^\s*(#|$)/.test(line)) continue;
    const match = LINE.exec(line);
    if (match) values.set(match[1], unquote(match[2]));
  }
  return values;
}

function unquote(raw: string): string {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const end = raw.indexOf(quote, 1);
    if (end > 0) {
      const inner = raw.slice(1, end);
      return quote === '"' ? inner.replace(/\\n/g, '\n').replace(/\\(["\\])/g, '$1') : inner;
    }
  }
  // An unquoted value ends at a comment that follows whitespace.
  return raw.replace(/\s+#.*$/, '');
}

/** The variables of several `.env` files; the first file that sets a variable wins. */
export function environmentFrom(files: readonly { name: string; text: string }[]): Environment {
  const parsed = files.map((file) => ({ name: file.name, values: parseDotEnv(file.text) }));
  return {
    files: files.map((file) => file.name),
    lookup(variable) {
      for (const file of parsed) {
        const value = file.values.get(variable);
        if (value !== undefined) return { value, file: file.name };
      }
      return undefined;
    },
  };
}
