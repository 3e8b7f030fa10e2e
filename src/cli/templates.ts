import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProjectModel, type DjangoProject, probeProjectEnvironment, projectForFile } from '../core/project';
import { findCompiledKnowledge } from '../core/settings/location';
import { LineIndex } from '../core/syntax/python';
import { checkTemplate } from '../core/templates/check';
import { projectlessTemplates, projectVocabulary, templateNameChecker } from '../core/templates/environment';
import { COMPILED_TEMPLATE_KNOWLEDGE_FILE, type KnownLibrary, loadCompiledTemplateKnowledge } from '../core/templates/knowledge';
import { listTemplateFiles, projectTemplateLinks, type TemplateLink } from '../core/templates/project';
import type { Vocabulary } from '../core/templates/vocabulary';
import { type CliCommand, type CliIO, UsageError } from './command';
import { isFolder, readTextIfReadable } from '../core/files';

const USAGE = `Usage: django-kit templates [PROJECT] [--json]
       django-kit templates check PATH... [--project DIR] [--python PATH]
       django-kit templates library [--project DIR] [--python PATH]

templates [PROJECT] lists every {% extends "…" %} and {% include "…" %} with a literal name in the
templates of PROJECT (default: the current folder) and the file Django would load for it: project
templates/ folders first, then the apps' templates/ folders. One line per name:

  FILE:LINE:COLUMN: TAG "NAME" -> TARGET        (TARGET is "not found" when no file has that name)

then a summary line. Paths are relative to PROJECT. Exit 0 when every name was found, 1 when some
were not, 2 on wrong arguments.

  --json    Print {"links": [{file, line, column, tag, name, target}], "notFound": N} instead
            (target is null when not found)

templates check checks each template FILE (or every file under the templates/ folders below a
folder PATH) as Django's parser would: unknown or unloaded tags, filters and libraries, unclosed or
mismatched block tags, misplaced extends, duplicate blocks, extends/include of missing templates.
Prints [{"file", "line", "column", "severity": "error"|"warning"|"info", "code", "message"}]
(1-based line and column; files relative to the current folder). Exit 1 when there is an error,
0 otherwise, 2 on wrong arguments.

templates library prints the tags and filters every template has and those of each library:
{"builtins": {"tags": [...], "filters": [...]}, "libraries": {"<load name>": {"tags": [...],
"filters": [...]}}}.

  --project DIR   The Django project (the folder with manage.py, or above it); default: the
                  current folder. Its settings are read, never run.
  --python PATH   The project's interpreter: Django and the installed apps are read from its
                  site-packages, so the names match the installed versions exactly. Without it,
                  Django's tags come from Django Kit's knowledge (all versions).`;

// --- links (the original command) ---------------------------------------------------------------

function formatLink(link: TemplateLink): string {
  return `${link.file}:${link.line}:${link.column}: ${link.tag} "${link.name}" -> ${link.target ?? 'not found'}`;
}

function summary(links: readonly TemplateLink[], notFound: number): string {
  const names = links.length === 1 ? '1 template name' : `${links.length} template names`;
  return `${names}, ${notFound} not found`;
}

