/**
 * Histograms as stored in the graph tables: a BLOB of little-endian int32 pairs (millisecond, count),
 * ascending by millisecond, entries of zero left out. Merging a window's histograms is then a walk
 * over typed arrays in JavaScript: a one-hour map over a million traces merges about a million
 * entries from some 13,000 rows in milliseconds, where casting JSON text to maps in SQL took 0.3 s
 * and more (ADR 0008).
 */
import type { Histogram } from '@roentgen/storage';

const PAIR_BYTES = 8;

/** The stored form of `histogram`. */
export function packHistogram(histogram: Histogram): Uint8Array {
  const millis: number[] = [];
  // Integer keys enumerate in ascending order, except the sentinel `emptyHistogram` adds (which is 0).
  for (const key in histogram) {
    if (histogram[key as unknown as number] !== 0) millis.push(Number(key));
  }
  const packed = new Int32Array(millis.length * 2);
  millis.forEach((ms, i) => {
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0x7fffffff)
      throw new RangeError(`histogram key ${ms} is not whole ms`);
    packed[2 * i] = ms;
    packed[2 * i + 1] = histogram[ms] as number;
  });
  return littleEndianBytes(packed);
}

/**
 * Sums stored histograms into one; entries that sum to zero are dropped. `blobs` may come straight
 * from DuckDB (any byte offset), and each may be several stored histograms concatenated (SQL joins a
 * group's blobs into one, which costs far less to hand to JavaScript than a list of them). Sums go into a dense scratch array indexed by millisecond (a Map
 * costs several times more per entry); keys past `DENSE_LIMIT_MS` take the Map.
 */
export function mergePackedHistograms(blobs: readonly Uint8Array[]): Histogram {
  const all = blobs.map(int32Pairs);
  // Every key is looked at: a concatenation of sorted histograms is not sorted itself.
  let largest = -1;
  for (const pairs of all) {
    for (let i = 0; i < pairs.length; i += 2) if ((pairs[i] as number) > largest) largest = pairs[i] as number;
  }
  if (largest >= DENSE_LIMIT_MS) return mergeSparse(all);
  const { sums, stamps } = scratchFor(largest);
  const generation = nextGeneration();
  const touched: number[] = [];
  let ascending = true;
  for (const pairs of all) {
    for (let i = 0; i < pairs.length; i += 2) {
      const ms = pairs[i] as number;
      if (stamps[ms] === generation) sums[ms] = (sums[ms] as number) + (pairs[i + 1] as number);
      else {
        stamps[ms] = generation;
        sums[ms] = pairs[i + 1] as number;
        if (touched.length > 0 && ms < (touched[touched.length - 1] as number)) ascending = false;
        touched.push(ms);
      }
    }
  }
  return histogramOf(touched, !ascending, (ms) => sums[ms] as number);
}

function mergeSparse(all: readonly Int32Array[]): Histogram {
  const sums = new Map<number, number>();
  for (const pairs of all) {
    for (let i = 0; i < pairs.length; i += 2) {
      const ms = pairs[i] as number;
      sums.set(ms, (sums.get(ms) ?? 0) + (pairs[i + 1] as number));
    }
  }
  return histogramOf([...sums.keys()], true, (ms) => sums.get(ms) as number);
}

// Keys are set in ascending order, so the object keeps fast elements; one stored histogram is sorted
// already, several are ordered by one numeric sort of their distinct keys.
function histogramOf(keys: number[], needsSort: boolean, countOf: (ms: number) => number): Histogram {
  const ordered = needsSort ? Int32Array.from(keys).sort() : keys;
  // A plain object: read-side histograms are few and large, where V8's fast elements pay off.
  const merged: Histogram = {};
  for (const ms of ordered) {
    const count = countOf(ms);
    if (count !== 0) merged[ms] = count;
  }
  return merged;
}

/** Ten minutes: response times beyond it are rare enough for the Map. */
const DENSE_LIMIT_MS = 600_000;
let scratchSums = new Float64Array(0);
let scratchStamps = new Uint32Array(0);
let generation = 0;

function scratchFor(largest: number): { sums: Float64Array; stamps: Uint32Array } {
  if (scratchSums.length <= largest) {
    const size = Math.min(DENSE_LIMIT_MS, Math.max(largest + 1, 2 * scratchSums.length, 4096));
    scratchSums = new Float64Array(size);
    scratchStamps = new Uint32Array(size);
    generation = 0;
  }
  return { sums: scratchSums, stamps: scratchStamps };
}

function nextGeneration(): number {
  generation += 1;
  if (generation === 0xffffffff) {
    scratchStamps.fill(0);
    generation = 1;
  }
  return generation;
}

/** The pairs of a stored histogram as int32s; checked, so that a damaged row fails loudly. */
function int32Pairs(blob: Uint8Array): Int32Array {
  if (blob.byteLength % PAIR_BYTES !== 0) {
    throw new RangeError(`a stored histogram of ${blob.byteLength} bytes is not a whole number of entries`);
  }
  if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0)
    return new Int32Array(blob.buffer, blob.byteOffset, blob.byteLength / 4);
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
