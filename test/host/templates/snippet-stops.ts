// Shared by the host test (which tabs through every snippet) and the unit test (which checks the
// numbering): the distinct tab stop numbers of a snippet body, $0 excluded.
export function tabStops(body: string): number[] {
  const stops = new Set<number>();
  for (const match of body.replace(/\\./g, '').matchAll(/\$(?:(\d+)|\{(\d+)[:|}])/g)) {
    const stop = Number(match[1] ?? match[2]);
    if (stop > 0) stops.add(stop);
  }
  return [...stops].sort((a, b) => a - b);
}

export interface SnippetDefinition {
  readonly prefix: string;
  readonly description: string;
  readonly body: string | string[];
}

export function bodyText(snippet: SnippetDefinition): string {
  return Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body;
}
