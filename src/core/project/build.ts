import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { PythonSource } from '../syntax/python';
import { type AppConfigClass, automaticAppConfig, readAppConfigs } from './appConfig';
import { findManageFiles, type FindOptions } from './find';
import { readSettings } from './settingsFile';
import { findSettingsModule, findSettingsModuleInServers, type ReadFile, serverSettingsModules } from './settingsModule';
import type { DjangoApp, DjangoProject, ProjectModel, TemplateLibrary } from './types';
import { itemsOf, textOf, type Value } from './values';
import { isFolder, readTextIfReadable } from '../files';

export interface BuildOptions {
  /** site-packages folders of the project's interpreter: third-party apps and libraries resolve there. */
  readonly sitePackages?: readonly string[];
  readonly djangoVersion?: string | null;
  /** Reads a file, or undefined when it cannot be read (the editor passes unsaved buffers through this). */
  readonly read?: ReadFile;
}

/** The places a dotted module may live below one folder: a module file, then a package. */
function moduleCandidates(base: string, dotted: string): string[] {
  const parts = dotted.split('.').filter((part) => part !== '');
  if (parts.length === 0) return [];
  const stem = path.join(base, ...parts);
  return [`${stem}.py`, path.join(stem, '__init__.py')];
}

/** The `.py` or `__init__.py` of a dotted module, under the project's root, then each of its site-packages. */
export function resolveModuleFile(project: Pick<DjangoProject, 'root' | 'sitePackages'>, dottedModule: string): string | null {
  for (const base of [project.root, ...project.sitePackages]) {
    const found = moduleCandidates(base, dottedModule).find((file) => existsSync(file));
    if (found) return found;
  }
  return null;
}

/** The folder of a package, including namespace packages (a folder without __init__.py). */
function packageFolder(bases: readonly string[], dotted: string): string | null {
  const parts = dotted.split('.').filter((part) => part !== '');
  if (parts.length === 0) return null;
  for (const base of bases) {
    const folder = path.join(base, ...parts);
    if (isFolder(folder)) return folder;
  }
  return null;
}

