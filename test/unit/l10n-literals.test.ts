// Issue #19: every string a person reads in the editor goes through l10n. This reads the extension
// side (src/features, src/services) with the TypeScript checker and lists each place where text
// with words reaches the editor's UI as a literal, and checks that l10n/bundle.l10n.json is what
// the standard extractor finds today (so no message is missing from translations, none is stale).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(__dirname, '..', '..');
const EXTENSION_SIDE = /[\\/]src[\\/](features|services)[\\/]/;
const VSCODE_TYPES = /[\\/]@types[\\/]vscode[\\/]index\.d\.ts$/;

/** Parameters of the editor API that show text, by the function's or class's name. */
const USER_TEXT_PARAMETERS: Readonly<Record<string, readonly string[]>> = {
  showInformationMessage: ['message', 'items'],
  showWarningMessage: ['message', 'items'],
  showErrorMessage: ['message', 'items'],
  showQuickPick: ['items'],
  setStatusBarMessage: ['text'],
  TreeItem: ['label'],
  Diagnostic: ['message'],
};

/** Properties of the editor API that show text, by the interface or class that declares them. */
const USER_TEXT_PROPERTIES: Readonly<Record<string, readonly string[]>> = {
  QuickPickItem: ['label', 'description', 'detail'],
  MessageItem: ['title'],
  MessageOptions: ['detail'],
  QuickPickOptions: ['title', 'placeHolder'],
  InputBoxOptions: ['title', 'prompt', 'placeHolder'],
  ProgressOptions: ['title'],
  QuickPick: ['title', 'placeholder', 'items'],
  InputBox: ['title', 'prompt', 'placeholder'],
  StatusBarItem: ['text', 'tooltip'],
  TreeItem: ['label', 'description', 'tooltip'],
  Diagnostic: ['message'],
};

const ITEM_PROPERTIES = new Set(['label', 'description', 'detail', 'title']);

interface Offender {
  readonly file: string;
  readonly line: number;
  readonly where: string;
  readonly text: string;
}

/**
 * Words, not codicons like `$(check)`, punctuation, digits or placeholders; and not one token that
 * reads as a name rather than a word (`venv`, `.venv`, `DEBUG`, `--check`, `HS256`): those are
 * values. A capitalised single word (`Fetch`, `Open`) is a word.
 */
function hasWords(text: string): boolean {
  const rest = text.replace(/\$\([\w~-]+\)/g, '').trim();
  if (/^[-.\w/@:~]+$/.test(rest) && !/^\p{Lu}\p{Ll}+$/u.test(rest)) return false;
  return /\p{L}/u.test(rest);
}

