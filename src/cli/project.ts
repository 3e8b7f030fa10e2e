import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildProject, type DjangoProject, findManageFiles, probeProjectEnvironment } from '../core/project';
import { type CliCommand, type CliIO, UsageError } from './command';

const USAGE = `Usage: django-kit project [--project DIR] [--python PATH]

Prints the project model of every Django project (each manage.py) in DIR as JSON, read from
the files without running them:
  {"projects": [{"root", "manage", "settingsModule", "settingsFile", "rootUrlconf",
                 "djangoVersion", "apps": [{"name", "label", "path"}], "templateDirs": [...],
                 "templateLibraries": {"<load name>": "<module>"}, "staticDirs": [...]}]}
What could not be read is reported on standard error, one line each.

Options:
  --project DIR   Folder to look in for manage.py files (default: the current folder)
  --python PATH   The projects' interpreter: asked once for its package folders and Django
                  version, so third-party apps and their template libraries resolve too
                  (without it, djangoVersion is null and third-party app paths are null)

Exit status: 0, or 2 on wrong arguments or when no project is found.`;

export const projectCommand: CliCommand = {
  name: 'project',
  summary: 'The project model (apps, templates, tag libraries) as JSON',
  usage: USAGE,
  run: runProject,
};

async function runProject(argv: string[], io: CliIO): Promise<number> {
  const values = parseProjectArgs(argv);
  const dir = path.resolve(io.cwd, values.project ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--project ${dir} is not a folder`);
  const manageFiles = findManageFiles([dir]);
  if (manageFiles.length === 0) throw new UsageError(`no manage.py found in ${dir} or its subfolders`);
  // A bare name such as python3 is looked up on PATH; anything with a separator is a path from here.
  const python = values.python && (/[\\/]/.test(values.python) ? path.resolve(io.cwd, values.python) : values.python);
  const environment = python ? await probeProjectEnvironment(python) : undefined;
  const projects = manageFiles.map((manage) => buildProject(manage, environment ?? {}));
  for (const project of projects) for (const problem of project.problems) io.stderr(`django-kit project: ${project.root}: ${problem}\n`);
  io.stdout(`${JSON.stringify({ projects: projects.map(projectJson) }, null, 2)}\n`);
  return 0;
}

function parseProjectArgs(argv: string[]) {
  try {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { project: { type: 'string' }, python: { type: 'string' } } });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    return values;
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The documented JSON shape of one project: a contract, so fields are listed one by one. */
function projectJson(project: DjangoProject) {
  return {
    root: project.root,
    manage: project.manage,
    settingsModule: project.settingsModule,
    settingsFile: project.settingsFile,
    rootUrlconf: project.rootUrlconf,
    djangoVersion: project.djangoVersion,
    apps: project.apps.map(({ name, label, path: folder }) => ({ name, label, path: folder })),
    templateDirs: project.templateDirs,
    templateLibraries: Object.fromEntries(project.templateLibraries.map((library) => [library.name, library.module])),
    staticDirs: project.staticDirs,
  };
}
