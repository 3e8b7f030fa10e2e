// The project model: what Django Kit knows about each Django project in the workspace, read
// statically (no process runs for it). Every feature and the CLI take projects, settings, apps,
// URLconfs, template folders and template tag libraries from here.

/** One entry of INSTALLED_APPS, resolved to its folder where that is possible. */
export interface DjangoApp {
  /** The app's Python package, dotted (`blog`, `apps.blog`, `django.contrib.admin`). */
  readonly name: string;
  /** The app label Django uses (`AppConfig.label`, else the last part of the name). */
  readonly label: string;
  /** The package folder, or null when it cannot be found (a third-party app without a known interpreter). */
  readonly path: string | null;
  /** True when the folder lies inside the project (not in site-packages). */
  readonly local: boolean;
  /** The INSTALLED_APPS entry as written, when it names an AppConfig (`apps.blog.apps.BlogConfig`). */
  readonly entry: string;
}

/** A template tag library that `{% load name %}` can load. */
export interface TemplateLibrary {
  /** The load name (`humanize`, `static`, or an alias from TEMPLATES OPTIONS libraries). */
  readonly name: string;
  /** Dotted module path (`django.contrib.humanize.templatetags.humanize`). */
  readonly module: string;
  /** The module's file, or null when it cannot be found. */
  readonly file: string | null;
}

export interface DjangoProject {
  /** The folder that holds manage.py: the root of the project's imports. */
  readonly root: string;
  /** The manage.py file. */
  readonly manage: string;
  /** DJANGO_SETTINGS_MODULE as declared (manage.py, wsgi/asgi, pytest config, .env), or null. */
  readonly settingsModule: string | null;
  /** The file of the settings module, or null when it cannot be found. */
  readonly settingsFile: string | null;
  /** Every settings file read: the module and what it star-imports (split settings), in reading order. */
  readonly settingsFiles: readonly string[];
  /** Files of other settings modules that wsgi.py or asgi.py declare (a deployment's settings beside manage.py's). */
  readonly alternateSettingsFiles: readonly string[];
  /** ROOT_URLCONF as a dotted module, or null. */
  readonly rootUrlconf: string | null;
  /** The file of ROOT_URLCONF, or null. */
  readonly rootUrlconfFile: string | null;
  readonly apps: readonly DjangoApp[];
  /** Template folders in Django's search order: TEMPLATES DIRS, then each app's templates/ when APP_DIRS. */
  readonly templateDirs: readonly string[];
  /** Libraries by load name: each app's templatetags modules, plus OPTIONS `libraries` aliases. */
  readonly templateLibraries: readonly TemplateLibrary[];
  /** Modules that OPTIONS `builtins` adds to every template (dotted paths). */
  readonly templateBuiltins: readonly string[];
  /** STATICFILES_DIRS, then each app's static/ folder. */
  readonly staticDirs: readonly string[];
  /** site-packages folders of the project's interpreter, when one is known. */
  readonly sitePackages: readonly string[];
  /** The Django version of the project's interpreter (`5.2.1`), or null when no interpreter was asked. */
  readonly djangoVersion: string | null;
  /** What could not be read (a settings file that does not parse, an app whose folder is missing). */
  readonly problems: readonly string[];
}

export interface ProjectModel {
  readonly projects: readonly DjangoProject[];
}
