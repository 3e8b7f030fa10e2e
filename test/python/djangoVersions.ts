// The Django versions the real-process tests run on: the machine's own Debian Django 3.2, and the
// 4.2 LTS and 5.2 LTS venvs that `npm run setup` prepares under .cache/ (or $DJANGO_KIT_CACHE) from
// Debian's archive (scripts/setup-django-versions.sh).
import { existsSync } from 'node:fs';
import path from 'node:path';

export interface DjangoPython {
  /** `3.2`, `4.2` or `5.2`. */
  readonly version: string;
  /** An interpreter that imports that Django with its DRF and SimpleJWT. */
  readonly python: string;
}

const cache = process.env.DJANGO_KIT_CACHE || path.resolve(__dirname, '..', '..', '.cache');

const ALL: readonly DjangoPython[] = [
  { version: '3.2', python: '/usr/bin/python3' },
  { version: '4.2', python: path.join(cache, 'django-4.2', 'venv', 'bin', 'python') },
  { version: '5.2', python: path.join(cache, 'django-5.2', 'venv', 'bin', 'python') },
];

/** Every version the tests know, prepared or not. */
export const KNOWN_DJANGO_VERSIONS: readonly string[] = ALL.map((entry) => entry.version);

/** Every version whose interpreter is present on this machine (setup may have failed to fetch one). */
export function availableDjangoPythons(): DjangoPython[] {
  return ALL.filter((entry) => existsSync(entry.python));
}

/** The interpreter of one version, or undefined when it was not prepared. */
export function djangoPython(version: string): string | undefined {
  return availableDjangoPythons().find((entry) => entry.version === version)?.python;
}

/** The version the host suites that run Python use: DJANGO_KIT_DJANGO, set by the host runner; 3.2 by default. */
export const DEFAULT_HOST_DJANGO = '3.2';

/** The interpreter of the host suites' chosen version; throws, naming it, when it was not prepared. */
export function hostDjangoPython(): DjangoPython {
  const version = process.env.DJANGO_KIT_DJANGO || DEFAULT_HOST_DJANGO;
  const python = djangoPython(version);
  if (!python) throw new Error(`Django ${version} is not prepared on this machine: run \`npm run setup\` (known: ${ALL.map((entry) => entry.version).join(', ')})`);
  return { version, python };
}
