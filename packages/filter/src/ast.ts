/**
 * The abstract syntax tree of a filter expression. Every node carries the `position` of the source
 * text it came from; two trees that differ only in positions mean the same thing, which is what
 * "parse → print → parse gives the same tree" checks. Parentheses and the spelling of words
 * (`AND` vs `and` vs juxtaposition, `!` vs `NOT`, `responseTime` vs `responsetime`, `traces` vs
 * `"traces"`) leave no trace in the tree: the printer chooses one canonical spelling.
 */
import type { SourceSpan } from './source-span.ts';

/** Any filter expression, or a sub-filter inside `{ … }`. */
export type FilterExpression =
  | AndExpression
  | OrExpression
  | NotExpression
  | KeywordTerm
  | AnnotationTerm
  | GroupTerm
  | ServiceTerm
  | EdgeTerm
  | RootCauseTerm
  | RootCauseJsonTerm;

/** Operands joined by `AND` (or juxtaposed). At least two; never directly contains another `and`. */
export interface AndExpression {
  readonly kind: 'and';
  readonly operands: readonly FilterExpression[];
  readonly position: SourceSpan;
}

/** Operands joined by `OR`. At least two; never directly contains another `or`. */
export interface OrExpression {
  readonly kind: 'or';
  readonly operands: readonly FilterExpression[];
  readonly position: SourceSpan;
}

/** `!operand` or `NOT operand`. */
export interface NotExpression {
  readonly kind: 'not';
  readonly operand: FilterExpression;
  readonly position: SourceSpan;
}

/** The comparison operators, in their canonical (upper-case) spelling. */
export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'CONTAINS' | 'BEGINSWITH' | 'ENDSWITH';

/** A literal value. A bareword where a value is expected (`name = traces`) is a string literal. */
export type Literal = StringLiteral | NumberLiteral | BooleanLiteral;

export interface StringLiteral {
  readonly kind: 'string';
  readonly value: string;
  readonly position: SourceSpan;
}

/** Always finite. */
export interface NumberLiteral {
  readonly kind: 'number';
  readonly value: number;
  readonly position: SourceSpan;
}

export interface BooleanLiteral {
  readonly kind: 'boolean';
  readonly value: boolean;
  readonly position: SourceSpan;
}

/** `operator value`; `position` covers the operator only, where type mistakes are usually reported. */
export interface Comparison {
  readonly operator: ComparisonOperator;
  readonly value: Literal;
  readonly position: SourceSpan;
}

/**
 * A catalogue keyword (`responsetime`, `http.url`, `ok`, inside braces also `name`, `root`, …), bare
 * or compared. `name` is the lower-case catalogue spelling; a bare keyword means "true" for a
 * boolean and "is set" otherwise.
 */
export interface KeywordTerm {
  readonly kind: 'keyword';
  readonly name: string;
  readonly comparison?: Comparison;
  readonly position: SourceSpan;
}

/** `annotation.KEY [op value]`; the key keeps its case (annotation keys are case-sensitive). */
export interface AnnotationTerm {
  readonly kind: 'annotation';
  readonly key: string;
  readonly comparison?: Comparison;
  readonly position: SourceSpan;
}

/** `group.name = "…"` / `group.arn = "…"`: the trace meets that group's own filter expression. */
export interface GroupTerm {
  readonly kind: 'group';
  readonly field: 'name' | 'arn';
  readonly comparison: Comparison;
  readonly position: SourceSpan;
}

/** A service node named directly (`"api.example.com"`); matches every node type with that name. */
export interface NodeName {
  readonly kind: 'node-name';
  readonly name: string;
  readonly position: SourceSpan;
}

/** `id(name: …, type: …, account.id: …)`: at least one field is present; absent fields match anything. */
export interface NodeId {
  readonly kind: 'node-id';
  readonly name?: string;
  readonly type?: string;
  readonly accountId?: string;
  readonly position: SourceSpan;
}

/** How `service()` and `edge()` point at a node. */
export type NodeRef = NodeName | NodeId;

/** `service([node]) [{ filter }]`; no node means any node of the trace. */
export interface ServiceTerm {
  readonly kind: 'service';
  readonly node?: NodeRef;
  readonly filter?: FilterExpression;
  readonly position: SourceSpan;
}

/** `edge(source, target) [{ filter }]`: a call from `source` to `target`. */
export interface EdgeTerm {
  readonly kind: 'edge';
  readonly source: NodeRef;
  readonly target: NodeRef;
  readonly filter?: FilterExpression;
  readonly position: SourceSpan;
}

/** Which root-cause list of the trace summary a `rootcause.*` term walks. */
export type RootCauseKind = 'fault' | 'error' | 'responsetime';
/** Which elements of those root causes the sub-filter sees. */
export type RootCauseLevel = 'service' | 'entity' | 'exception';

/** `rootcause.KIND.LEVEL { filter }`: some element at that level satisfies the filter. */
export interface RootCauseTerm {
  readonly kind: 'rootcause';
  readonly cause: RootCauseKind;
  readonly level: RootCauseLevel;
  readonly filter: FilterExpression;
  readonly position: SourceSpan;
}

/** A JSON value as `JSON.parse` returns it. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** `rootcause.json = #[ … ]`: the root causes match the pattern (API field names, omitted = any). */
export interface RootCauseJsonTerm {
  readonly kind: 'rootcause-json';
  readonly pattern: readonly JsonValue[];
  readonly position: SourceSpan;
}