async function links(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length > 1) throw new UsageError('give at most one PROJECT folder');
  const project = positionals[0] ?? '.';
  const root = path.resolve(io.cwd, project);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${project} is not a folder`);
  const found = await projectTemplateLinks(root);
  const notFound = found.filter((l) => l.target === null).length;
  if (values.json) io.stdout(`${JSON.stringify({ links: found, notFound }, null, 2)}\n`);
  else io.stdout([...found.map(formatLink), summary(found, notFound)].join('\n') + '\n');
  return notFound === 0 ? 0 : 1;
}

// --- check and library ----------------------------------------------------------------------------

interface LanguageOptions {
  readonly project: string;
  readonly python?: string;
}

const LANGUAGE_OPTIONS = { project: { type: 'string' }, python: { type: 'string' } } as const;

function loadKnowledge(): KnownLibrary[] {
  const file = findCompiledKnowledge(__dirname, COMPILED_TEMPLATE_KNOWLEDGE_FILE);
  if (!file) throw new Error(`the compiled template knowledge (dist/${COMPILED_TEMPLATE_KNOWLEDGE_FILE}) was not found; run the build`);
  const { libraries, errors } = loadCompiledTemplateKnowledge(file);
  if (errors.length > 0) throw new Error(errors.join('; '));
  return libraries;
}

/** The projects below --project (nothing is run but the given interpreter, asked for its paths). */
async function projectsOf(options: LanguageOptions, io: CliIO): Promise<DjangoProject[]> {
  const root = path.resolve(io.cwd, options.project);
  if (!isFolder(root)) throw new UsageError(`${options.project} is not a folder`);
  const paths = options.python ? await probeProjectEnvironment(path.resolve(io.cwd, options.python)) : undefined;
  return [...buildProjectModel([root], { sitePackages: paths?.sitePackages ?? [], djangoVersion: paths?.djangoVersion ?? null }).projects];
}

/**
 * A file, or the files under the templates folders of a folder: all of them when the folder is in a
 * templates folder itself. Only the part below the project counts, so that a `templates` folder
 * higher up (a checkout named so) does not make every file a template.
 */
async function templateFilesOf(target: string, projectRoot: string): Promise<string[]> {
  if (!isFolder(target)) return [target];
  const below = path.relative(projectRoot, target);
  const segments = below.startsWith('..') || path.isAbsolute(below) ? [path.basename(target)] : below.split(path.sep);
  const relative = await listTemplateFiles(target, segments.includes('templates'));
  return relative.map((file) => path.join(target, ...file.split('/')));
}

async function check(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: LANGUAGE_OPTIONS });
  if (positionals.length === 0) throw new UsageError('check needs at least one PATH');
  const targets = positionals.map((p) => path.resolve(io.cwd, p));
  const missing = positionals.find((_, i) => readTextIfReadable(targets[i]) === undefined && !isFolder(targets[i]));
  if (missing !== undefined) throw new UsageError(`${missing} is neither a readable file nor a folder`);
  const knowledge = loadKnowledge();
  const model = { projects: await projectsOf({ project: values.project ?? '.', python: values.python }, io) };
  const vocabularies = new Map<DjangoProject, Vocabulary>();
  const projectRoot = path.resolve(io.cwd, values.project ?? '.');
  const fallback = projectlessTemplates(projectRoot);
  const problems = [];
  for (const file of (await Promise.all(targets.map((target) => templateFilesOf(target, projectRoot)))).flat()) {
    const text = readTextIfReadable(file);
    if (text === undefined || text.includes('\0')) continue;
    const project = projectForFile(model, file) ?? model.projects[0] ?? fallback;
    if (!vocabularies.has(project)) vocabularies.set(project, projectVocabulary(project, knowledge, readTextIfReadable));
    const lines = new LineIndex(text);
    for (const problem of checkTemplate(text, { vocabulary: vocabularies.get(project)!, templateExists: templateNameChecker(project) })) {
      const { line, character } = lines.positionAt(problem.start);
      problems.push({ file: path.relative(io.cwd, file), line: line + 1, column: character + 1, severity: problem.severity, code: problem.code, message: problem.message });
    }
  }
  io.stdout(`${JSON.stringify(problems, null, 2)}\n`);
  return problems.some((p) => p.severity === 'error') ? 1 : 0;
}

function names(map: ReadonlyMap<string, unknown>): string[] {
  return [...map.keys()].sort();
}

async function library(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: LANGUAGE_OPTIONS });
  if (positionals.length > 0) throw new UsageError('library takes no PATH; use --project DIR');
  const knowledge = loadKnowledge();
  const projects = await projectsOf({ project: values.project ?? '.', python: values.python }, io);
  const vocabulary = projectVocabulary(projects[0] ?? projectlessTemplates(path.resolve(io.cwd, values.project ?? '.')), knowledge, readTextIfReadable);
  const libraries = Object.fromEntries(
    [...vocabulary.libraries.values()].sort((a, b) => a.name.localeCompare(b.name)).map((lib) => [lib.name, { tags: names(lib.tags), filters: names(lib.filters) }]),
  );
  io.stdout(`${JSON.stringify({ builtins: { tags: names(vocabulary.builtins.tags), filters: names(vocabulary.builtins.filters) }, libraries }, null, 2)}\n`);
  return 0;
}

async function run(args: string[], io: CliIO): Promise<number> {
  if (args[0] === 'check') return check(args.slice(1), io);
  if (args[0] === 'library') return library(args.slice(1), io);
  return links(args, io);
}

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'Check templates, list tag libraries, or list extends/include names and their files',
  usage: USAGE,
  run,
};
