// A project's URLs, read from the project model: ROOT_URLCONF down, modules found under the
// project's root, then in its interpreter's site-packages.
import { type DjangoProject, resolveModuleFile } from '../project';
import { UrlconfReader } from './read';
import type { UrlReading } from './types';
import { readTextIfReadable } from '../files';

/** Reads a project's URLconfs; a project without ROOT_URLCONF has an empty, incomplete reading. */
export function readProjectUrls(project: DjangoProject, reader: UrlconfReader = new UrlconfReader(), read: (file: string) => string | undefined = readTextIfReadable): UrlReading {
  if (!project.rootUrlconf) return { urls: [], complete: false, opaqueNamespaces: [], aliases: {}, problems: ['ROOT_URLCONF is not set in the settings'] };
  return reader.read(project.rootUrlconf, { resolveModule: (dotted) => resolveModuleFile(project, dotted), readFile: read });
}
