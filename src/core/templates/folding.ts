import { lexTemplate, parsedBlockTags, type TemplateToken, tagName } from './lexer';

/** A block tag and its end tag, as offsets of the two tags' starts. */
export interface BlockRange {
  readonly name: string;
  readonly start: number;
  readonly end: number;
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
    const opened = name.startsWith('end') ? open.map((o) => o.name).lastIndexOf(name.slice(3)) : -1;
    if (opened >= 0) {
      ranges.push({ name: open[opened].name, start: open[opened].token.start, end: token.start });
      open.length = opened;
    } else if (!name.startsWith('end')) {
      open.push({ name, token });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}
