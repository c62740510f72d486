import type { SourceSpan } from './source-span.ts';
import { SourceLocator } from './source-span.ts';

/**
 * The common shape of every error the filter language reports: where the mistake is and how to show
 * it. `offset`/`length` are UTF-16 indices into `source`; `line`/`column` are 1-based (columns count
 * code points). `message` is one sentence naming the offending token, ready for an API error body
 * (X-Ray answers an invalid expression with `InvalidRequestException`).
 */
export abstract class FilterExpressionError extends Error {
  readonly source: string;
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
  /** Names the writer probably meant (closest first); empty when nothing is close. */
  readonly suggestions: readonly string[];

  constructor(message: string, source: string, span: SourceSpan, suggestions: readonly string[] = []) {
    super(message);
    this.source = source;
    this.offset = span.offset;
    this.length = span.length;
    this.line = span.line;
    this.column = span.column;
    this.suggestions = suggestions;
  }

  /**
   * The message, then the offending line of the expression, then carets under the mistake, e.g.
   *
   * ```
   * 1:1: Unknown keyword 'responstime'. Did you mean 'responsetime'?
   *   responstime > 1
   *   ^^^^^^^^^^^
   * ```
   * A mistake spanning lines is underlined to the end of its first line.
   */
  format(): string {
    const locator = new SourceLocator(this.source);
    const lineText = locator.lineText(this.line);
    const before = [...lineText].slice(0, this.column - 1);
    // Keep tabs so the caret lines up under tab-indented text in a terminal.
    const pad = before.map((ch) => (ch === '\t' ? '\t' : ' ')).join('');
    const rest = [...lineText].slice(this.column - 1);
    const covered = [...this.source.slice(this.offset, this.offset + this.length)].length;
    const width = Math.max(1, Math.min(covered, rest.length));
    return `${this.line}:${this.column}: ${this.message}\n  ${lineText}\n  ${pad}${'^'.repeat(width)}`;
  }
}

/** The expression is not well formed: a bad character, an unterminated string, a missing `)`. */
export class FilterSyntaxError extends FilterExpressionError {
  override readonly name = 'FilterSyntaxError';
}

/**
 * The expression is well formed but means nothing: an unknown keyword, a keyword used where it does
 * not apply (`root` outside `service(){}`), or an operator or value of the wrong type.
 */
export class FilterCheckError extends FilterExpressionError {
  override readonly name = 'FilterCheckError';
}
