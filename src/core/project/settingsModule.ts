import path from 'node:path';
import { declaredSettingsModule } from '../settings/detect';

// Where a project declares DJANGO_SETTINGS_MODULE. manage.py comes first because it is what the
// extension runs; the others cover projects whose manage.py reads the variable from elsewhere.

const VARIABLE = 'DJANGO_SETTINGS_MODULE';

export type ReadFile = (file: string) => string | undefined;

/** The settings module a project declares, and the file that declares it. */
export interface DeclaredSettings {
  readonly module: string;
  readonly declaredIn: string;
}

export function findSettingsModule(root: string, read: ReadFile): DeclaredSettings | null {
  const sources: readonly [string, (text: string) => string | undefined][] = [
    ['manage.py', declaredSettingsModule],
    ['pytest.ini', (text) => iniValue(text, ['pytest'])],
    ['setup.cfg', (text) => iniValue(text, ['tool:pytest'])],
    ['pyproject.toml', (text) => iniValue(text, ['tool.pytest.ini_options'])],
    ['.env', dotenvValue],
  ];
  for (const [name, readValue] of sources) {
    const file = path.join(root, name);
    const text = read(file);
    const module = text === undefined ? undefined : readValue(text);
    if (module) return { module, declaredIn: file };
  }
  return null;
}

/** wsgi.py / asgi.py beside the settings package; read when manage.py names no module. */
export function findSettingsModuleInServers(root: string, packages: readonly string[], read: ReadFile): DeclaredSettings | null {
  for (const folder of packages) {
    for (const name of ['wsgi.py', 'asgi.py']) {
      const file = path.join(root, folder, name);
      const text = read(file);
      const module = text === undefined ? undefined : declaredSettingsModule(text);
      if (module) return { module, declaredIn: file };
    }
  }
  return null;
}

function unquoted(value: string): string {
  const trimmed = value.trim();
  const quote = trimmed[0];
  if ((quote === '"' || quote === "'") && trimmed.endsWith(quote) && trimmed.length >= 2) return trimmed.slice(1, -1);
  return trimmed;
}

/** `DJANGO_SETTINGS_MODULE = x` inside one of `sections` of an ini or toml file. */
function iniValue(text: string, sections: readonly string[]): string | undefined {
  let inSection = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inSection = sections.includes(line.replace(/^\[+|\]+$/g, '').trim());
      continue;
    }
    if (!inSection || line.startsWith('#') || line.startsWith(';')) continue;
    const equals = line.indexOf('=');
    if (equals > 0 && line.slice(0, equals).trim() === VARIABLE) {
      const value = unquoted(line.slice(equals + 1).split(/\s+#/)[0]);
      if (value) return value;
    }
  }
  return undefined;
}

/** `DJANGO_SETTINGS_MODULE=x` (optionally `export`ed, optionally quoted) in a .env file. */
function dotenvValue(text: string): string | undefined {
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim().replace(/^export\s+/, '');
    const equals = line.indexOf('=');
    if (equals > 0 && line.slice(0, equals).trim() === VARIABLE) {
      const value = unquoted(line.slice(equals + 1));
      if (value) return value;
    }
  }
  return undefined;
}

/** The modules that wsgi.py and asgi.py in the packages above `module` declare, other than `module` itself. */
export function serverSettingsModules(root: string, module: string, read: ReadFile): string[] {
  const found = new Set<string>();
  const packages = module.split('.').slice(0, -1);
  for (let depth = 1; depth <= packages.length; depth++) {
    for (const name of ['wsgi.py', 'asgi.py']) {
      const text = read(path.join(root, ...packages.slice(0, depth), name));
      const declared = text === undefined ? undefined : declaredSettingsModule(text);
      if (declared && declared !== module) found.add(declared);
    }
  }
  return [...found];
}
