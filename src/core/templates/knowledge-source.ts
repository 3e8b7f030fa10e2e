import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { type KnownLibrary, validateLibraryDocument } from './knowledge';

// The YAML side of the template knowledge, for the build and the tests; the extension and the CLI
// load the JSON the build compiles from it.

/** Reads and validates every `*.yaml` of the folder in name order; each YAML document is one library. */
export function readTemplateKnowledge(dir: string): { libraries: KnownLibrary[]; errors: string[] } {
  const libraries: KnownLibrary[] = [];
  const errors: string[] = [];
  const names = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  for (const name of names) {
    for (const [index, document] of parseAllDocuments(readFileSync(path.join(dir, name), 'utf8')).entries()) {
      const label = index === 0 ? name : `${name} (document ${index + 1})`;
      if (document.errors.length > 0) {
        errors.push(`${label}: ${document.errors[0].message}`);
        continue;
      }
      const result = validateLibraryDocument(document.toJS(), label);
      errors.push(...result.errors);
      if (result.library) libraries.push(result.library);
    }
  }
  const seen = new Set<string>();
  for (const library of libraries) {
    if (seen.has(library.name)) errors.push(`library ${library.name} is described twice`);
    seen.add(library.name);
  }
  return { libraries, errors };
}
