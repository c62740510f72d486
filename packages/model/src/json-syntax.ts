/**
 * A JSON syntax check that runs before `JSON.parse`. It bounds bracket nesting without recursion (a
 * deep enough document would otherwise exhaust the stack inside `JSON.parse`), and it reports where
 * the first error is in the same words on every JavaScript engine, which `JSON.parse` messages do not.
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

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPABLE = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;
const LITERALS = ['true', 'false', 'null'] as const;

/**
 * Finds the first syntax error in `text`, or nesting of `[` / `{` deeper than `maxDepth`; `undefined`
 * means `JSON.parse(text)` will succeed. Linear time, constant stack.
 */
export function findJsonSyntaxProblem(text: string, maxDepth: number): JsonSyntaxProblem | undefined {
  const closers: string[] = [];
  let state: State = 'value';
  let pos = skipWhitespace(text, 0);
  for (;;) {
    const char = text[pos];
    if (state === 'after') {
      const closer = closers.at(-1);
      if (closer === undefined) {
        return char === undefined ? undefined : syntax(text, pos, 'more text after the end of the JSON value');
      }
      if (char === ',') {
        state = closer === '}' ? 'key' : 'value';
        pos = skipWhitespace(text, pos + 1);
      } else if (char === closer) {
        closers.pop();
        pos = skipWhitespace(text, pos + 1);
      } else {
        return syntax(text, pos, `expected "," or "${closer}"`);
      }
    } else if (state === 'key') {
      if (char !== '"') return syntax(text, pos, 'expected a property name in double quotes');
      const end = scanString(text, pos);
      if (typeof end !== 'number') return end;
      pos = skipWhitespace(text, end);
      if (text[pos] !== ':') return syntax(text, pos, 'expected ":" after the property name');
      pos = skipWhitespace(text, pos + 1);
      state = 'value';
    } else if (char === '{' || char === '[') {
      if (closers.length >= maxDepth) {
        return { kind: 'depth', offset: pos, message: `brackets nest deeper than ${maxDepth} levels ${at(text, pos)}` };
      }
      const closer = char === '{' ? '}' : ']';
      closers.push(closer);
      pos = skipWhitespace(text, pos + 1);
      if (text[pos] === closer) {
        closers.pop();
        pos = skipWhitespace(text, pos + 1);
        state = 'after';
      } else {
        state = char === '{' ? 'key' : 'value';
      }
    } else {
      const end = scanScalar(text, pos);
      if (typeof end !== 'number') return end;
      pos = skipWhitespace(text, end);
      state = 'after';
    }
  }
}

function scanScalar(text: string, pos: number): number | JsonSyntaxProblem {
  const char = text[pos];
  if (char === '"') return scanString(text, pos);
  if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
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
    const char = text[index];
    if (char === undefined) return syntax(text, pos, 'string is never closed');
    if (char === '"') return index + 1;
    if (char < ' ') return syntax(text, index, 'control character inside a string (escape it)');
    if (char === '\\') {
      const escaped = text[index + 1];
      if (escaped === 'u') {
        if (!HEX4.test(text.slice(index + 2, index + 6))) return syntax(text, index, 'malformed \\u escape');
        index += 6;
        continue;
      }
      if (escaped === undefined || !ESCAPABLE.has(escaped)) return syntax(text, index, 'unknown escape');
      index += 2;
      continue;
    }
    index += 1;
  }
}

function skipWhitespace(text: string, pos: number): number {
  let index = pos;
  while (WHITESPACE.has(text[index] ?? '')) index += 1;
  return index;
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
