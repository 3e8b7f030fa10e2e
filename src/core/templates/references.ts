import { lexTemplate, parsedBlockTags, splitTagContents, tagName } from './lexer';

export type ReferenceTag = 'extends' | 'include';

/** A template named by a string literal in `{% extends "…" %}` or `{% include "…" %}`. */
export interface TemplateReference {
  readonly tag: ReferenceTag;
  readonly name: string;
  /** Offsets of the name inside its quotes. */
  readonly start: number;
  readonly end: number;
}

function isReferenceTag(name: string): name is ReferenceTag {
  return name === 'extends' || name === 'include';
}

function unquote(bit: string): string | undefined {
  const quote = bit[0];
  if (bit.length >= 2 && (quote === '"' || quote === "'") && bit.endsWith(quote)) return bit.slice(1, -1);
  return undefined;
}

/**
 * The templates a template names literally. Names held in variables (`{% include widget.template %}`)
 * cannot be known without running the view, so they are not references.
 */
export function findTemplateReferences(text: string): TemplateReference[] {
  const references: TemplateReference[] = [];
  for (const token of parsedBlockTags(lexTemplate(text))) {
    const tag = tagName(token);
    if (!isReferenceTag(tag)) continue;
    const target = splitTagContents(token)[1];
    const name = target && unquote(target.text);
    if (!target || !name) continue;
    references.push({ tag, name, start: target.start + 1, end: target.start + 1 + name.length });
  }
  return references;
}
