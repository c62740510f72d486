import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTraceHeader, parseTraceHeader, TRACE_HEADER_NAME } from './trace-header.ts';

const ROOT = '1-5759e988-bd862e3fe1be46a994272793';

test('the header name is X-Ray’s', () => {
  assert.equal(TRACE_HEADER_NAME, 'X-Amzn-Trace-Id');
});

test('the reference examples parse and format back unchanged', () => {
  const examples = [
    `Root=${ROOT};Sampled=1`,
    `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=1`,
    `Root=${ROOT};Sampled=1;Lineage=a87bd80c:1|68fd508a:5`,
  ];
  assert.deepEqual(parseTraceHeader(examples[1]!), {
    root: ROOT,
    parent: '53995c3f42cd8ad8',
    sampled: '1',
    extra: {},
  });
  assert.deepEqual(parseTraceHeader(examples[2]!), {
    root: ROOT,
    sampled: '1',
    lineage: 'a87bd80c:1|68fd508a:5',
    extra: {},
  });
  for (const example of examples) assert.equal(formatTraceHeader(parseTraceHeader(example)), example);
});

test('keys match in any case, whitespace is trimmed, empty and key-less pairs are dropped', () => {
  const header = parseTraceHeader(
    `  root = ${ROOT} ;;PARENT=53995c3f42cd8ad8; sampled=? ;=x;Foo=;noequals; Bar = baz `,
  );
  assert.deepEqual(header, { root: ROOT, parent: '53995c3f42cd8ad8', sampled: '?', extra: { Bar: 'baz' } });
});

test('Self is reserved and dropped; an unknown Sampled value is dropped; values keep later "="', () => {
  const header = parseTraceHeader(`Self=1-67891233-abcdef012345678912345678;Root=${ROOT};Sampled=yes;Token=a==`);
  assert.deepEqual(header, { root: ROOT, extra: { Token: 'a==' } });
});

test('a repeated key keeps its last value', () => {
  assert.deepEqual(parseTraceHeader('Root=a;Root=b;K=1;K=2'), { root: 'b', extra: { K: '2' } });
});

test('extra data is capped at 256 UTF-8 bytes of keys and values', () => {
  const pairs = Array.from({ length: 40 }, (_, index) => `k${String(index).padStart(2, '0')}=${'v'.repeat(7)}`);
  const header = parseTraceHeader(pairs.join(';'));
  const bytes = Object.entries(header.extra).reduce((sum, [key, value]) => sum + key.length + value.length, 0);
  assert.equal(Object.keys(header.extra).length, 25); // 25 × 10 bytes fit, the 26th would not
  assert.ok(bytes <= 256);
  // Multi-byte characters count by their UTF-8 size: 100 × "é" is 200 bytes, too big twice.
  const wide = parseTraceHeader(`A=${'é'.repeat(100)};B=${'é'.repeat(100)}`);
  assert.deepEqual(Object.keys(wide.extra), ['A']);
});

test('nasty input never throws and never pollutes prototypes', () => {
  const nasty = [
    '',
    ';;;',
    '===',
    'Root',
    '__proto__=x;constructor=y',
    '\u0000=\u0000',
    'Root=\r\nEvil: 1',
    '=;='.repeat(1000),
  ];
  for (const input of nasty) {
    const header = parseTraceHeader(input);
    assert.equal(typeof header.extra, 'object');
  }
  const proto = parseTraceHeader('__proto__=polluted');
  assert.equal(Object.getPrototypeOf(proto.extra), Object.prototype);
  assert.equal(Object.getOwnPropertyDescriptor(proto.extra, '__proto__')?.value, 'polluted');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  // Headers can arrive as arrays from some HTTP stacks; a non-string gives an empty header.
  assert.deepEqual(parseTraceHeader(['Root=x'] as unknown as string), { extra: {} });
});

test('format writes Root;Parent;Sampled then Lineage and extra, and can leave the extra out', () => {
  const header = { root: ROOT, parent: '53995c3f42cd8ad8', sampled: '0' as const, lineage: 'l:1', extra: { K: 'v' } };
  assert.equal(formatTraceHeader(header), `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0;Lineage=l:1;K=v`);
  assert.equal(formatTraceHeader(header, { includeExtra: false }), `Root=${ROOT};Parent=53995c3f42cd8ad8;Sampled=0`);
  assert.equal(formatTraceHeader({ extra: {} }), '');
});

test('format leaves out fields that would break or inject into the header', () => {
  const header = {
    root: ROOT,
    extra: { 'a;b': '1', 'c=d': '2', good: 'x;Root=evil', crlf: 'x\r\nSet-Cookie: a', root: 'shadow', ok: 'fine' },
  };
  assert.equal(formatTraceHeader(header), `Root=${ROOT};ok=fine`);
});