function isInsideOrSame(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** Builds the model of the project whose manage.py is `manageFile`; reads files, runs nothing. */
export function buildProject(manageFile: string, options: BuildOptions = {}): DjangoProject {
  return new ProjectReading(manageFile, options).project();
}

class ProjectReading {
  private readonly root: string;
  private readonly bases: readonly string[];
  private readonly sitePackages: readonly string[];
  private readonly cache = new Map<string, string | undefined>();
  private readonly problems: string[] = [];

  constructor(
    private readonly manageFile: string,
    private readonly options: BuildOptions,
  ) {
    this.root = path.dirname(manageFile);
    this.sitePackages = options.sitePackages ?? [];
    this.bases = [this.root, ...this.sitePackages];
  }

  private readonly read = (file: string): string | undefined => {
    if (!this.cache.has(file)) this.cache.set(file, (this.options.read ?? readTextIfReadable)(file));
    return this.cache.get(file);
  };

  private display(file: string): string {
    return isInsideOrSame(file, this.root) ? path.relative(this.root, file) : file;
  }

  private moduleFile(dotted: string): string | null {
    for (const base of this.bases) {
      const found = moduleCandidates(base, dotted).find((file) => this.read(file) !== undefined);
      if (found) return found;
    }
    return null;
  }

  project(): DjangoProject {
    const declared = this.settingsModule();
    const settingsFile = declared ? this.moduleFile(declared) : null;
    if (declared && !settingsFile) this.problems.push(`the settings module ${declared} was not found`);
    const reading = settingsFile
      ? readSettings(settingsFile, { read: this.read, moduleFile: (dotted) => this.moduleFile(dotted), display: (file) => this.display(file) })
      : { names: new Map<string, Value>(), files: [], problems: [] };
    this.problems.push(...reading.problems);
    const settings = reading.names;
    const apps = this.apps(settings.get('INSTALLED_APPS'), settingsFile !== null);
    const rootUrlconf = textOf(settings.get('ROOT_URLCONF')) ?? null;
    const engines = this.djangoTemplateEngines(settings.get('TEMPLATES'));
    return {
      root: this.root,
      manage: this.manageFile,
      settingsModule: declared,
      settingsFile,
      settingsFiles: reading.files,
      alternateSettingsFiles: declared ? this.alternateSettingsFiles(declared) : [],
      rootUrlconf,
      rootUrlconfFile: rootUrlconf ? this.moduleFile(rootUrlconf) : null,
      apps,
      templateDirs: this.templateDirs(engines, apps),
      templateLibraries: this.templateLibraries(engines, apps),
      templateBuiltins: unique(engines.flatMap((engine) => strings(optionsOf(engine).get('builtins')))),
      staticDirs: this.staticDirs(settings.get('STATICFILES_DIRS'), apps),
      sitePackages: this.sitePackages,
      djangoVersion: this.options.djangoVersion ?? null,
      problems: this.problems,
    };
  }

  private settingsModule(): string | null {
    const declared =
      findSettingsModule(this.root, this.read) ??
      findSettingsModuleInServers(this.root, this.childPackages(), this.read);
    if (!declared) this.problems.push('no DJANGO_SETTINGS_MODULE in manage.py, pytest.ini, setup.cfg, pyproject.toml, .env, wsgi.py or asgi.py');
    return declared?.module ?? null;
  }

  private alternateSettingsFiles(module: string): string[] {
    return serverSettingsModules(this.root, module, this.read).flatMap((other) => this.moduleFile(other) ?? []);
  }

  private childPackages(): string[] {
    try {
      return readdirSync(this.root, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    } catch {
      return [];
    }
  }

  private apps(installed: Value | undefined, settingsRead: boolean): DjangoApp[] {
    const entries = itemsOf(installed);
    if (!entries) {
      if (settingsRead) this.problems.push('INSTALLED_APPS could not be read from the settings');
      return [];
    }
    return entries.flatMap((value) => {
      const entry = textOf(value);
      return entry ? [this.app(entry)] : [];
    });
  }

  /** Resolves an INSTALLED_APPS entry as Django does: an app module first, else a path to an AppConfig class. */
  private app(entry: string): DjangoApp {
    const folder = packageFolder(this.bases, entry);
    if (folder) {
      const appsModule = this.read(path.join(folder, 'apps.py'));
      const config = appsModule === undefined ? undefined : automaticAppConfig(readAppConfigs(appsModule, path.join(folder, 'apps.py')));
      // The AppConfig Django picks names the app; it is almost always the entry itself.
      const name = config?.name ?? entry;
      return this.appFrom(name, entry, config, name === entry ? folder : packageFolder(this.bases, name));
    }
    const dot = entry.lastIndexOf('.');
    const moduleFile = dot > 0 ? this.moduleFile(entry.slice(0, dot)) : null;
    const source = moduleFile ? this.read(moduleFile) : undefined;
    const config = source === undefined || !moduleFile ? undefined : readAppConfigs(source, moduleFile).find((c) => c.className === entry.slice(dot + 1));
    if (config?.name) return this.appFrom(config.name, entry, config, packageFolder(this.bases, config.name));
    if (this.sitePackages.length > 0 || moduleFile) this.problems.push(`the app ${entry} was not found`);
    return { name: entry, label: lastPart(entry), path: null, local: false, entry };
  }

  private appFrom(name: string, entry: string, config: AppConfigClass | undefined, folder: string | null): DjangoApp {
    if (!folder) this.problems.push(`the folder of the app ${name} was not found`);
    const local = folder !== null && isInsideOrSame(folder, this.root) && !this.sitePackages.some((site) => isInsideOrSame(folder, site));
    return { name, label: config?.label ?? lastPart(name), path: folder, local, entry };
  }

  /** The DjangoTemplates engines of TEMPLATES (other backends have their own template language). */
  private djangoTemplateEngines(templates: Value | undefined): ReadonlyMap<string, Value>[] {
    return (itemsOf(templates) ?? []).flatMap((engine) => {
      if (engine.kind !== 'dict') return [];
      const backend = textOf(engine.entries.get('BACKEND'));
      return backend === 'django.template.backends.django.DjangoTemplates' ? [engine.entries] : [];
    });
  }

  private templateDirs(engines: readonly ReadonlyMap<string, Value>[], apps: readonly DjangoApp[]): string[] {
    const dirs = engines.flatMap((engine) => strings(engine.get('DIRS')).map((dir) => path.resolve(this.root, dir)));
    const appDirs = engines.some((engine) => isTrue(engine.get('APP_DIRS'))) ? this.appFolders(apps, 'templates') : [];
    return unique([...dirs, ...appDirs]);
  }

  private appFolders(apps: readonly DjangoApp[], name: string): string[] {
    return apps.flatMap((app) => (app.path && isFolder(path.join(app.path, name)) ? [path.join(app.path, name)] : []));
  }

  /**
   * Libraries by load name as Django's engine builds them: django.templatetags, then each app's
   * templatetags package in INSTALLED_APPS order (a later app wins a shared name), then OPTIONS
   * `libraries`.
   */
  private templateLibraries(engines: readonly ReadonlyMap<string, Value>[], apps: readonly DjangoApp[]): TemplateLibrary[] {
    const libraries = new Map<string, TemplateLibrary>();
    const packages = [{ module: 'django.templatetags', folder: packageFolder(this.sitePackages, 'django.templatetags') }];
    for (const app of apps) packages.push({ module: `${app.name}.templatetags`, folder: app.path && path.join(app.path, 'templatetags') });
    for (const { module, folder } of packages) {
      if (folder && isFolder(folder)) for (const library of this.packageLibraries(folder, module, '')) libraries.set(library.name, library);
    }
    for (const engine of engines) {
      const aliases = optionsOf(engine).get('libraries');
      if (aliases?.kind !== 'dict') continue;
      for (const [name, value] of aliases.entries) {
        const module = textOf(value);
        if (module) libraries.set(name, { name, module, file: this.moduleFile(module) });
      }
    }
    return [...libraries.values()];
  }

  /** The modules of a templatetags package (and its sub-packages) that define `register`. */
  private packageLibraries(folder: string, module: string, prefix: string): TemplateLibrary[] {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
    return entries.flatMap((entry): TemplateLibrary[] => {
      const full = path.join(folder, entry.name);
      if (entry.isFile() && entry.name.endsWith('.py') && entry.name !== '__init__.py') {
        const stem = entry.name.slice(0, -3);
        return this.definesRegister(full) ? [{ name: prefix + stem, module: `${module}.${stem}`, file: full }] : [];
      }
      const init = path.join(full, '__init__.py');
      if (!entry.isDirectory() || entry.name.includes('.') || this.read(init) === undefined) return [];
      // A sub-package is a library itself when its __init__ registers, and holds more libraries.
      const own = this.definesRegister(init) ? [{ name: prefix + entry.name, module: `${module}.${entry.name}`, file: init }] : [];
      return [...own, ...this.packageLibraries(full, `${module}.${entry.name}`, `${prefix}${entry.name}.`)];
    });
  }

  /** Whether a module assigns `register` at its top level, which is what Django checks for. */
  private definesRegister(file: string): boolean {
    const text = this.read(file);
    if (text === undefined || !text.includes('register')) return false;
    const source = new PythonSource(text);
    return source.topLevelStatements().some((statement) => {
      if (statement.name !== 'AssignStatement') return false;
      const target = statement.firstChild;
      return target?.name === 'VariableName' && source.textOf(target) === 'register';
    });
  }

  private staticDirs(configured: Value | undefined, apps: readonly DjangoApp[]): string[] {
    // An entry may be a folder or a (prefix, folder) pair.
    const dirs = (itemsOf(configured) ?? []).flatMap((item) => {
      const folder = textOf(item) ?? textOf(itemsOf(item)?.[1]);
      return folder ? [path.resolve(this.root, folder)] : [];
    });
    return unique([...dirs, ...this.appFolders(apps, 'static')]);
  }
}

function optionsOf(engine: ReadonlyMap<string, Value>): ReadonlyMap<string, Value> {
  const options = engine.get('OPTIONS');
  return options?.kind === 'dict' ? options.entries : new Map();
}

function strings(value: Value | undefined): string[] {
  return (itemsOf(value) ?? []).flatMap((item) => {
    const text = textOf(item);
    return text === undefined ? [] : [text];
  });
}

function isTrue(value: Value | undefined): boolean {
  return value?.kind === 'bool' && value.value;
}

function lastPart(dotted: string): string {
  return dotted.slice(dotted.lastIndexOf('.') + 1);
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)];
}

export interface ModelOptions extends FindOptions, BuildOptions {}

/** The model of every project below `roots`. */
export function buildProjectModel(roots: readonly string[], options: ModelOptions = {}): ProjectModel {
  return { projects: findManageFiles(roots, options).map((manage) => buildProject(manage, options)) };
}

/** The project whose root is the nearest ancestor of `file` (or the file's own folder). */
export function projectForFile(model: ProjectModel, file: string): DjangoProject | undefined {
  const containing = model.projects.filter((project) => isInsideOrSame(file, project.root));
  return containing.sort((a, b) => b.root.length - a.root.length)[0];
}
