import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { KnowledgeBase, type LoadedKnowledge } from './knowledge';
import { type KnowledgeFile, validateKnowledgeFile } from './schema';

// The YAML side of the knowledge: the build and the tests read data/settings/ through this module;
// the extension and the CLI load the JSON the build compiles from it, and never bundle a YAML parser.

/** Parses knowledge YAML text (one or more documents, each with its own scope). */
export function parseKnowledgeText(text: string, source: string): { files: KnowledgeFile[]; errors: string[] } {
  const files: KnowledgeFile[] = [];
  const errors: string[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    const label = index === 0 ? source : `${source} (document ${index + 1})`;
    if (document.errors.length > 0) {
      // The first fault explains the rest, which are usually its echoes.
      errors.push(`${label}: ${document.errors[0].message}`);
      continue;
    }
    const result = validateKnowledgeFile(document.toJS(), label);
    errors.push(...result.errors);
    if (result.file) files.push(result.file);
  }
  return { files, errors };
}

/**
 * Reads and validates every `*.yaml` in the knowledge folder, in name order. A missing or unreadable
 * file is reported, never thrown; the entries that fail validation are left out.
 */
export function readKnowledgeFiles(dir: string): { files: KnowledgeFile[]; errors: string[] } {
  const files: KnowledgeFile[] = [];
  const errors: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.yaml')).sort();
  } catch (error) {
    return { files, errors: [`cannot read ${dir}: ${(error as Error).message}`] };
  }
  for (const name of names) {
    try {
      const parsed = parseKnowledgeText(readFileSync(path.join(dir, name), 'utf8'), name);
      files.push(...parsed.files);
      errors.push(...parsed.errors);
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
    }
  }
  return { files, errors };
}

/** The knowledge base straight from the YAML folder. */
export function loadKnowledgeBase(dir: string): LoadedKnowledge {
  const { files, errors } = readKnowledgeFiles(dir);
  return { knowledge: new KnowledgeBase(files), errors };
}
