import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectTemplateLinks, type TemplateLink } from '../core/templates/project';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage: django-kit templates [PROJECT] [--json]

Lists every {% extends "…" %} and {% include "…" %} with a literal name in the templates of
PROJECT (default: the current folder) and the file Django would load for it: project templates/
folders first, then the apps' templates/ folders. One line per name:

  FILE:LINE:COLUMN: TAG "NAME" -> TARGET        (TARGET is "not found" when no file has that name)

then a summary line. Paths are relative to PROJECT. Exit 0 when every name was found, 1 when some
were not, 2 on wrong arguments.

  --json    Print {"links": [{file, line, column, tag, name, target}], "notFound": N} instead
            (target is null when not found)`;

function parse(args: string[]): { project: string; json: boolean } {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean', default: false } } });
  if (positionals.length > 1) throw new UsageError('give at most one PROJECT folder');
  return { project: positionals[0] ?? '.', json: values.json };
}

function formatLink(link: TemplateLink): string {
  return `${link.file}:${link.line}:${link.column}: ${link.tag} "${link.name}" -> ${link.target ?? 'not found'}`;
}

function summary(links: readonly TemplateLink[], notFound: number): string {
  const names = links.length === 1 ? '1 template name' : `${links.length} template names`;
  return `${names}, ${notFound} not found`;
}

async function run(args: string[], io: CliIO): Promise<number> {
  const options = parse(args);
  const root = path.resolve(io.cwd, options.project);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new UsageError(`${options.project} is not a folder`);
  const links = await projectTemplateLinks(root);
  const notFound = links.filter((l) => l.target === null).length;
  if (options.json) io.stdout(`${JSON.stringify({ links, notFound }, null, 2)}\n`);
  else io.stdout([...links.map(formatLink), summary(links, notFound)].join('\n') + '\n');
  return notFound === 0 ? 0 : 1;
}

export const templatesCommand: CliCommand = {
  name: 'templates',
  summary: 'List extends/include template names and the files they load',
  usage: USAGE,
  run,
};
