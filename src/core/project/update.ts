import path from 'node:path';
import { buildProject, type BuildOptions } from './build';
import type { DjangoProject, ProjectModel } from './types';

// Keeping a model current file by file: a changed file rebuilds only the projects that read it.

/** Files beside manage.py that can declare DJANGO_SETTINGS_MODULE. */
const DECLARING_FILES = new Set(['manage.py', 'pytest.ini', 'setup.cfg', 'pyproject.toml', '.env']);
/** Folders of an app whose contents the model lists. */
const APP_FOLDERS = new Set(['templatetags', 'templates', 'static']);

function isWithin(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Whether creating, changing or deleting `file` can change what the model holds for `project`. */
export function dependsOn(project: DjangoProject, file: string): boolean {
  if (!isWithin(file, project.root) && !project.settingsFiles.includes(file)) return false;
  const name = path.basename(file);
  if (project.settingsFiles.includes(file)) return true;
  if (path.dirname(file) === project.root && DECLARING_FILES.has(name)) return true;
  if (name === 'wsgi.py' || name === 'asgi.py') return true;
  // A settings module that was missing may have just appeared.
  if (project.settingsFile === null) return true;
  return project.apps.some((app) => {
    if (!app.path) return couldProvide(project, app.entry, file);
    if (!isWithin(file, app.path)) return false;
    const [first] = path.relative(app.path, file).split(path.sep);
    return name === 'apps.py' || APP_FOLDERS.has(first);
  });
}

/** Whether `file` lies in the top-level package of a dotted name, so that creating it may make the name resolve. */
function couldProvide(project: DjangoProject, dotted: string, file: string): boolean {
  const top = path.join(project.root, dotted.split('.')[0]);
  return isWithin(file, top) || file === `${top}.py`;
}

/**
 * The model after `files` were created, changed or deleted: each project that depends on one of
 * them is built again, the others are kept as they are.
 */
export function updateProjectModel(model: ProjectModel, files: readonly string[], optionsFor: (manage: string) => BuildOptions): { model: ProjectModel; rebuilt: DjangoProject[] } {
  const rebuilt: DjangoProject[] = [];
  const projects = model.projects.map((project) => {
    if (!files.some((file) => dependsOn(project, file))) return project;
    const fresh = buildProject(project.manage, optionsFor(project.manage));
    rebuilt.push(fresh);
    return fresh;
  });
  return { model: { projects }, rebuilt };
}
