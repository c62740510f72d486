import type { LexToken } from './lexer.ts';
import { lex } from './lexer.ts';
import { findKeyword } from './keywords.ts';

/** What a highlighted piece of an expression is. `invalid` pieces carry the reason in `error`. */
export type FilterTokenKind =
  | 'keyword'
  | 'annotation'
  | 'function'
  | 'logical'
  | 'operator'
  | 'string'
  | 'number'
  | 'boolean'
  | 'json'
  | 'punctuation'
  | 'identifier'
  | 'invalid';

/**
 * One highlighted piece. `offset`/`length` are UTF-16 indices (for slicing and editor ranges); `line`
 * and `column` are 1-based and count code points. `identifier` covers barewords, `id()` field names
 * and unknown words (the checker, not the highlighter, decides whether they are mistakes).
 */
export interface FilterToken {
  readonly kind: FilterTokenKind;
  readonly text: string;
  readonly offset: number;
  readonly length: number;
  readonly line: number;
  readonly column: number;
  readonly error?: string;
}

const LOGICAL = new Set(['and', 'or', 'not']);
const WORD_OPERATORS = new Set(['contains', 'beginswith', 'endswith']);
const FUNCTIONS = new Set(['service', 'edge', 'id']);

/**
 * Splits any text, however broken, into highlighted tokens in source order, without throwing.
 * Whitespace is not a token. Classification is by the word alone, so it is fast enough per keystroke.
 */
export function tokenizeFilterExpression(text: string): FilterToken[] {
  return lex(text)
    .filter((token) => token.kind !== 'eof')
    .map((token) => ({
      kind: classify(token),
      text: token.text,
      offset: token.span.offset,
      length: token.span.length,
      line: token.span.line,
      column: token.span.column,
      ...(token.error === undefined ? {} : { error: token.error }),
    }));
}

function classify(token: LexToken): FilterTokenKind {
  switch (token.kind) {
    case 'string':
    case 'number':
    case 'json':
    case 'invalid':
      return token.kind;
    case 'operator':
      return 'operator';
    case 'punctuation':
      return token.text === '!' ? 'logical' : 'punctuation';
    case 'eof':
      return 'invalid';
    case 'word':
      return classifyWord(token.text.toLowerCase());
  }
}

function classifyWord(word: string): FilterTokenKind {
  if (LOGICAL.has(word)) return 'logical';
  if (WORD_OPERATORS.has(word)) return 'operator';
  if (word === 'true' || word === 'false') return 'boolean';
  if (FUNCTIONS.has(word) || word.startsWith('rootcause.') || word === 'group.name' || word === 'group.arn') {
    return 'function';
  }
  if (word.startsWith('annotation.')) return 'annotation';
  return findKeyword(word) ? 'keyword' : 'identifier';
}
