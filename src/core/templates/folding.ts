import { lexTemplate, parsedBlockTags, type TemplateToken, tagName } from './lexer';

/** A block tag and its end tag, as offsets of the two tags' starts. */
export interface BlockRange {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Index of the innermost open tag with this name; searching from the top stops early. */
function innermost(open: readonly { name: string }[], name: string): number {
  for (let i = open.length - 1; i >= 0; i--) if (open[i].name === name) return i;
  return -1;
}

/**
 * Pairs every block tag with its end tag (`{% if %}` … `{% endif %}`, custom block tags included).
 * Tags without an end tag (`{% url %}`, `{% csrf_token %}`) are dropped when an end tag closes over
 * them; a stray end tag is ignored.
 */
export function blockRanges(text: string): BlockRange[] {
  const ranges: BlockRange[] = [];
  const open: { name: string; token: TemplateToken }[] = [];
  for (const token of parsedBlockTags(lexTemplate(text))) {
    const name = tagName(token);
    const opened = name.startsWith('end') ? innermost(open, name.slice(3)) : -1;
    if (opened >= 0) {
      ranges.push({ name: open[opened].name, start: open[opened].token.start, end: token.start });
      open.length = opened;
    } else if (!name.startsWith('end')) {
      open.push({ name, token });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
