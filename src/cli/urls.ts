import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chooseManageFile } from '../core/manage/projects';
import { buildProject, type DjangoProject, findManageFiles, probeProjectEnvironment } from '../core/project';
import { LineIndex } from '../core/syntax/python';
import { usageFiles, usageLanguage, usagesIn } from '../core/urls/files';
import { UrlNames } from '../core/urls/names';
import { readTextIfReadable } from '../core/files';
import { readProjectUrls } from '../core/urls/project';
import { mergeResolverUrls, resolverUrls } from '../core/urls/resolver';
import type { UrlReading } from '../core/urls/types';
import { type CliCommand, type CliIO, UsageError } from './command';
import { interpreterArgument } from './migrations';

const USAGE = `Usage:
  django-kit urls [--project DIR] [--python PATH]
      Print every URL of the project as JSON, read statically from ROOT_URLCONF down:
        [{"name": "shop:order-detail", "route": "shop/orders/<int:pk>/", "view": "shop.views.OrderDetail",
          "file": "shop/urls.py", "line": 8}, ...]
      name is null for an unnamed pattern; file is relative to the project folder when inside it.
      With --python, Django's own resolver is asked too (it imports the project), and the names only
      it knows (the admin's, names built at run time) are added.
  django-kit urls check PATH... [--project DIR]
      Check the URL names used in the Python files and templates at or below each PATH:
        [{"file", "line", "column", "severity", "code", "message"}, ...]   (line and column from 1)
      codes: unknown-url-name, url-argument-count, unknown-url-keyword. When the URLconf cannot be
      read completely nothing is reported (the reason goes to stderr).

Options:
  --project DIR   Folder of manage.py, or a folder above it (default: the current folder)
  --python PATH   Interpreter of the project, for Django's resolver

Exit status: 0 clean, 1 an error was found (check), 2 wrong arguments or a project that cannot be read.`;

export const urlsCommand: CliCommand = {
  name: 'urls',
  summary: 'URL names as JSON; `urls check` their uses (exit 1 on errors)',
  usage: USAGE,
  run: runUrls,
};

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, options: { project: { type: 'string' }, python: { type: 'string' } } });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

async function runUrls(argv: string[], io: CliIO): Promise<number> {
  const { positionals, values } = parse(argv);
  const dir = path.resolve(io.cwd, values.project ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--project ${dir} is not a folder`);
  if (positionals[0] === 'check') {
    if (values.python !== undefined) throw new UsageError('check takes no --python');
    if (positionals.length < 2) throw new UsageError('check needs at least one PATH');
    return check(positionals.slice(1), dir, io);
  }
  if (positionals.length > 0) throw new UsageError(`unexpected '${positionals.join(' ')}'`);
  const python = values.python === undefined ? undefined : interpreterArgument(values.python, io.cwd);
  // The interpreter's site-packages let includes of third-party URLconfs be read too.
  const environment = python === undefined ? undefined : await probeProjectEnvironment(python);
  const project = buildProject(chooseManageFile(dir, findManageFiles([dir])), environment ?? {});
  const reading = await projectReading(project, python);
  const rows = reading.urls.map((url) => ({ name: url.name, route: url.route, view: url.view, file: displayPath(url.file, project.root), line: url.line }));
  io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  return 0;
}

async function projectReading(project: DjangoProject, python: string | undefined): Promise<UrlReading> {
  const reading = readProjectUrls(project);
  if (python === undefined) return reading;
  if (!project.settingsModule) throw new Error('the project does not name DJANGO_SETTINGS_MODULE, so Django cannot be loaded');
  return mergeResolverUrls(reading, await resolverUrls({ python, root: project.root, settingsModule: project.settingsModule }));
}

/** A path relative to `root` when it lies below it, else as it is. */
function displayPath(file: string, root: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function check(targets: string[], dir: string, io: CliIO): number {
  const project = buildProject(chooseManageFile(dir, findManageFiles([dir])));
  const names = new UrlNames(readProjectUrls(project));
  if (!names.reading.complete) {
    io.stderr(`django-kit urls: the URLconf could not be read completely, so no name is judged: ${names.reading.problems[0]}\n`);
  }
  const files = targets.flatMap((target) => {
    const full = path.resolve(io.cwd, target);
    if (!existsSync(full)) throw new UsageError(`${target} does not exist`);
    return usageFiles(full);
  });
  const rows = files.flatMap((file) => {
    const text = readTextIfReadable(file);
    const language = usageLanguage(file);
    if (text === undefined || language === undefined) return [];
    const lines = new LineIndex(text);
    return names.check(usagesIn(text, language)).map((diagnostic) => {
      const at = lines.positionAt(diagnostic.start);
      return { file: displayPath(file, io.cwd), line: at.line + 1, column: at.character + 1, severity: diagnostic.severity, code: diagnostic.code, message: diagnostic.message };
    });
  });
  io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
  return rows.some((row) => row.severity === 'error') ? 1 : 0;
}
