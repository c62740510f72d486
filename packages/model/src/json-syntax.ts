/**
 * A JSON syntax check that runs before `JSON.parse`. It bounds bracket nesting without recursion, so
 * no later recursive walk of the parsed value (and no engine whose `JSON.parse` recurses) can run out
 * of stack, and it reports where the first error is in the same words on every JavaScript engine,
 * which `JSON.parse` messages do not.
 */

/** The first thing wrong with a JSON text. */
export interface JsonSyntaxProblem {
  /** `depth`: brackets nested deeper than allowed; `syntax`: anything `JSON.parse` would refuse. */
  kind: 'syntax' | 'depth';
  /** Index into the text (UTF-16 units) where the problem starts. */
  offset: number;
  /** Plain words, with line and column (both 1-based). */
  message: string;
}

type State = 'value' | 'key' | 'after';

// Character codes: the scanner compares numbers, never one-character strings, to stay linear and
// fast on every engine.
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const LOWER_U = 0x75;
const FIRST_PRINTABLE = 0x20;

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';
const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERALS = ['true', 'false', 'null'] as const;

/**
 * Finds the first syntax error in `text`, or nesting of `[` / `{` deeper than `maxDepth`; `undefined`
 * means `JSON.parse(text)` will succeed. No recursion, so any depth of input is safe to scan.
 */
export function findJsonSyntaxProblem(text: string, maxDepth: number): JsonSyntaxProblem | undefined {
  // Closing bracket codes, as a preallocated stack: `depth` entries are live. No bracket can be
  // opened beyond the text's length, so that bounds the allocation as well as `maxDepth` does.
  const closers = new Uint8Array(Math.max(0, Math.min(maxDepth, text.length)));
  let depth = 0;
  let state: State = 'value';
  let pos = skipWhitespace(text, 0);
  for (;;) {
    const code = text.charCodeAt(pos); // NaN past the end
    if (state === 'after') {
      if (depth === 0) {
        return pos >= text.length ? undefined : syntax(text, pos, 'more text after the end of the JSON value');
      }
      const closer = closers[depth - 1] ?? 0;
      if (code === COMMA) {
        state = closer === CLOSE_BRACE ? 'key' : 'value';
        pos = skipWhitespace(text, pos + 1);
      } else if (code === closer) {
        depth -= 1;
        pos = skipWhitespace(text, pos + 1);
      } else {
        return syntax(text, pos, `expected "," or "${String.fromCharCode(closer)}"`);
      }
    } else if (state === 'key') {
      if (code !== QUOTE) return syntax(text, pos, 'expected a property name in double quotes');
      const end = scanString(text, pos);
      if (typeof end !== 'number') return end;
      pos = skipWhitespace(text, end);
      if (text.charCodeAt(pos) !== COLON) return syntax(text, pos, 'expected ":" after the property name');
      pos = skipWhitespace(text, pos + 1);
      state = 'value';
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      if (depth >= maxDepth) {
        return { kind: 'depth', offset: pos, message: `brackets nest deeper than ${maxDepth} levels ${at(text, pos)}` };
      }
      const closer = code === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
      closers[depth] = closer;
      depth += 1;
      pos = skipWhitespace(text, pos + 1);
      if (text.charCodeAt(pos) === closer) {
        depth -= 1;
        pos = skipWhitespace(text, pos + 1);
        state = 'after';
      } else {
        state = code === OPEN_BRACE ? 'key' : 'value';
      }
    } else {
      const end = scanScalar(text, pos, code);
      if (typeof end !== 'number') return end;
      pos = skipWhitespace(text, end);
      state = 'after';
    }
  }
}

function scanScalar(text: string, pos: number, code: number): number | JsonSyntaxProblem {
  if (code === QUOTE) return scanString(text, pos);
  if (code === MINUS || (code >= DIGIT_0 && code <= DIGIT_9)) {
    NUMBER.lastIndex = pos;
    const match = NUMBER.exec(text);
    return match === null ? syntax(text, pos, 'malformed number') : pos + match[0].length;
  }
  for (const literal of LITERALS) {
    if (text.startsWith(literal, pos)) return pos + literal.length;
  }
  return syntax(text, pos, 'expected a value');
}

/** `pos` is at the opening quote; returns the index after the closing one. */
function scanString(text: string, pos: number): number | JsonSyntaxProblem {
  let index = pos + 1;
  for (;;) {
    const code = text.charCodeAt(index);
    if (Number.isNaN(code)) return syntax(text, pos, 'string is never closed');
    if (code === QUOTE) return index + 1;
    if (code < FIRST_PRINTABLE) return syntax(text, index, 'control character inside a string (escape it)');
    if (code === BACKSLASH) {
      const escaped = text.charCodeAt(index + 1);
      if (escaped === LOWER_U) {
        if (!HEX4.test(text.slice(index + 2, index + 6))) return syntax(text, index, 'malformed \\u escape');
        index += 6;
        continue;
      }
      if (Number.isNaN(escaped) || !SIMPLE_ESCAPES.includes(String.fromCharCode(escaped))) {
        return syntax(text, index, 'unknown escape');
      }
      index += 2;
      continue;
    }
    index += 1;
  }
}

/** JSON whitespace is exactly space, tab, line feed and carriage return. */
function skipWhitespace(text: string, pos: number): number {
  let index = pos;
  for (;;) {
    const code = text.charCodeAt(index);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return index;
    index += 1;
  }
}

function syntax(text: string, offset: number, what: string): JsonSyntaxProblem {
  const char = text[offset];
  const found = char === undefined ? 'the end of the input' : JSON.stringify(char);
  return { kind: 'syntax', offset, message: `${what}, found ${found} ${at(text, offset)}` };
}

/** "at line L, column C (offset N)", counting `\n` as the line break. */
function at(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return `at line ${line}, column ${offset - lineStart + 1} (offset ${offset})`;
}
