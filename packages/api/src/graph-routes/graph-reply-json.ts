/**
 * Serializes a graph action's reply to UTF-8 JSON bytes, byte for byte what `JSON.stringify` would
 * give, except that `HistogramEntries` are written straight from their typed arrays. A one-hour map
 * at a million traces holds some 300,000 histogram entries: as `{ Value, Count }` objects fed to
 * `JSON.stringify` they cost more than reading and summing them (ADR 0009).
 */
import { HistogramEntries } from '@roentgen/service-map';

/** `value` as JSON bytes. Throws a `TypeError` where `JSON.stringify` would (a BigInt, a cycle). */
export function graphReplyJson(value: unknown): Uint8Array {
  const sink = new ByteSink(scratch);
  writeValue(sink, value, new Set());
  // The reply gets its own copy (one memcpy); the grown buffer is kept for the next reply, as a map
  // refreshed every few seconds would otherwise regrow (and zero) megabytes each time.
  if (sink.bytes.length <= MAX_KEPT_BYTES) scratch = sink.bytes;
  return sink.bytes.slice(0, sink.length);
}

const encoder = new TextEncoder();
/** Larger buffers are not kept between replies. */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;
let scratch: Uint8Array = new Uint8Array(64 * 1024);

class ByteSink {
  bytes: Uint8Array;
  length = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.length + extra, this.bytes.length * 2));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }

  /** Appends `text` as UTF-8; short ASCII text is copied by hand (cheaper than the encoder's call). */
  text(text: string): void {
    this.ensure(text.length * 3);
    if (text.length <= 64) {
      let ascii = true;
      for (let i = 0; i < text.length; i++) {
        if (text.charCodeAt(i) > 0x7f) {
          ascii = false;
          break;
        }
      }
      if (ascii) {
        for (let i = 0; i < text.length; i++) this.bytes[this.length++] = text.charCodeAt(i);
        return;
      }
    }
    this.length += encoder.encodeInto(text, this.bytes.subarray(this.length)).written;
  }
}

function writeValue(sink: ByteSink, value: unknown, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      sink.text(JSON.stringify(value));
      return;
    case 'number':
      sink.text(Number.isFinite(value) ? String(value) : 'null');
      return;
    case 'boolean':
      sink.text(value ? 'true' : 'false');
      return;
    case 'bigint':
      throw new TypeError('Do not know how to serialize a BigInt');
    case 'object':
      if (value === null) sink.text('null');
      else writeObject(sink, value, ancestors);
      return;
    case 'undefined':
    case 'function':
    case 'symbol':
      // `null` inside arrays; object members skip them before this.
      sink.text('null');
  }
}

function writeObject(sink: ByteSink, value: object, ancestors: Set<object>): void {
  if (value instanceof HistogramEntries) {
    writeHistogramEntries(sink, value);
    return;
  }
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    writeValue(sink, toJSON.call(value) as unknown, ancestors);
    return;
  }
  if (ancestors.has(value)) throw new TypeError('Converting circular structure to JSON');
  ancestors.add(value);
  if (Array.isArray(value)) {
    sink.text('[');
    value.forEach((item: unknown, i) => {
      if (i > 0) sink.text(',');
      writeValue(sink, item, ancestors);
    });
    sink.text(']');
  } else {
    sink.text('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
      sink.text(first ? JSON.stringify(key) + ':' : ',' + JSON.stringify(key) + ':');
      first = false;
      writeValue(sink, member, ancestors);
    }
    sink.text('}');
  }
  ancestors.delete(value);
}

const ENTRY_START = encoder.encode('{"Value":');
const ENTRY_COUNT = encoder.encode(',"Count":');
/** The longest entry: both prefixes, a ten-digit second count with a fraction, a 16-digit count. */
const MAX_ENTRY_BYTES = ENTRY_START.length + ENTRY_COUNT.length + 11 + 4 + 17 + 2;

// Values are whole milliseconds written as seconds: "1.234", "0.02", "3". JSON.stringify prints the
// shortest text that reads back as the same double, and for ms / 1000 that is exactly this decimal.
// The loop keeps the buffer and position in locals and uses int32 arithmetic: it runs 300,000 times
// for a one-hour map.
function writeHistogramEntries(sink: ByteSink, entries: HistogramEntries): void {
  const { millis, counts } = entries.histogram;
  sink.ensure(2 + millis.length * MAX_ENTRY_BYTES);
  const bytes = sink.bytes;
  let at = sink.length;
  bytes[at++] = 91; // '['
  for (let i = 0; i < millis.length; i++) {
    if (i > 0) bytes[at++] = 44; // ','
    for (let k = 0; k < ENTRY_START.length; k++) bytes[at++] = ENTRY_START[k] as number;
    const ms = millis[i] as number;
    const count = counts[i] as number;
    if (ms < 0 || !Number.isSafeInteger(count) || count < 0) {
      // Never written by Roentgen; a damaged stored histogram still serializes as JSON.stringify would.
      sink.length = at;
      sink.text(`${JSON.stringify(ms / 1000)},"Count":${JSON.stringify(count)}}`);
      at = sink.length;
      continue;
    }
    const seconds = (ms / 1000) | 0;
    const fraction = ms - seconds * 1000;
    at = writeDigits(bytes, at, seconds);
    if (fraction !== 0) {
      bytes[at++] = 46; // '.'
      bytes[at++] = 48 + ((fraction / 100) | 0);
      const rest = fraction % 100;
      if (rest !== 0) {
        bytes[at++] = 48 + ((rest / 10) | 0);
        if (rest % 10 !== 0) bytes[at++] = 48 + (rest % 10);
      }
    }
    for (let k = 0; k < ENTRY_COUNT.length; k++) bytes[at++] = ENTRY_COUNT[k] as number;
    at = writeDigits(bytes, at, count);
    bytes[at++] = 125; // '}'
  }
  bytes[at++] = 93; // ']'
  sink.length = at;
}

/** Writes the digits of a non-negative integer below 2^53 at `at`; returns the position after them. */
function writeDigits(bytes: Uint8Array, at: number, n: number): number {
  if (n < 10) {
    bytes[at] = 48 + n;
    return at + 1;
  }
  let width = 0;
  for (let rest = n; rest >= 1; rest = Math.floor(rest / 10)) width++;
  let end = at + width;
  const after = end;
  if (n < 0x80000000) {
    let rest = n | 0;
    while (rest > 0) {
      bytes[--end] = 48 + (rest % 10);
      rest = (rest / 10) | 0;
    }
  } else {
    let rest = n;
    while (rest > 0) {
      bytes[--end] = 48 + (rest % 10);
      rest = Math.floor(rest / 10);
    }
  }
  return after;
}
