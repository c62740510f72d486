/**
 * @roentgen/filter — X-Ray's filter-expression language: parse and check (`parseFilterExpression`),
 * print canonically, tokenize for highlighting, evaluate against one trace's facts, and parse the
 * `EntitySelectorExpression` of GetTimeSeriesServiceStatistics. Browser-safe: no `node:` imports.
 */
export type {
  AndExpression,
  AnnotationTerm,
  BooleanLiteral,
  Comparison,
  ComparisonOperator,
  EdgeTerm,
  FilterExpression,
  GroupTerm,
  JsonValue,
  KeywordTerm,
  Literal,
  NodeId,
  NodeName,
  NodeRef,
  NotExpression,
  NumberLiteral,
  OrExpression,
  RootCauseJsonTerm,
  RootCauseKind,
  RootCauseLevel,
  RootCauseTerm,
  ServiceTerm,
  StringLiteral,
} from './ast.ts';
export type { SourceSpan } from './source-span.ts';
export { FilterCheckError, FilterExpressionError, FilterSyntaxError } from './filter-error.ts';
export type { FilterParseResult } from './parse-filter-expression.ts';
export { parseFilterExpression, tryParseFilterExpression } from './parse-filter-expression.ts';
export { printFilterExpression } from './printer.ts';
export { withoutPositions } from './without-positions.ts';
export type { FilterComplexKeyword, FilterKeyword, FilterScope, FilterValueType } from './keywords.ts';
export { FILTER_COMPLEX_KEYWORDS, FILTER_KEYWORDS, FILTER_SCOPES } from './keywords.ts';
export type { FilterToken, FilterTokenKind } from './highlight-tokens.ts';
export { tokenizeFilterExpression } from './highlight-tokens.ts';
export type { EntitySelector } from './entity-selector.ts';
export { MAX_ENTITY_SELECTOR_LENGTH, parseEntitySelector } from './entity-selector.ts';
export { MAX_NESTING_DEPTH } from './token-stream.ts';
export { evaluateFilter } from './evaluate.ts';
export type {
  AnnotationValue,
  CallFacts,
  EdgeFacts,
  GroupFacts,
  HttpFacts,
  NodeIdentity,
  RootCauseEntityFacts,
  RootCauseExceptionFacts,
  RootCauseFacts,
  RootCauseServiceFacts,
  RootCausesFacts,
  ServiceFacts,
  TraceFacts,
} from './trace-facts.ts';
