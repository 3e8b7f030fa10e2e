/**
 * The step after generating an app's urls.py: wiring it into the project's URLconf with
 * `path("<app>/", include("<app>.urls"))`, merged like any generated code (nothing rewritten).
 */
import path from 'node:path';
import * as l10n from '@vscode/l10n';
import { PythonSource, stringValue } from '../syntax/python';
import { type Merge, mergeModule } from './merge';

/** `apps/orders` below the project folder → `apps.orders`; undefined for a folder outside it. */
export function appModuleOf(projectDir: string, appDir: string): string | undefined {
  const relative = path.relative(projectDir, appDir);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.split(path.sep);
  return parts.every((part) => /^[A-Za-z_]\w*$/.test(part)) ? parts.join('.') : undefined;
}

/** Whether the URLconf already names `<appModule>.urls` in a string (an include, in any form). */
export function includesAppUrls(urlconfSource: string, appModule: string): boolean {
  const source = new PythonSource(urlconfSource);
  let found = false;
  source.tree.cursor().iterate((ref) => {
    if (found) return false;
    if (ref.name === 'String' && stringValue(source.textOf(ref.node)) === `${appModule}.urls`) found = true;
    return undefined;
  });
  return found;
}

/**
 * The insertions that add the app's urls to the project URLconf (and `include` to its
 * django.urls import); undefined when the URLconf already includes them. Throws MergeError for a
 * URLconf with a syntax error.
 */
export function includeAppUrls(urlconfSource: string, appModule: string): Merge | undefined {
  if (includesAppUrls(urlconfSource, appModule)) return undefined;
  const prefix = appModule.split('.').pop() ?? appModule;
  return mergeModule(urlconfSource, {
    fileName: 'urls.py',
    imports: [{ module: 'django.urls', names: ['include', 'path'] }],
    blocks: [],
    // A key no code mentions: whether it is there was decided just above, by the string.
    urlpatterns: [{ key: `"${appModule}.urls"`, code: `path("${prefix}/", include("${appModule}.urls"))` }],
  });
}

/** One line per file: the classes added to it, or that it was created. */
export interface WrittenFile {
  readonly path: string;
  readonly created: boolean;
  readonly added: readonly string[];
}

/** "Created catalog/views.py (ProductViewSet). Added ProductSerializer to catalog/serializers.py." */
export function writtenSummary(files: readonly WrittenFile[]): string {
  return files
    .map((file) => {
      const names = file.added.join(', ');
      if (file.created) return names ? l10n.t('Created {0} ({1}).', file.path, names) : l10n.t('Created {0}.', file.path);
      return names ? l10n.t('Added {0} to {1}.', names, file.path) : l10n.t('Added to {0}.', file.path);
    })
    .join(' ');
}
