import { existsSync } from 'node:fs';
import path from 'node:path';
import { runProcess } from '../process';
import { type DjangoProject, resolveModuleFile } from '../project';
import { BUILTINS, type KnownLibrary } from './knowledge';
import { readLibrarySource } from './library-source';
import { buildVocabulary, type LibraryModule, type Vocabulary } from './vocabulary';

// The template language of one project: its vocabulary (from the knowledge and the libraries'
// files) and which template names exist, from the project model.

/** What an interpreter tells about where its packages are; it imports nothing of the project. */
export interface InterpreterPaths {
  readonly sitePackages: readonly string[];
  readonly djangoVersion: string | null;
}

// -I keeps the project's folder and PYTHONPATH off sys.path: only installed packages are listed.
const PATHS_SCRIPT = `
import json, os, sys, sysconfig
stdlib = os.path.realpath(sysconfig.get_paths()["stdlib"])
paths = [p for p in sys.path if p and os.path.isdir(p) and not os.path.realpath(p).startswith(stdlib)]
try:
    import django
    version = django.get_version()
except Exception:
    version = None
print(json.dumps({"sitePackages": paths, "djangoVersion": version}))
`;

const INTERPRETER_TIMEOUT_MS = 20_000;

/** Asks an interpreter for its package folders and Django version; throws with its stderr when it fails. */
export async function readInterpreterPaths(python: string): Promise<InterpreterPaths> {
  const result = await runProcess({ command: python, args: ['-I', '-c', PATHS_SCRIPT], signal: AbortSignal.timeout(INTERPRETER_TIMEOUT_MS) });
  if (result.cancelled) throw new Error(`${python} did not answer within ${INTERPRETER_TIMEOUT_MS / 1000} s`);
  if (result.code !== 0) throw new Error(`${python} failed: ${result.stderr.trim().split('\n').pop() ?? `exit ${result.code}`}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as InterpreterPaths;
}

export type ReadText = (file: string) => string | undefined;

const DJANGO_BUILTINS = ['django.template.defaulttags', 'django.template.defaultfilters', 'django.template.loader_tags'];

function moduleOf(name: string, module: string, file: string, read: ReadText): LibraryModule | undefined {
  const text = read(file);
  return text === undefined ? undefined : { name, module, file, source: readLibrarySource(text) };
}

/**
 * Everything `{% load %}` and the builtins offer in a project. With the installed Django known
 * (site-packages), its modules are read, so the names match that version exactly; otherwise the
 * knowledge stands in for Django, and apps of Django itself need no folder.
 */
export function projectVocabulary(project: DjangoProject, knowledge: readonly KnownLibrary[], read: ReadText): Vocabulary {
  const modules: LibraryModule[] = [];
  let complete = project.apps.every((app) => app.path !== null || app.name.startsWith('django.'));
  let builtinsComplete = true;
  for (const module of DJANGO_BUILTINS) {
    const file = project.sitePackages.length > 0 ? resolveModuleFile(project, module) : null;
    const found = file ? moduleOf(BUILTINS, module, file, read) : undefined;
    if (found) modules.push(found);
  }
  for (const module of project.templateBuiltins) {
    const file = resolveModuleFile(project, module);
    const found = file ? moduleOf(BUILTINS, module, file, read) : undefined;
    if (found) modules.push(found);
    else builtinsComplete = false;
  }
  const knownModules = new Set(knowledge.map((library) => `${library.name} ${library.module}`));
  for (const library of project.templateLibraries) {
    const found = library.file ? moduleOf(library.name, library.module, library.file, read) : undefined;
    if (found) modules.push(found);
    else if (!knownModules.has(`${library.name} ${library.module}`)) complete = false;
  }
  return buildVocabulary({ knowledge, djangoVersion: project.djangoVersion ?? undefined, modules, complete, builtinsComplete });
}

/**
 * Whether a template name exists in the project's template folders; undefined when some app's
 * folder is unknown (its templates could hold the name).
 */
export function templateNameChecker(project: DjangoProject): ((name: string) => boolean) | undefined {
  if (project.apps.some((app) => app.path === null)) return undefined;
  return (name) => name.startsWith('./') || name.startsWith('../') || project.templateDirs.some((dir) => existsSync(path.join(dir, ...name.split('/'))));
}
