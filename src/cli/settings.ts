import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type KnowledgeBase, loadCompiledKnowledge } from '../core/settings/knowledge';
import { findCompiledKnowledge, isSettingsModuleOnDisk } from '../core/settings/location';
import { hoverAt } from '../core/settings/lookup';
import { renderEntry } from '../core/settings/markdown';
import { looksLikeProduction } from '../core/settings/detect';
import { diagnose } from '../core/settings/diagnostics';
import { ProjectReadsCache, projectRootOf } from '../core/settings/projectReads';
import { scanSettings, scanSettingsAround } from '../core/settings/scanner';
import { SCOPES, type Scope, isScope } from '../core/settings/schema';
import { LineIndex } from '../core/syntax/python';
import { readPythonFileSync } from '../core/syntax/pythonFile';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage:
  django-kit settings explain NAME [--scope ${SCOPES.join('|')}]
      Print the Markdown explanation of a setting (exit 1 if unknown).
  django-kit settings hover FILE LINE COLUMN
      Print what the editor's hover shows at that 1-based position (exit 1 if nothing).
  django-kit settings check FILE...
      Check settings modules as the editor does and print the findings as JSON:
      [{"file", "line", "column", "severity", "code", "message"}] (1-based line and column;
      severity "warning" or "information"). Exit 1 when any finding is a warning, else 0.
      A name close to a known setting counts as a typo only when no Python file of the project
      (the folder of the nearest manage.py) reads it as settings.NAME or getattr(settings, "NAME").
  django-kit settings list
      Print every covered name, one per line: SCOPE NAME.`;

/** The knowledge the build compiled beside dist/cli.js; found from the CLI's own folder, whatever the cwd. */
function loadKnowledge(): KnowledgeBase {
  const file = findCompiledKnowledge(__dirname);
  if (!file) throw new Error('the compiled settings knowledge (dist/settings-knowledge.json) was not found; run the build');
  const { knowledge, errors } = loadCompiledKnowledge(file);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return knowledge;
}

function explain(args: string[], io: CliIO): number {
  const { values, positionals } = parseArgs({ args, options: { scope: { type: 'string' } }, allowPositionals: true });
  if (positionals.length !== 1) throw new UsageError('explain takes exactly one NAME');
  if (values.scope !== undefined && !isScope(values.scope)) throw new UsageError(`unknown scope '${values.scope}'`);
  const [name] = positionals;
  const knowledge = loadKnowledge();
  const scopes: readonly Scope[] = values.scope ? [values.scope as Scope] : SCOPES;
  const entry = scopes.map((scope) => knowledge.get(scope, name)).find((found) => found !== undefined);
  if (!entry) {
    io.stderr(`django-kit settings: '${name}' is not a known setting${values.scope ? ` in scope ${values.scope}` : ''}\n`);
    return 1;
  }
  io.stdout(renderEntry(entry, knowledge));
  return 0;
}

function positiveInteger(text: string, what: string): number {
  // Digits only: Number() would also take `0x1`, `1e3` or ` 7`.
  const value = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value) || value < 1) throw new UsageError(`${what} must be a whole number from 1`);
  return value;
}

/** The text of a file named on the command line; a missing one is an argument error. */
function readArgumentFile(file: string, given: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`${given} is not a file`);
  return readPythonFileSync(file);
}

function hover(args: string[], io: CliIO): number {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length !== 3) throw new UsageError('hover takes FILE LINE COLUMN');
  const file = path.resolve(io.cwd, positionals[0]);
  const line = positiveInteger(positionals[1], 'LINE');
  const column = positiveInteger(positionals[2], 'COLUMN');
  const source = readArgumentFile(file, positionals[0]);
  const lines = new LineIndex(source);
  if (line > lines.lineCount) throw new UsageError(`${positionals[0]} has only ${lines.lineCount} lines`);
  const offset = lines.offsetAt(line - 1, column - 1);
  const result = hoverAt(scanSettingsAround(source, offset, isSettingsModuleOnDisk(file)), offset, loadKnowledge());
  if (!result) {
    io.stderr(`django-kit settings: no setting at ${positionals[0]}:${line}:${column}\n`);
    return 1;
  }
  io.stdout(result.markdown);
  return 0;
}

async function check(args: string[], io: CliIO): Promise<number> {
  const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
  if (positionals.length === 0) throw new UsageError('check takes one or more FILEs');
  const knowledge = loadKnowledge();
  const reads = new ProjectReadsCache();
  const findings = [];
  for (const given of positionals) {
    const file = path.resolve(io.cwd, given);
    const source = readArgumentFile(file, given);
    const lines = new LineIndex(source);
    const found = diagnose(scanSettings(source, true), knowledge, {
      unknownNames: true,
      deprecated: true,
      security: true,
      production: looksLikeProduction(file),
      readNames: await reads.names(projectRootOf(file)),
    });
    for (const { from, severity, code, message } of found) {
      const { line, character } = lines.positionAt(from);
      findings.push({ file: given, line: line + 1, column: character + 1, severity, code, message });
    }
  }
  io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
  return findings.some((finding) => finding.severity === 'warning') ? 1 : 0;
}

function list(args: string[], io: CliIO): number {
  if (args.length > 0) throw new UsageError('list takes no arguments');
  const knowledge = loadKnowledge();
  const lines = SCOPES.flatMap((scope) => knowledge.entries(scope).map((entry) => `${scope} ${entry.name}`).sort());
  io.stdout(lines.length > 0 ? `${lines.join('\n')}\n` : '');
  return 0;
}

export const settingsCommand: CliCommand = {
  name: 'settings',
  summary: 'Explain and check Django, DRF and SimpleJWT settings',
  usage: USAGE,
  async run(args, io) {
    const [action, ...rest] = args;
    switch (action) {
      case 'explain':
        return explain(rest, io);
      case 'hover':
        return hover(rest, io);
      case 'check':
        return check(rest, io);
      case 'list':
        return list(rest, io);
      default:
        throw new UsageError(action === undefined ? 'missing action' : `unknown action '${action}'`);
    }
  },
};
