import type { NodeRef } from './ast.ts';
import { FilterCheckError } from './filter-error.ts';
import { parseIdCall, parseNodeRef } from './parse-complex-terms.ts';
import { describeToken, TokenStream } from './token-stream.ts';

/**
 * What a `GetTimeSeriesServiceStatistics.EntitySelectorExpression` selects: one service node (fill
 * `ServiceSummaryStatistics`), the edges between two nodes, or every edge (no expression). A bare
 * `id(…)` selects a service, like `service(id(…))`.
 */
export type EntitySelector =
  | { readonly kind: 'service'; readonly node: NodeRef }
  | { readonly kind: 'edge'; readonly source: NodeRef; readonly target: NodeRef }
  | { readonly kind: 'all-edges' };

/** X-Ray's length limit on the selector, in characters. */
export const MAX_ENTITY_SELECTOR_LENGTH = 500;

/**
 * Parses an entity selector: `service(…)`, `edge(…, …)` or `id(…)`, without sub-filters. An empty or
 * blank text selects all edges. Throws `FilterSyntaxError` or `FilterCheckError` (over 500 characters).
 */
export function parseEntitySelector(text: string): EntitySelector {
  const stream = new TokenStream(text);
  if (text.length > MAX_ENTITY_SELECTOR_LENGTH) {
    throw new FilterCheckError(
      `The entity selector is ${text.length} characters long; at most ${MAX_ENTITY_SELECTOR_LENGTH} are allowed.`,
      text,
      stream.locator.span(MAX_ENTITY_SELECTOR_LENGTH, text.length - MAX_ENTITY_SELECTOR_LENGTH),
    );
  }
  if (stream.peek().kind === 'eof') return { kind: 'all-edges' };
  const selector = parseSelectorTerm(stream);
  if (stream.peek().kind !== 'eof') {
    stream.failHere(`Expected the end of the entity selector, found ${describeToken(stream.peek())}.`);
  }
  return selector;
}

// selector = "service" "(" nodeRef ")" | "edge" "(" nodeRef "," nodeRef ")" | idCall ;
function parseSelectorTerm(stream: TokenStream): EntitySelector {
  const word = stream.peek().kind === 'word' ? stream.peek().text.toLowerCase() : '';
  if (word === 'id') return { kind: 'service', node: parseIdCall(stream) };
  if (word === 'service') {
    stream.next();
    stream.expectPunctuation('(', "after 'service'");
    const node = parseNodeRef(stream);
    stream.expectPunctuation(')', 'to close service(');
    return { kind: 'service', node };
  }
  if (word === 'edge') {
    stream.next();
    stream.expectPunctuation('(', "after 'edge'");
    const source = parseNodeRef(stream);
    stream.expectPunctuation(',', 'between the source and the target of edge(');
    const target = parseNodeRef(stream);
    stream.expectPunctuation(')', 'to close edge(');
    return { kind: 'edge', source, target };
  }
  return stream.failHere(`Expected service(…), edge(…, …) or id(…), found ${describeToken(stream.peek())}.`);
}
