import type { SourceSpan } from './source-span.ts';
import { SourceLocator } from './source-span.ts';

/**
 * What the lexer sees. Keywords, logical words (`AND`), word operators (`CONTAINS`), `true`/`false`
 * and barewords are all `word`s: which one a word is depends on where it stands, so the parser
 * decides. A dotted path (`http.status`, `rootcause.fault.entity`, `api.example.com`) is one word.
 */
export type LexTokenKind = 'word' | 'string' | 'number' | 'json' | 'punctuation' | 'operator' | 'invalid' | 'eof';

/**
 * One token. `text` is the raw source; `value` is the decoded string for `string` tokens (escapes
 * resolved) and equals `text` otherwise. `invalid` tokens carry the reason in `error`; the lexer
 * never throws, so the same tokens serve the parser (which stops at the first invalid one) and
 * syntax highlighting (which shows it).
 */
export interface LexToken {
  readonly kind: LexTokenKind;
  readonly text: string;
  readonly value: string;
  readonly span: SourceSpan;
  readonly error?: string;
}

/** JSON literals nested deeper than this are refused so later stages never recurse without bound. */
export const MAX_JSON_DEPTH = 64;

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;
const WHITESPACE = /\s/;

/** Splits a filter expression into tokens, always ending with one `eof` token. */
export function lex(text: string, locator: SourceLocator = new SourceLocator(text)): LexToken[] {
  const tokens: LexToken[] = [];
  let at = 0;
  while (at < text.length) {
    const ch = text[at] ?? '';
    if (WHITESPACE.test(ch)) {
      at++;
      continue;
    }
    const scanned = scanToken(text, at);
    const token: LexToken = {
      kind: scanned.kind,
      text: text.slice(at, scanned.end),
      value: scanned.value ?? text.slice(at, scanned.end),
      span: locator.span(at, scanned.end - at),
      ...(scanned.error === undefined ? {} : { error: scanned.error }),
    };
    tokens.push(token);
    at = scanned.end;
  }
  tokens.push({ kind: 'eof', text: '', value: '', span: locator.span(text.length, 0) });
  return tokens;
}

interface Scanned {
  kind: LexTokenKind;
  end: number;
  value?: string;
  error?: string;
}

function scanToken(text: string, start: number): Scanned {
  const ch = text[start] ?? '';
  const next = text[start + 1] ?? '';
  if (WORD_START.test(ch)) return { kind: 'word', end: scanWord(text, start) };
  if (DIGIT.test(ch) || (ch === '-' && DIGIT.test(next))) return { kind: 'number', end: scanNumber(text, start) };
  if (ch === '"') return scanString(text, start);
  if (ch === '#') return scanJson(text, start);
  if ('(){},:.'.includes(ch)) return { kind: 'punctuation', end: start + 1 };
  if (ch === '!' || ch === '<' || ch === '>') {
    if (next === '=') return { kind: 'operator', end: start + 2 };
    return { kind: ch === '!' ? 'punctuation' : 'operator', end: start + 1 };
  }
  if (ch === '=') return { kind: 'operator', end: start + 1 };
  const codePoint = String.fromCodePoint(text.codePointAt(start) ?? 0);
  return { kind: 'invalid', end: start + codePoint.length, error: `Unexpected character '${codePoint}'.` };
}

function scanWord(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    while (WORD_PART.test(text[at] ?? '')) at++;
    // A dot continues the word only when a word character follows, so `annotation.` stops before it.
    if (text[at] === '.' && WORD_PART.test(text[at + 1] ?? '')) at += 1;
    else return at;
  }
}

function scanNumber(text: string, start: number): number {
  let at = start + 1;
  while (DIGIT.test(text[at] ?? '')) at++;
  if (text[at] === '.' && DIGIT.test(text[at + 1] ?? '')) {
    at += 1;
    while (DIGIT.test(text[at] ?? '')) at++;
  }
  const sign = text[at + 1] === '+' || text[at + 1] === '-' ? 1 : 0;
  if ((text[at] === 'e' || text[at] === 'E') && DIGIT.test(text[at + 1 + sign] ?? '')) {
    at += 1 + sign;
    while (DIGIT.test(text[at] ?? '')) at++;
  }
  return at;
}

function scanString(text: string, start: number): Scanned {
  let value = '';
  let at = start + 1;
  while (at < text.length) {
    const ch = text[at] ?? '';
    if (ch === '"') return { kind: 'string', end: at + 1, value };
    if (ch === '\\') {
      const escaped = text[at + 1] ?? '';
      if (escaped !== '"' && escaped !== '\\') {
        return {
          kind: 'invalid',
          end: at + 2,
          error: `Unknown escape '\\${escaped}' in string; only \\" and \\\\ exist.`,
        };
      }
      value += escaped;
      at += 2;
      continue;
    }
    value += ch;
    at++;
  }
  // Underline just the rest of the opening line: the whole remaining text would be noise.
  const lineEnd = text.slice(start).search(/[\r\n]/);
  const end = lineEnd === -1 ? text.length : start + lineEnd;
  return { kind: 'invalid', end, error: 'Unterminated string: a closing " is missing.' };
}

function scanJson(text: string, start: number): Scanned {
  let at = start + 1;
  while (WHITESPACE.test(text[at] ?? '')) at++;
  if (text[at] !== '[') return { kind: 'invalid', end: start + 1, error: "Expected a JSON array '#[ … ]' after '#'." };
  let depth = 0;
  let inString = false;
  for (; at < text.length; at++) {
    const ch = text[at];
    if (inString) {
      if (ch === '\\') at++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth++;
      if (depth > MAX_JSON_DEPTH) {
        return { kind: 'invalid', end: start + 1, error: `JSON literal nests deeper than ${MAX_JSON_DEPTH} levels.` };
      }
    } else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return { kind: 'json', end: at + 1 };
    }
  }
  return { kind: 'invalid', end: start + 1, error: "Unterminated JSON literal: a closing ']' is missing." };
}
