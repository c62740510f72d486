import type {
  EdgeTerm,
  FilterExpression,
  JsonValue,
  NodeId,
  NodeRef,
  RootCauseJsonTerm,
  RootCauseKind,
  RootCauseLevel,
  RootCauseTerm,
  ServiceTerm,
} from './ast.ts';
import { didYouMean, suggestionsFor } from './did-you-mean.ts';
import type { LexToken } from './lexer.ts';
import type { TokenStream } from './token-stream.ts';
import { describeToken } from './token-stream.ts';

/** Parses the sub-filter between braces; supplied by the expression parser. */
export type SubFilterParser = () => FilterExpression;

const KINDS: readonly RootCauseKind[] = ['fault', 'error', 'responsetime'];
const LEVELS: readonly RootCauseLevel[] = ['service', 'entity', 'exception'];
const ID_FIELDS = ['name', 'type', 'account.id'] as const;

// serviceTerm = "service" "(" [ nodeRef ] ")" [ "{" orExpr "}" ] ;
export function parseServiceTerm(stream: TokenStream, subFilter: SubFilterParser): ServiceTerm {
  const start = stream.next().span;
  stream.expectPunctuation('(', "after 'service'");
  const node = stream.atPunctuation(')') ? undefined : parseNodeRef(stream);
  stream.expectPunctuation(')', 'to close service(');
  const filter = parseOptionalBraces(stream, subFilter);
  return {
    kind: 'service',
    ...(node ? { node } : {}),
    ...(filter ? { filter } : {}),
    position: stream.spanFrom(start),
  };
}

// edgeTerm = "edge" "(" nodeRef "," nodeRef ")" [ "{" orExpr "}" ] ;
export function parseEdgeTerm(stream: TokenStream, subFilter: SubFilterParser): EdgeTerm {
  const start = stream.next().span;
  stream.expectPunctuation('(', "after 'edge'");
  const source = parseNodeRef(stream);
  stream.expectPunctuation(',', 'between the source and the target of edge(');
  const target = parseNodeRef(stream);
  stream.expectPunctuation(')', 'to close edge(');
  const filter = parseOptionalBraces(stream, subFilter);
  return { kind: 'edge', source, target, ...(filter ? { filter } : {}), position: stream.spanFrom(start) };
}

// nodeRef = string | idCall ;   (a bareword counts as a string)
export function parseNodeRef(stream: TokenStream): NodeRef {
  const token = stream.peek();
  if (token.kind === 'word' && token.text.toLowerCase() === 'id' && stream.atPunctuation('(', 1)) {
    return parseIdCall(stream);
  }
  if (token.kind === 'string' || token.kind === 'word') {
    stream.next();
    return { kind: 'node-name', name: token.value, position: token.span };
  }
  return stream.failHere(`Expected a service name or id(…), found ${describeToken(token)}.`);
}

// idCall = "id" "(" idArg { "," idArg } ")" ;
// idArg  = ( "name" | "type" | "account.id" ) ":" string ;
export function parseIdCall(stream: TokenStream): NodeId {
  const start = stream.next().span;
  stream.expectPunctuation('(', "after 'id'");
  const fields: { name?: string; type?: string; accountId?: string } = {};
  do {
    const label = stream.peek();
    const field = label.kind === 'word' ? ID_FIELDS.find((f) => f === label.text.toLowerCase()) : undefined;
    if (field === undefined) {
      const suggestions = label.kind === 'word' ? suggestionsFor(label.text, ID_FIELDS) : [];
      stream.failHere(
        `Expected name:, type: or account.id: in id(…), found ${describeToken(label)}.${didYouMean(suggestions)}`,
        suggestions,
      );
    }
    const key = field === 'account.id' ? 'accountId' : field;
    if (fields[key] !== undefined) stream.failHere(`'${field}' appears twice in id(…).`);
    stream.next();
    stream.expectPunctuation(':', `after '${label.text}'`);
    fields[key] = parseNameValue(stream, label.text);
  } while (stream.atPunctuation(',') && stream.next());
  stream.expectPunctuation(')', 'to close id(');
  return { kind: 'node-id', ...fields, position: stream.spanFrom(start) };
}

// rootcauseTerm = "rootcause" "." rcKind "." rcLevel "{" orExpr "}" ;
// jsonTerm      = "rootcause" "." "json" "=" "#" jsonArray ;
export function parseRootCauseTerm(stream: TokenStream, subFilter: SubFilterParser): RootCauseTerm | RootCauseJsonTerm {
  const token = stream.peek();
  const parts = token.text.toLowerCase().split('.');
  if (parts.length === 2 && parts[1] === 'json') return parseRootCauseJson(stream);
  const [, kindWord = '', levelWord = ''] = parts;
  const cause = KINDS.find((k) => k === kindWord);
  const level = LEVELS.find((l) => l === levelWord);
  if (parts.length !== 3 || cause === undefined || level === undefined) {
    const wanted = KINDS.flatMap((k) => LEVELS.map((l) => `rootcause.${k}.${l}`)).concat('rootcause.json');
    const suggestions = suggestionsFor(token.text, wanted);
    const message = `Expected rootcause.fault|error|responsetime.service|entity|exception or rootcause.json, found '${token.text}'.`;
    stream.failHere(message + didYouMean(suggestions), suggestions);
  }
  stream.next();
  const filter = parseOptionalBraces(stream, subFilter);
  if (!filter) stream.failHere(`Expected '{' after '${token.text}', found ${describeToken(stream.peek())}.`);
  return { kind: 'rootcause', cause, level, filter, position: stream.spanFrom(token.span) };
}

function parseRootCauseJson(stream: TokenStream): RootCauseJsonTerm {
  const start = stream.next().span;
  const equals = stream.peek();
  if (!(equals.kind === 'operator' && equals.text === '=')) {
    stream.failHere(`Expected '=' after 'rootcause.json', found ${describeToken(equals)}.`);
  }
  stream.next();
  const literal = stream.peek();
  if (literal.kind !== 'json') stream.failHere(`Expected a JSON array '#[ … ]', found ${describeToken(literal)}.`);
  stream.next();
  return { kind: 'rootcause-json', pattern: parseJsonArray(stream, literal), position: stream.spanFrom(start) };
}

function parseJsonArray(stream: TokenStream, literal: LexToken): JsonValue[] {
  try {
    return JSON.parse(literal.text.slice(1)) as JsonValue[];
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return stream.fail(`Invalid JSON after '#': ${reason}`, literal.span);
  }
}

// [ "{" orExpr "}" ]
function parseOptionalBraces(stream: TokenStream, subFilter: SubFilterParser): FilterExpression | undefined {
  if (!stream.atPunctuation('{')) return undefined;
  const open = stream.next().span;
  stream.enter(open);
  const filter = subFilter();
  stream.expectPunctuation('}', `to close the '{' at ${open.line}:${open.column}`);
  stream.leave();
  return filter;
}

function parseNameValue(stream: TokenStream, label: string): string {
  const token = stream.peek();
  if (token.kind !== 'string' && token.kind !== 'word') {
    stream.failHere(`Expected a string after '${label}:', found ${describeToken(token)}.`);
  }
  return stream.next().value;
}
