import { FilterSyntaxError } from './filter-error.ts';
import type { LexToken } from './lexer.ts';
import { lex } from './lexer.ts';
import type { SourceSpan } from './source-span.ts';
import { SourceLocator } from './source-span.ts';

/**
 * Parentheses, braces and `!` together may nest at most this deep. The bound keeps every recursive
 * stage (parser, checker, printer, evaluator) far from the JavaScript stack limit whatever the input.
 */
export const MAX_NESTING_DEPTH = 100;

/**
 * The parser's cursor over the tokens of one expression: lookahead, expectations, span bookkeeping,
 * the nesting bound, and errors that point into the source. An invalid token is reported the moment
 * the parser looks at it, so the first mistake in reading order wins.
 */
export class TokenStream {
  readonly locator: SourceLocator;
  private readonly tokens: LexToken[];
  private index = 0;
  private depth = 0;
  private lastEnd = 0;

  constructor(text: string) {
    this.locator = new SourceLocator(text);
    this.tokens = lex(text, this.locator);
  }

  /** The token `ahead` places after the current one (the final `eof` repeats forever). */
  peek(ahead = 0): LexToken {
    const token = this.tokens[Math.min(this.index + ahead, this.tokens.length - 1)] as LexToken;
    if (token.kind === 'invalid') this.fail(token.error ?? 'Invalid token.', token.span);
    return token;
  }

  /** Consumes and returns the current token. */
  next(): LexToken {
    const token = this.peek();
    if (token.kind !== 'eof') this.index++;
    this.lastEnd = token.span.offset + token.span.length;
    return token;
  }

  /** Whether the token `ahead` is a word equal (ignoring case) to one of `words`. */
  atWord(words: readonly string[], ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'word' && words.includes(token.text.toLowerCase());
  }

  /** Whether the token `ahead` is the punctuation `mark`. */
  atPunctuation(mark: string, ahead = 0): boolean {
    const token = this.peek(ahead);
    return token.kind === 'punctuation' && token.text === mark;
  }

  /** Consumes the punctuation `mark` or fails with `Expected <mark> <why>, found …`. */
  expectPunctuation(mark: string, why: string): LexToken {
    if (!this.atPunctuation(mark)) this.failHere(`Expected '${mark}' ${why}, found ${describeToken(this.peek())}.`);
    return this.next();
  }

  /** The span from `start` to the end of the last consumed token. */
  spanFrom(start: SourceSpan): SourceSpan {
    return this.locator.span(start.offset, this.lastEnd - start.offset);
  }

  /** Counts one level of nesting that `at` opens; fails past `MAX_NESTING_DEPTH`. */
  enter(at: SourceSpan): void {
    this.depth++;
    if (this.depth > MAX_NESTING_DEPTH) {
      this.fail(`The expression nests deeper than ${MAX_NESTING_DEPTH} levels of '(', '{' and '!'.`, at);
    }
  }

  /** Closes the level opened by the matching `enter`. */
  leave(): void {
    this.depth--;
  }

  /** Throws a syntax error at the current token. */
  failHere(message: string, suggestions: readonly string[] = []): never {
    return this.fail(message, this.peek().span, suggestions);
  }

  /** Throws a syntax error at `span`. */
  fail(message: string, span: SourceSpan, suggestions: readonly string[] = []): never {
    throw new FilterSyntaxError(message, this.locator.text, span, suggestions);
  }
}

/** How a token is named in a message: `'service'`, `string "x"`, `number 5`, `the end of the expression`. */
export function describeToken(token: LexToken): string {
  switch (token.kind) {
    case 'eof':
      return 'the end of the expression';
    case 'string':
      return `string ${token.text}`;
    case 'number':
      return `number ${token.text}`;
    case 'json':
      return 'a JSON literal';
    case 'word':
    case 'punctuation':
    case 'operator':
    case 'invalid':
      return `'${token.text}'`;
  }
}
