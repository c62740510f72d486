/**
 * Sets of strings held in one VARCHAR column, so that "the trace has service x" is a substring test:
 * `contains(column, needle)` over short text runs 10–50 times faster in DuckDB than `list_contains`
 * on a `VARCHAR[]` or a semi-join on a side table, and a VARCHAR appends 13 times faster than a list
 * (measured on 1,000,000 rows; see the README).
 *
 * Layout: `\x01` + tokens joined by `\x01` + `\x01` (the empty set is ''). A token is a string with
 * `\x01`, `\x02` and `\x03` escaped as `\x02` followed by the character + 0x10, so a token never holds
 * a separator and the escaping is reversible; `needleOf(token)` therefore matches whole tokens only.
 * A pair token joins two escaped strings with `\x03`, which neither can hold.
 */

const SEPARATOR = '\u0001';
const PAIR = '\u0003';
// Escaping \x02 first keeps the escapes added for \x01 and \x03 from being escaped again; undoing
// \x02\x12 last keeps a restored \x02 from pairing with the character after it.
const ESCAPE_SEPARATOR: readonly [string, string] = ['\u0001', '\u0002\u0011'];
const ESCAPE_ESCAPE: readonly [string, string] = ['\u0002', '\u0002\u0012'];
const ESCAPE_PAIR: readonly [string, string] = ['\u0003', '\u0002\u0013'];
const ESCAPES = [ESCAPE_ESCAPE, ESCAPE_SEPARATOR, ESCAPE_PAIR];
const UNESCAPES = [ESCAPE_SEPARATOR, ESCAPE_PAIR, ESCAPE_ESCAPE];

/** The token of one string: the string with the three control characters escaped. */
export function tokenOf(text: string): string {
  return ESCAPES.reduce((escaped, [raw, pair]) => escaped.replaceAll(raw, pair), text);
}

/** The token of an ordered pair of strings (an edge's source and target). */
export function pairTokenOf(first: string, second: string): string {
  return tokenOf(first) + PAIR + tokenOf(second);
}

/** The column text of a list of tokens, order and duplicates kept. */
export function tokenSetText(tokens: readonly string[]): string {
  return tokens.length === 0 ? '' : SEPARATOR + tokens.join(SEPARATOR) + SEPARATOR;
}

/** The column text of a list of strings (each made a token). */
export function stringSetText(values: readonly string[]): string {
  return tokenSetText(values.map(tokenOf));
}

/** The text `contains(column, …)` looks for to find `token` as a whole element. */
export function needleOf(token: string): string {
  return SEPARATOR + token + SEPARATOR;
}

/** The strings of a column written by `stringSetText`, in order. */
export function stringsOfSetText(text: string): string[] {
  if (text === '') return [];
  return text
    .slice(1, -1)
    .split(SEPARATOR)
    .map((token) => UNESCAPES.reduce((text, [raw, pair]) => text.replaceAll(pair, raw), token));
}

/**
 * A DuckDB expression of the `VARCHAR[]` held by a string-set column, for the rare tests that need
 * each element (`hasUser` with an ordering or text operator). No string literal, so no quoting.
 */
export function decodedListSql(column: string): string {
  const unescape = (x: string): string =>
    [0x11, 0x13, 0x12].reduce((inner, code) => `replace(${inner}, chr(2) || chr(${code}), chr(${code - 0x10}))`, x);
  return `list_transform(string_split(${column}, chr(1))[2:-2], lambda t: ${unescape('t')})`;
}
