/**
 * Where a piece of a filter expression sits in its source text.
 *
 * `offset` and `length` count UTF-16 code units (JavaScript string indices), so
 * `text.slice(offset, offset + length)` is the piece. `line` and `column` are 1-based and count code
 * points, so a column matches what a person sees in an editor even after an emoji.
 */
export interface SourceSpan {
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
}

/**
 * Turns offsets into line/column pairs for one source text. Built once per parse; lookups are a
 * binary search over the line starts, so lexing a long multi-line expression stays linear.
 */
export class SourceLocator {
  readonly text: string;
  private readonly lineStarts: number[] = [0];
  // The last answer, so that lookups in increasing order (as the lexer makes them) count each code
  // point once instead of re-counting from the line start every time.
  private cached = { offset: 0, column: 1, lineIndex: 0 };

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      // \r\n counts as one break: the \n that follows a \r starts the line, the \r does not.
      if (ch === 10 || (ch === 13 && text.charCodeAt(i + 1) !== 10)) this.lineStarts.push(i + 1);
    }
  }

  /** The span of `length` code units starting at `offset` (clamped to the text). */
  span(offset: number, length: number): SourceSpan {
    const at = Math.max(0, Math.min(offset, this.text.length));
    const lineIndex = this.lineIndexOf(at);
    const lineStart = this.lineStarts[lineIndex] ?? 0;
    const fromCache = this.cached.lineIndex === lineIndex && this.cached.offset <= at;
    const column = fromCache
      ? this.cached.column + countCodePoints(this.text.slice(this.cached.offset, at))
      : countCodePoints(this.text.slice(lineStart, at)) + 1;
    this.cached = { offset: at, column, lineIndex };
    return { offset: at, length: Math.max(0, Math.min(length, this.text.length - at)), line: lineIndex + 1, column };
  }

  /** The span from the start of `first` to the end of `last`. */
  cover(first: SourceSpan, last: SourceSpan): SourceSpan {
    return this.span(first.offset, last.offset + last.length - first.offset);
  }

  /** The text of line `line` (1-based) without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }

  private lineIndexOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}

function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
