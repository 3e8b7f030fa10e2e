// Loads the Django grammars together with the HTML, CSS and JavaScript grammars they embed. Those come
// from the VS Code that the host test runner installs (they are not on npm and are not copied here),
// so grammar tests exercise the same grammars users get.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

const CODE_SERVER_PACKAGE = path.join(REPO_ROOT, '.vscode-test', 'code-server-4.100.3', 'node_modules', 'code-server');
const BUILT_IN_EXTENSIONS = path.join(CODE_SERVER_PACKAGE, 'lib', 'vscode', 'extensions');

/** The grammars of VS Code's built-in extensions that django-html pulls in, by scope name. */
const BUILT_IN_GRAMMARS: Readonly<Record<string, string>> = {
  'text.html.basic': 'html/syntaxes/html.tmLanguage.json',
  'text.html.derivative': 'html/syntaxes/html-derivative.tmLanguage.json',
  'source.css': 'css/syntaxes/css.tmLanguage.json',
  'source.js': 'javascript/syntaxes/JavaScript.tmLanguage.json',
  'source.js.regexp': 'javascript/syntaxes/Regular Expressions (JavaScript).tmLanguage',
};

/** Absolute paths of the built-in grammars, failing loudly when one is missing. */
export function builtInGrammarPaths(): Map<string, string> {
  const paths = new Map<string, string>();
  for (const [scopeName, relative] of Object.entries(BUILT_IN_GRAMMARS)) {
    const file = path.join(BUILT_IN_EXTENSIONS, relative);
    if (!existsSync(file)) {
      throw new Error(
        `VS Code's grammar for ${scopeName} was not found at ${file}. The grammar tests take HTML, CSS and ` +
          'JavaScript from the code-server that the host tests use: install it with `npm run test:grammar` ' +
          '(it calls ensureCodeServer() from test/runner/install-code-server.mjs) or run the host tests once.',
      );
    }
    paths.set(scopeName, file);
  }
  return paths;
}

interface ContributedGrammar {
  readonly scopeName: string;
  readonly path: string;
}

/** The grammars package.json contributes, so a wrong path in the manifest fails the tests too. */
export function contributedGrammarPaths(): Map<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    contributes: { grammars: ContributedGrammar[] };
  };
  return new Map(manifest.contributes.grammars.map((g) => [g.scopeName, path.join(REPO_ROOT, g.path)]));
}

export interface GrammarRegistry {
  readonly registry: textmate.Registry;
  /** Scope names some grammar asked for that are not loaded (for example source.python in a script tag). */
  readonly missingScopes: Set<string>;
}

let onigLib: Promise<textmate.IOnigLib> | undefined;

function loadOniguruma(): Promise<textmate.IOnigLib> {
  onigLib ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return {
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    };
  })();
  return onigLib;
}

export function createGrammarRegistry(): GrammarRegistry {
  const files = new Map([...builtInGrammarPaths(), ...contributedGrammarPaths()]);
  const missingScopes = new Set<string>();
  const registry = new textmate.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName) => {
      const file = files.get(scopeName);
      if (!file) {
        missingScopes.add(scopeName);
        return null;
      }
      return textmate.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
  });
  return { registry, missingScopes };
}

export interface LineToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly scopes: readonly string[];
}

/** Tokenizes a whole document line by line, as the editor does. */
export function tokenizeLines(grammar: textmate.IGrammar, text: string): LineToken[][] {
  let state = textmate.INITIAL;
  return text.split(/\r?\n/).map((line) => {
    const result = grammar.tokenizeLine(line, state);
    if (result.stoppedEarly) throw new Error(`tokenizing stopped early on: ${line}`);
    state = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.slice(t.startIndex, t.endIndex),
      start: t.startIndex,
      end: t.endIndex,
      scopes: t.scopes,
    }));
  });
}
