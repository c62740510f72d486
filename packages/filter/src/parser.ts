import type {
  AnnotationTerm,
  Comparison,
  ComparisonOperator,
  FilterExpression,
  GroupTerm,
  KeywordTerm,
  Literal,
} from './ast.ts';
import { didYouMean, suggestionsFor } from './did-you-mean.ts';
import type { LexToken } from './lexer.ts';
import { findKeyword } from './keywords.ts';
import { parseEdgeTerm, parseRootCauseTerm, parseServiceTerm } from './parse-complex-terms.ts';
import { describeToken, TokenStream } from './token-stream.ts';

const WORD_OPERATORS: Record<string, ComparisonOperator> = {
  contains: 'CONTAINS',
  beginswith: 'BEGINSWITH',
  endswith: 'ENDSWITH',
};
const FUNCTIONS = ['service', 'edge', 'id'];

/**
 * Parses `text` into a tree without checking what the words mean (see `checkFilterExpression`).
 * Throws `FilterSyntaxError` at the first mistake.
 */
export function parseSyntax(text: string): FilterExpression {
  return new FilterParser(new TokenStream(text)).parseFilter();
}

/** The recursive-descent parser; each method parses the grammar rule quoted above it. */
export class FilterParser {
  constructor(readonly stream: TokenStream) {}

  // filter = orExpr ;
  parseFilter(): FilterExpression {
    const expression = this.parseOr();
    const token = this.stream.peek();
    if (token.kind === 'eof') return expression;
    if (token.text === ')') this.stream.failHere("Unbalanced ')': no '(' opens it.");
    if (token.text === '}') this.stream.failHere("Unbalanced '}': no '{' opens it.");
    return this.stream.failHere(`Expected AND, OR or the end of the expression, found ${describeToken(token)}.`);
  }

  // orExpr = andExpr { "OR" andExpr } ;
  parseOr(): FilterExpression {
    const start = this.stream.peek().span;
    const operands = [this.parseAnd()];
    while (this.stream.atWord(['or'])) {
      this.stream.next();
      operands.push(this.parseAnd());
    }
    const [only] = operands;
    if (operands.length === 1 && only) return only;
    return { kind: 'or', operands, position: this.stream.spanFrom(start) };
  }

  // andExpr = unary { [ "AND" ] unary } ;   (juxtaposed terms are ANDed)
  parseAnd(): FilterExpression {
    const start = this.stream.peek().span;
    const operands = [this.parseUnary()];
    for (;;) {
      if (this.stream.atWord(['and'])) this.stream.next();
      else if (!this.startsTerm(this.stream.peek())) break;
      operands.push(this.parseUnary());
    }
    const [only] = operands;
    if (operands.length === 1 && only) return only;
    return { kind: 'and', operands, position: this.stream.spanFrom(start) };
  }

  // unary = { "!" | "NOT" } primary ;
  parseUnary(): FilterExpression {
    const token = this.stream.peek();
    if (!(token.kind === 'punctuation' && token.text === '!') && !this.stream.atWord(['not'])) {
      return this.parsePrimary();
    }
    this.stream.next();
    this.stream.enter(token.span);
    const operand = this.parseUnary();
    this.stream.leave();
    return { kind: 'not', operand, position: this.stream.spanFrom(token.span) };
  }

  // primary = "(" orExpr ")" | serviceTerm | edgeTerm | rootcauseTerm | jsonTerm
  //         | groupTerm | annotationTerm | keywordTerm ;
  parsePrimary(): FilterExpression {
    const token = this.stream.peek();
    if (token.kind === 'punctuation' && token.text === '(') {
      this.stream.next();
      this.stream.enter(token.span);
      const inner = this.parseOr();
      this.stream.expectPunctuation(')', `to close the '(' at ${token.span.line}:${token.span.column}`);
      this.stream.leave();
      return inner;
    }
    if (token.kind !== 'word' || this.stream.atWord(['and', 'or'])) {
      return this.stream.failHere(`Expected a filter term, found ${describeToken(token)}.`);
    }
    return this.parseWordTerm(token);
  }

