/**
 * Histograms as stored in the graph tables: a BLOB of little-endian int32 pairs (millisecond, count),
 * ascending by millisecond, entries of zero left out. Merging a window's histograms is then a walk
 * over typed arrays in JavaScript: a one-hour map over a million traces merges about a million
 * entries from some 13,000 rows in milliseconds, where casting JSON text to maps in SQL took 0.3 s
 * and more (ADR 0008).
 */
import type { Histogram, SortedHistogram } from '@roentgen/storage';
import { HistogramAccumulator, sortHistogram } from '@roentgen/storage';

const PAIR_BYTES = 8;

/** The stored form of `histogram` (a delta's record or a window sum's arrays). */
export function packHistogram(histogram: Histogram | SortedHistogram): Uint8Array {
  if (isSorted(histogram)) {
    const { millis, counts } = histogram;
    const packed = new Int32Array(millis.length * 2);
    for (let i = 0; i < millis.length; i++) {
      packed[2 * i] = millis[i] as number;
      packed[2 * i + 1] = counts[i] as number;
    }
    return littleEndianBytes(packed);
  }
  // A record's integer keys enumerate in ascending order; one pass collects them (deltas are written on
  // the ingest thread, so no intermediate arrays).
  const keys: number[] = [];
  for (const key in histogram) {
    if (histogram[key as unknown as number] !== 0) keys.push(Number(key));
  }
  const packed = new Int32Array(keys.length * 2);
  let previous = -1;
  for (let i = 0; i < keys.length; i++) {
    const ms = keys[i] as number;
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0x7fffffff || ms <= previous) {
      return packHistogram(sortHistogram(histogram));
    }
    packed[2 * i] = ms;
    packed[2 * i + 1] = histogram[ms] as number;
    previous = ms;
  }
  return littleEndianBytes(packed);
}

function isSorted(histogram: Histogram | SortedHistogram): histogram is SortedHistogram {
  return (histogram as Partial<SortedHistogram>).millis instanceof Int32Array;
}

/**
 * Sums stored histograms into one; entries that sum to zero are dropped. `blobs` may come straight
 * from DuckDB (any byte offset), and each may be several stored histograms concatenated (SQL joins a
 * group's blobs into one, which costs far less to hand to JavaScript than a list of them).
 */
export function mergePackedHistograms(blobs: readonly Uint8Array[]): SortedHistogram {
  if (blobs.length === 1) {
    // The usual case since compaction: one stored histogram, already ascending, nothing to sum.
    const single = asStored(int32Pairs(blobs[0] as Uint8Array));
    if (single !== undefined) return single;
  }
  const sum = new HistogramAccumulator();
  for (const blob of blobs) {
    const pairs = int32Pairs(blob);
    for (let i = 0; i < pairs.length; i += 2) sum.add(pairs[i] as number, pairs[i + 1] as number);
  }
  return sum.take();
}

/** The pairs as a sorted histogram if they are one: keys strictly ascending, no zero count. */
function asStored(pairs: Int32Array): SortedHistogram | undefined {
  const length = pairs.length / 2;
  const millis = new Int32Array(length);
  const counts = new Float64Array(length);
  let previous = -1;
  for (let i = 0; i < length; i++) {
    const ms = pairs[2 * i] as number;
    const count = pairs[2 * i + 1] as number;
    if (ms <= previous || count === 0) return undefined;
    millis[i] = ms;
    counts[i] = count;
    previous = ms;
  }
  return { millis, counts };
}

/** The pairs of a stored histogram as int32s; checked, so that a damaged row fails loudly. */
function int32Pairs(blob: Uint8Array): Int32Array {
  if (blob.byteLength % PAIR_BYTES !== 0) {
    throw new RangeError(`a stored histogram of ${blob.byteLength} bytes is not a whole number of entries`);
  }
  if (LITTLE_ENDIAN) {
    // DuckDB hands out blobs at any byte offset; an unaligned one is copied (one memcpy) to be viewed.
    const aligned = blob.byteOffset % 4 === 0 ? blob : blob.slice();
    return new Int32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  }
  const view = new DataView(blob.buffer, blob.byteOffset, blob.byteLength);
  const pairs = new Int32Array(blob.byteLength / 4);
  for (let i = 0; i < pairs.length; i++) pairs[i] = view.getInt32(i * 4, true);
  return pairs;
}

function littleEndianBytes(values: Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  const bytes = new Uint8Array(values.byteLength);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setInt32(i * 4, value, true));
  return bytes;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
