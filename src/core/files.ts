// Small file-system questions asked across the core, the CLI and the editor, answered one way.
import { readFileSync, statSync } from 'node:fs';
import { decodePythonSource } from './syntax/pythonFile';

/**
 * A file's text, or undefined when it cannot be read. Python files are decoded as Python decodes
 * them (UTF-8 BOM, PEP 263 coding cookie); anything else as UTF-8.
 */
export function readTextIfReadable(file: string): string | undefined {
  try {
    const bytes = readFileSync(file);
    return file.endsWith('.py') ? decodePythonSource(bytes) : bytes.toString('utf8');
  } catch {
    return undefined;
  }
}

export function isFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

export function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
