// The files a URL check reads: Python modules and templates, below the paths it is given.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { isExcludedFolder } from '../project';
import { PythonSource } from '../syntax/python';
import { mayCallUrlFunctions, type UrlUsage, pythonUrlUsages, templateUrlUsages } from './usages';

export type UsageLanguage = 'python' | 'template';

/** What kind of file holds URL names: Python, a template (any .html, or a .txt under templates/), or neither. */
export function usageLanguage(file: string): UsageLanguage | undefined {
  if (file.endsWith('.py')) return 'python';
  if (/\.(html|djhtml)$/.test(file)) return 'template';
  if (file.endsWith('.txt') && file.split(/[\\/]/).includes('templates')) return 'template';
  return undefined;
}

export function usagesIn(text: string, language: UsageLanguage): UrlUsage[] {
  if (language === 'template') return templateUrlUsages(text);
  return mayCallUrlFunctions(text) ? pythonUrlUsages(new PythonSource(text)) : [];
}

/** The Python and template files at or below `target`, skipping environments and hidden folders. */
export function usageFiles(target: string): string[] {
  const info = statSync(target);
  if (info.isFile()) return usageLanguage(target) ? [target] : [];
  const files: string[] = [];
  for (const entry of readdirSync(target, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(target, entry.name);
    if (entry.isDirectory()) {
      // Migrations never reverse URLs; hidden folders hold tooling, not project code.
      if (entry.name.startsWith('.') || entry.name === 'migrations' || isExcludedFolder(full)) continue;
      files.push(...usageFiles(full));
    } else if (entry.isFile() && usageLanguage(full)) {
      files.push(full);
    }
  }
  return files;
}
