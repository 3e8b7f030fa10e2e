import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildProject } from '../project';
import { type Environment, environmentFrom } from './dotenv';
import { type JwtSettings, readJwtSettings } from './projectKey';

// The JWT view of a project on disk, for the CLI: its settings module and the `.env` files the
// settings may read their keys from.

export interface ProjectJwt {
  readonly settingsFile: string;
  readonly settings: JwtSettings;
  readonly environment: Environment;
}

export class ProjectFilesError extends Error {}

/** `.env` beside manage.py, then beside the settings module: where django-environ and decouple are pointed. */
export function dotEnvCandidates(projectDir: string, settingsFile: string): string[] {
  return [...new Set([path.join(projectDir, '.env'), path.join(path.dirname(settingsFile), '.env')])];
}

export function loadProjectJwt(projectDir: string): ProjectJwt {
  const manage = path.join(projectDir, 'manage.py');
  if (!existsSync(manage)) throw new ProjectFilesError(`${projectDir} has no manage.py.`);
  const { settingsFile, settingsModule } = buildProject(manage);
  if (!settingsFile) {
    throw new ProjectFilesError(settingsModule ? `The settings module ${settingsModule} of ${projectDir} has no file.` : `Nothing in ${projectDir} names a settings module (DJANGO_SETTINGS_MODULE).`);
  }
  const envFiles = dotEnvCandidates(projectDir, settingsFile)
    .filter((file) => existsSync(file))
    .map((file) => ({ name: path.relative(projectDir, file), text: readFileSync(file, 'utf8') }));
  return { settingsFile, settings: readJwtSettings(readFileSync(settingsFile, 'utf8')), environment: environmentFrom(envFiles) };
}