function skipOuter(expression: ts.Expression): ts.Expression {
  let node = expression;
  while (ts.isParenthesizedExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

function declaredName(declaration: ts.Declaration): string | undefined {
  if (ts.isConstructorDeclaration(declaration)) return declaration.parent.name?.text;
  const name = ts.getNameOfDeclaration(declaration);
  return name && ts.isIdentifier(name) ? name.text : undefined;
}

function fromEditorApi(declaration: ts.Node): boolean {
  return VSCODE_TYPES.test(declaration.getSourceFile().fileName);
}

/** Whether `symbol` is one of USER_TEXT_PROPERTIES as the editor API declares it. */
function isUserTextProperty(symbol: ts.Symbol | undefined): boolean {
  return (symbol?.declarations ?? []).some((declaration) => {
    if (!fromEditorApi(declaration)) return false;
    const owner = declaration.parent;
    const ownerName = (ts.isInterfaceDeclaration(owner) || ts.isClassDeclaration(owner)) && owner.name ? owner.name.text : undefined;
    return ownerName !== undefined && (USER_TEXT_PROPERTIES[ownerName] ?? []).includes(symbol!.name);
  });
}

/**
 * Finds the offenders in the files `isChecked` accepts. A parameter of our own code that reaches a
 * user-text position (a wrapper such as showError(log, message)) becomes a user-text position
 * itself, so literals passed to the wrapper count too.
 */
function findUnlocalizedText(program: ts.Program, isChecked: (fileName: string) => boolean): Offender[] {
  const checker = program.getTypeChecker();
  const sources = program.getSourceFiles().filter((file) => !file.isDeclarationFile && !file.fileName.includes('node_modules'));
  // A wrapper's parameter that is shown as text, or that holds quick pick / message items.
  const userTextParameters = new Map<ts.ParameterDeclaration, 'text' | 'items'>();
  const offenders = new Map<string, Offender>();

  const record = (node: ts.Node, where: string, text: string) => {
    const file = node.getSourceFile();
    if (!isChecked(file.fileName)) return;
    const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const offender = { file: path.relative(repo, file.fileName), line, where, text };
    // The same literal can be reached twice (as an item of showQuickPick and as a QuickPickItem).
    const key = `${node.getSourceFile().fileName}:${node.getStart()}`;
    if (!offenders.has(key)) offenders.set(key, offender);
  };

  const constInitializer = (identifier: ts.Identifier): ts.Expression | undefined => {
    let symbol = checker.getSymbolAtLocation(identifier);
    if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer) return undefined;
    return ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? declaration.initializer : undefined;
  };

  const parameterOf = (identifier: ts.Identifier): ts.ParameterDeclaration | undefined => {
    const declaration = checker.getSymbolAtLocation(identifier)?.valueDeclaration;
    return declaration && ts.isParameter(declaration) && !declaration.getSourceFile().isDeclarationFile ? declaration : undefined;
  };

  /** The literal text with words that `expression` shows as it is, if any. */
  const literalText = (expression: ts.Expression, depth = 0): string | undefined => {
    const node = skipOuter(expression);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return hasWords(node.text) ? node.text : undefined;
    if (ts.isTemplateExpression(node)) {
      const fixed = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(' ');
      return hasWords(fixed) ? node.getText() : undefined;
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      return literalText(node.left, depth) !== undefined || literalText(node.right, depth) !== undefined ? node.getText() : undefined;
    }
    if (ts.isConditionalExpression(node)) return literalText(node.whenTrue, depth) ?? literalText(node.whenFalse, depth);
    if (ts.isIdentifier(node) && depth < 3) {
      const initializer = constInitializer(node);
      return initializer && literalText(initializer, depth + 1);
    }
    // ['…', '…'].join(…)
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'join') {
      const list = skipOuter(node.expression.expression);
      if (ts.isArrayLiteralExpression(list)) return list.elements.map((element) => literalText(element, depth)).find((text) => text !== undefined);
    }
    return undefined;
  };

  let grew = false;
  const markParameter = (expression: ts.Expression, kind: 'text' | 'items') => {
    const node = skipOuter(expression);
    const parameter = ts.isIdentifier(node) ? parameterOf(node) : undefined;
    if (parameter && !userTextParameters.has(parameter)) {
      userTextParameters.set(parameter, kind);
      grew = true;
    }
  };

  /** `expression` is shown to a person as it is. */
  const checkText = (expression: ts.Expression, where: string) => {
    const text = literalText(expression);
    if (text !== undefined) record(expression, where, text);
    markParameter(expression, 'text');
  };

  const returnedExpressions = (declaration: ts.SignatureDeclaration): ts.Expression[] => {
    if ((ts.isArrowFunction(declaration) || ts.isFunctionExpression(declaration)) && !ts.isBlock(declaration.body)) return [declaration.body];
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isReturnStatement(node) && node.expression) found.push(node.expression);
      else if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
    };
    if ('body' in declaration && declaration.body) ts.forEachChild(declaration.body, visit);
    return found;
  };

  /** Quick pick or message items: strings, or objects whose label, description, detail, title are shown. */
  const checkItems = (expression: ts.Expression, where: string, depth = 0): void => {
    const node = skipOuter(expression);
    if (depth > 3) return;
    if (ts.isArrayLiteralExpression(node)) {
      for (const element of node.elements) {
        if (ts.isSpreadElement(element)) checkItems(element.expression, where, depth + 1);
        else checkItems(element, where, depth + 1);
      }
    } else if (ts.isObjectLiteralExpression(node)) {
      for (const property of node.properties) {
        if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name) && ITEM_PROPERTIES.has(property.name.text)) {
          checkText(property.initializer, `${where} ${property.name.text}`);
        }
      }
    } else if (ts.isIdentifier(node)) {
      const initializer = constInitializer(node);
      if (initializer) checkItems(initializer, where, depth + 1);
      else markParameter(node, 'items');
    } else if (ts.isCallExpression(node)) {
      // items.map((x) => ({ label: … })), or a function of ours that builds the items.
      const callback = node.arguments[0];
      if (ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'map' && callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
        for (const returned of returnedExpressions(callback)) checkItems(returned, where, depth + 1);
        checkItems(node.expression.expression, where, depth + 1);
        return;
      }
      const declaration = checker.getResolvedSignature(node)?.declaration;
      if (declaration && !ts.isJSDocSignature(declaration) && !declaration.getSourceFile().isDeclarationFile) {
        for (const returned of returnedExpressions(declaration)) checkItems(returned, where, depth + 1);
      }
    } else {
      checkText(node, where);
    }
  };

  /** Calls and `new`: the editor API's user-text parameters, and those of our own wrappers. */
  const checkCall = (call: ts.CallExpression | ts.NewExpression) => {
    // A wrapper's parameter that fills a message's placeholder is shown too ("{0} failed: {1}" with
    // the wrapper's `what`): its callers pass words, which need l10n.t of their own. Literals given
    // to l10n.t directly are left alone: those are values such as a setting name.
    if (ts.isCallExpression(call) && /(^|\.)l10n\.t$/.test(call.expression.getText())) {
      for (const argument of call.arguments.slice(1)) markParameter(argument, 'text');
      return;
    }
    const declaration = checker.getResolvedSignature(call)?.declaration;
    if (!declaration || ts.isJSDocSignature(declaration)) return;
    const name = declaredName(declaration);
    const apiParameters = fromEditorApi(declaration) && name ? (USER_TEXT_PARAMETERS[name] ?? []) : [];
    const parameters = declaration.parameters;
    (call.arguments ?? []).forEach((argument, index) => {
      const parameter = parameters[Math.min(index, parameters.length - 1)];
      if (!parameter || (index >= parameters.length && !parameter.dotDotDotToken)) return;
      const parameterName = ts.isIdentifier(parameter.name) ? parameter.name.text : '';
      const where = `${name ?? 'call'}(${parameterName})`;
      const kind = apiParameters.includes(parameterName) ? (parameterName === 'items' ? 'items' : 'text') : userTextParameters.get(parameter);
      if (kind === 'items') checkItems(argument, where);
      else if (kind === 'text') checkText(argument, where);
    });
  };

  /** Object literals typed by the editor API: { title: … } as ProgressOptions, InputBoxOptions, … */
  const checkObject = (object: ts.ObjectLiteralExpression) => {
    const type = checker.getContextualType(object);
    if (!type) return;
    const types = type.isUnion() ? type.types : [type];
    for (const property of object.properties) {
      if (!(ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) || !ts.isIdentifier(property.name)) continue;
      const name = property.name.text;
      if (!types.some((candidate) => isUserTextProperty(checker.getApparentType(candidate).getProperty(name)))) continue;
      const value = ts.isPropertyAssignment(property) ? property.initializer : property.name;
      if (name === 'items') checkItems(value, name);
      else checkText(value, name);
    }
  };

  /** `statusBarItem.text = …`, `quickPick.items = […]`, `treeItem.description = …` */
  const checkAssignment = (assignment: ts.BinaryExpression) => {
    if (!ts.isPropertyAccessExpression(assignment.left)) return;
    const property = assignment.left.name.text;
    if (!isUserTextProperty(checker.getSymbolAtLocation(assignment.left.name))) return;
    if (property === 'items') checkItems(assignment.right, `.${property}`);
    else checkText(assignment.right, `.${property}`);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) || ts.isNewExpression(node)) checkCall(node);
    else if (ts.isObjectLiteralExpression(node)) checkObject(node);
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) checkAssignment(node);
    ts.forEachChild(node, visit);
  };
  // Until no new wrapper parameter turns up: a wrapper's callers are checked once it is known.
  do {
    grew = false;
    for (const file of sources) visit(file);
  } while (grew);
  return [...offenders.values()].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function projectProgram(): ts.Program {
  const configFile = ts.readConfigFile(path.join(repo, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repo);
  const roots = parsed.fileNames.filter((file) => /[\\/]src[\\/]/.test(file) && !/[\\/]src[\\/]webview[\\/]/.test(file));
  return ts.createProgram(roots, parsed.options);
}

/** A program of the project's settings with one extra file, `sample`, at src/features/sample.ts. */
function sampleProgram(sample: string): { program: ts.Program; fileName: string } {
  const configFile = ts.readConfigFile(path.join(repo, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, repo);
  const fileName = path.join(repo, 'src', 'features', '__l10n_sample__.ts');
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (file) => file === fileName || fileExists.call(host, file);
  host.readFile = (file) => (file === fileName ? sample : readFile.call(host, file));
  host.getSourceFile = (file, language, ...rest) =>
    file === fileName ? ts.createSourceFile(file, sample, language, true) : getSourceFile.call(host, file, language, ...rest);
  return { program: ts.createProgram([fileName], { ...options, types: [] }, host), fileName };
}

function listing(offenders: readonly Offender[]): string {
  return offenders.map((o) => `  ${o.file}:${o.line}  ${o.where}: ${JSON.stringify(o.text)}`).join('\n');
}

const l10nDev = path.join(repo, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');

/** The bundle `npm run l10n` would write now, without touching l10n/. */
function freshBundle(): Record<string, string | { message: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'django-kit-l10n-'));
  try {
    try {
      execFileSync(process.execPath, [l10nDev, 'export', '--outDir', dir, path.join(repo, 'src')], { stdio: 'pipe' });
    } catch (error) {
      // The tool prints its usage before the reason (a template literal in l10n.t, say).
      const stderr = String((error as { stderr?: Buffer }).stderr ?? error);
      throw new Error(`vscode-l10n-dev export failed: ${stderr.split('\n').filter((line) => line.startsWith('Error')).join('\n') || stderr}`);
    }
    return JSON.parse(readFileSync(path.join(dir, 'bundle.l10n.json'), 'utf8')) as Record<string, string | { message: string }>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `l10n.t(…)` / `vscode.l10n.t(…)` call in src, with its message when it is a plain literal. */
function l10nCalls(program: ts.Program): { file: string; line: number; message?: string; source: string }[] {
  const calls: { file: string; line: number; message?: string; source: string }[] = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || !/[\\/]src[\\/]/.test(file.fileName)) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText(file))) {
        const first = node.arguments[0] && skipOuter(node.arguments[0]);
        let message: string | undefined;
        if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) message = first.text;
        if (first && ts.isObjectLiteralExpression(first)) {
          const property = first.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(file) === 'message');
          if (property && ts.isStringLiteral(property.initializer)) message = property.initializer.text;
        }
        const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
        calls.push({ file: path.relative(repo, file.fileName), line, message, source: node.getText(file).slice(0, 100) });
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return calls;
}