  private parseWordTerm(token: LexToken): FilterExpression {
    const word = token.text.toLowerCase();
    const sub = (): FilterExpression => this.parseOr();
    if (word === 'service') return parseServiceTerm(this.stream, sub);
    if (word === 'edge') return parseEdgeTerm(this.stream, sub);
    if (word === 'id') this.stream.failHere('id(…) names a node; use it inside service(…) or edge(…).');
    if (word === 'rootcause' || word.startsWith('rootcause.')) return parseRootCauseTerm(this.stream, sub);
    if (word === 'annotation' || word.startsWith('annotation.')) return this.parseAnnotationTerm();
    if (word === 'group' || word.startsWith('group.')) return this.parseGroupTerm();
    // A known keyword before '(' is juxtaposition (`ok (fault OR error)`), not a call.
    if (!findKeyword(word) && this.stream.atPunctuation('(', 1)) {
      const suggestions = suggestionsFor(word, FUNCTIONS);
      this.stream.failHere(`Unknown function '${token.text}'.${didYouMean(suggestions)}`, suggestions);
    }
    return this.parseKeywordTerm();
  }

  // keywordTerm = keyword [ op literal ] ;
  private parseKeywordTerm(): KeywordTerm {
    const token = this.stream.next();
    const comparison = this.parseOptionalComparison();
    const name = token.text.toLowerCase();
    const position = this.stream.spanFrom(token.span);
    return comparison ? { kind: 'keyword', name, comparison, position } : { kind: 'keyword', name, position };
  }

  // annotationTerm = "annotation." annKey [ op literal ] ;
  private parseAnnotationTerm(): AnnotationTerm {
    const token = this.stream.next();
    const key = token.text.slice('annotation.'.length);
    if (key === '') {
      const dot = this.stream.atPunctuation('.') ? this.stream.next().span : token.span;
      this.stream.fail("Expected an annotation key after 'annotation.'.", this.stream.locator.cover(token.span, dot));
    }
    const comparison = this.parseOptionalComparison();
    const position = this.stream.spanFrom(token.span);
    return comparison ? { kind: 'annotation', key, comparison, position } : { kind: 'annotation', key, position };
  }

  // groupTerm = ( "group.name" | "group.arn" ) ( "=" | "!=" ) string ;
  private parseGroupTerm(): GroupTerm {
    const token = this.stream.peek();
    const word = token.text.toLowerCase();
    if (word !== 'group.name' && word !== 'group.arn') {
      const suggestions = suggestionsFor(word, ['group.name', 'group.arn']);
      this.stream.failHere(
        `Expected group.name or group.arn, found '${token.text}'.${didYouMean(suggestions)}`,
        suggestions,
      );
    }
    this.stream.next();
    const comparison = this.parseOptionalComparison();
    if (!comparison) this.stream.failHere(`Expected '=' or '!=' after '${token.text}'.`);
    const field = word === 'group.name' ? 'name' : 'arn';
    return { kind: 'group', field, comparison, position: this.stream.spanFrom(token.span) };
  }

  // [ op literal ] ;  op = "=" | "!=" | "<" | "<=" | ">" | ">=" | "CONTAINS" | "BEGINSWITH" | "ENDSWITH" ;
  private parseOptionalComparison(): Comparison | undefined {
    const token = this.stream.peek();
    let operator: ComparisonOperator | undefined;
    if (token.kind === 'operator') operator = token.text as ComparisonOperator;
    else if (token.kind === 'word') operator = WORD_OPERATORS[token.text.toLowerCase()];
    if (operator === undefined) return undefined;
    this.stream.next();
    return { operator, value: this.parseLiteral(token.text), position: token.span };
  }

  // literal = string | number | "true" | "false" | bareword ;
  private parseLiteral(after: string): Literal {
    const token = this.stream.peek();
    const position = token.span;
    if (token.kind === 'string') return { kind: 'string', value: this.stream.next().value, position };
    if (token.kind === 'number') return { kind: 'number', value: this.parseNumber(token), position };
    if (token.kind === 'word' && !this.stream.atWord(['and', 'or', 'not'])) {
      this.stream.next();
      const lower = token.text.toLowerCase();
      if (lower === 'true' || lower === 'false') return { kind: 'boolean', value: lower === 'true', position };
      // A bareword where a value is expected is a string (one documented example relies on it).
      return { kind: 'string', value: token.text, position };
    }
    return this.stream.failHere(`Expected a value after '${after}', found ${describeToken(token)}.`);
  }

  private parseNumber(token: LexToken): number {
    const value = Number(token.text);
    if (!Number.isFinite(value)) this.stream.failHere(`Number ${token.text} is out of range.`);
    this.stream.next();
    return value;
  }

  private startsTerm(token: LexToken): boolean {
    if (token.kind === 'punctuation') return token.text === '!' || token.text === '(';
    return token.kind === 'word' && !this.stream.atWord(['and', 'or']);
  }
}
