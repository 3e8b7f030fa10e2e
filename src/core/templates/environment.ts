import { existsSync } from 'node:fs';
import path from 'node:path';
import { type DjangoProject, resolveModuleFile } from '../project';
import { BUILTINS, type KnownLibrary } from './knowledge';
import { readLibrarySource } from './library-source';
import { buildVocabulary, type LibraryModule, type Vocabulary } from './vocabulary';

// The template language of one project: its vocabulary (from the knowledge and the libraries'
// files) and which template names exist, from the project model.

export type ReadText = (file: string) => string | undefined;

/**
 * Stands in for a template outside any Django project: no template folders or libraries are known,
 * and one app of unknown folder says that libraries we cannot see may exist.
 */
export function projectlessTemplates(root: string): DjangoProject {
  return {
    root,
    manage: path.join(root, 'manage.py'),
    settingsModule: null,
    settingsFile: null,
    settingsFiles: [],
    alternateSettingsFiles: [],
    rootUrlconf: null,
    rootUrlconfFile: null,
    apps: [{ name: '?', label: '?', path: null, local: false, entry: '?' }],
    templateDirs: [],
    templateLibraries: [],
    templateBuiltins: [],
    staticDirs: [],
    sitePackages: [],
    djangoVersion: null,
    problems: [],
  };
}

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
 * Whether a template name exists in the project's template folders. Names that cannot be judged
 * count as found: one in the folder of an app whose own folder is unknown (`admin/…` without an
 * interpreter), and `django/…`, which Django's form renderer finds with an engine of its own.
 */
export function templateNameChecker(project: DjangoProject): (name: string) => boolean {
  const unknownApps = new Set(project.apps.filter((app) => app.path === null).map((app) => app.label));
  unknownApps.add('django');
  return (name) =>
    name.startsWith('./') ||
    name.startsWith('../') ||
    unknownApps.has(name.split('/')[0]) ||
    project.templateDirs.some((dir) => existsSync(path.join(dir, ...name.split('/'))));
}
