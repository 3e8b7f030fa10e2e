/** Converts between string offsets and zero-based line/character positions (UTF-16, as editors count). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      if (source.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset of a position; a character past the end of its line stops at the line break. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.source.length;
    return Math.min(this.starts[line] + Math.max(0, character), this.lineEnd(line));
  }

  positionAt(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }

  /** Where a line's text ends, before its `\n` or `\r\n`. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.source.length;
    const newline = this.starts[line + 1] - 1;
    return newline > this.starts[line] && this.source.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
  }
}