describe('l10n: user-facing strings of the extension', function () {
  // Type-checking the whole of src takes a few seconds.
  this.timeout(120_000);
  let program: ts.Program;

  before(() => {
    program = projectProgram();
  });

  it('finds literal text in each kind of place it checks, and lets l10n.t, codicons and punctuation through', () => {
    const sample = [
      "import vscode = require('vscode');",
      "import { l10n } from 'vscode';",
      'declare const name: string;',
      'function warn(message: string) { void vscode.window.showWarningMessage(message); }',
      'export async function sample(item: vscode.StatusBarItem, pick: vscode.QuickPick<vscode.QuickPickItem>) {',
      "  void vscode.window.showInformationMessage('Saved ' + name, 'Open');", // 6: message, item
      "  void vscode.window.showErrorMessage(l10n.t('Failed: {0}', name), l10n.t('Show Log'));",
      "  const modes = [{ label: 'All apps', description: '$(check)' }] as const;",
      '  await vscode.window.showQuickPick(modes, { placeHolder: `Pick for ${name}` });', // 9: placeHolder (label on 8)
      "  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Working' }, async () => undefined);",
      "  item.text = '$(sync~spin)';",
      "  item.tooltip = 'Django environment';",
      "  pick.items = [{ label: l10n.t('Reuse') }, { label: 'Recreate', description: 'venv' }];",
      "  pick.placeholder = '…';",
      "  void new vscode.Diagnostic(new vscode.Range(0, 0, 0, 1), `Unknown setting ${name}`);",
      "  warn('Careful');",
      "  void vscode.window.setStatusBarMessage(l10n.t('Done'));",
      "  await choose([{ label: 'Yes' }, { label: l10n.t('No') }]);",
      "  void vscode.window.showErrorMessage(failed('Saving', l10n.t('disk full')));",
      '}',
      // Typed by the wrapper, not by the editor API: found through the wrapper's call of showQuickPick.
      "function failed(what: string, why: string) { return l10n.t('{0} failed: {1}', what, why); }",
      'async function choose<T extends { label: string }>(items: T[]) { return vscode.window.showQuickPick(items); }',
    ].join('\n');
    const { program: sampleOnly, fileName } = sampleProgram(sample);
    const found = findUnlocalizedText(sampleOnly, (file) => file === fileName).map((o) => `${o.line} ${o.where}: ${o.text}`);
    assert.deepEqual(found, [
      "6 showInformationMessage(message): 'Saved ' + name",
      '6 showInformationMessage(items): Open',
      '8 showQuickPick(items) label: All apps',
      '9 placeHolder: `Pick for ${name}`',
      '10 title: Working',
      '12 .tooltip: Django environment',
      '13 .items label: Recreate',
      '15 Diagnostic(message): `Unknown setting ${name}`',
      '16 warn(message): Careful',
      '18 choose(items) label: Yes',
      '19 failed(what): Saving',
    ]);
  });

  it('passes no literal text with words straight to the editor in src/features and src/services', () => {
    const offenders = findUnlocalizedText(program, (file) => EXTENSION_SIDE.test(file));
    if (offenders.length > 0) assert.fail(`${offenders.length} user-facing string(s) not passed through l10n.t:\n${listing(offenders)}`);
  });

  it('has l10n/bundle.l10n.json equal to what vscode-l10n-dev export finds in src now', () => {
    const fresh = freshBundle();
    const committed = JSON.parse(readFileSync(path.join(repo, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const missing = Object.keys(fresh).filter((key) => !(key in committed));
    const stale = Object.keys(committed).filter((key) => !(key in fresh));
    const problems = [
      ...missing.map((key) => `  missing from l10n/bundle.l10n.json: ${JSON.stringify(key)}`),
      ...stale.map((key) => `  no longer in the source: ${JSON.stringify(key)}`),
    ];
    if (problems.length > 0) assert.fail(`l10n/bundle.l10n.json is out of date (run \`npm run l10n\`):\n${problems.join('\n')}`);
    assert.deepEqual(committed, fresh);
  });

  it('has every l10n.t message written so that the extractor finds it', () => {
    const fresh = freshBundle();
    const extracted = new Set(Object.values(fresh).map((value) => (typeof value === 'string' ? value : value.message)));
    const calls = l10nCalls(program);
    assert.ok(calls.length > 0, 'src has l10n.t calls');
    const lost = calls.filter((call) => call.message === undefined || !extracted.has(call.message));
    if (lost.length > 0) {
      assert.fail(
        `${lost.length} l10n.t call(s) whose message the extractor cannot see (pass a string literal, arguments as {0}):\n${lost.map((c) => `  ${c.file}:${c.line}  ${c.source}`).join('\n')}`,
      );
    }
  });
});
