// The little of a Django project that URL reading needs: the import root, the settings module,
// ROOT_URLCONF and how to find a module's file.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { declaredSettingsModule, moduleFileCandidates } from '../settings/detect';
import { PythonSource } from '../syntax/python';
import { ModuleScope } from './module';
import { UrlconfReader, type UrlconfSources } from './read';
import type { UrlReading } from './types';

export interface UrlProject {
  /** The folder that holds manage.py. */
  readonly root: string;
  readonly settingsModule: string | null;
  readonly rootUrlconf: string | null;
  readonly resolveModule: (dottedModule: string) => string | null;
}

export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** A module's file below `root`, a package's `__init__.py` included. */
export function moduleFileUnder(root: string, dottedModule: string): string | null {
  return moduleFileCandidates(root, dottedModule).find((file) => existsSync(file)) ?? null;
}

/** The project of a manage.py, read from manage.py and its settings module. */
export function urlProject(manageFile: string, read: (file: string) => string | undefined = readText): UrlProject {
  const root = path.dirname(manageFile);
  const resolveModule = (dotted: string) => moduleFileUnder(root, dotted);
  const manage = read(manageFile);
  const settingsModule = (manage === undefined ? undefined : declaredSettingsModule(manage)) ?? null;
  return { root, settingsModule, rootUrlconf: settingsModule ? settingsString(settingsModule, 'ROOT_URLCONF', resolveModule, read) : null, resolveModule };
}

/** A string setting, followed through the star imports of split settings. */
function settingsString(module: string, name: string, resolveModule: (dotted: string) => string | null, read: (file: string) => string | undefined, depth = 0): string | null {
  const file = resolveModule(module);
  const text = file === null ? undefined : read(file);
  if (file === null || text === undefined || depth > 8) return null;
  const value = new ModuleScope(module, file, new PythonSource(text)).get(name);
  if (value?.kind === 'string') return value.value;
  if (value?.kind === 'symbol' && value.name === name) return settingsString(value.module, name, resolveModule, read, depth + 1);
  return null;
}

/** Reads a project's URLconfs; a reading without ROOT_URLCONF is empty and incomplete. */
export function readProjectUrls(project: UrlProject, reader: UrlconfReader = new UrlconfReader(), read: (file: string) => string | undefined = readText): UrlReading {
  if (!project.rootUrlconf) return { urls: [], complete: false, opaqueNamespaces: [], problems: ['ROOT_URLCONF is not set in the settings'] };
  const sources: UrlconfSources = { resolveModule: project.resolveModule, readFile: read };
  return reader.read(project.rootUrlconf, sources);
}
