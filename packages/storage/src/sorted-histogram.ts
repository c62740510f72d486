/**
 * `SortedHistogram`s: the read side's histograms (parallel typed arrays, ascending milliseconds, no
 * zero counts). Stores build them from their own storage; the functions here convert the write
 * side's `Histogram` records and sum sorted ones.
 */
import type { Histogram, SortedHistogram } from './graph-stats.ts';

/** The histogram with no entries. Shared: sorted histograms are never changed in place. */
export const EMPTY_SORTED_HISTOGRAM: SortedHistogram = Object.freeze({
  millis: new Int32Array(0),
  counts: new Float64Array(0),
});

/** `histogram` as a sorted histogram; zero counts are left out. */
export function sortHistogram(histogram: Histogram): SortedHistogram {
  const keys: number[] = [];
  for (const key in histogram) {
    if (histogram[key as unknown as number] !== 0) keys.push(Number(key));
  }
  // Integer keys enumerate ascending already; the sort only guards keys V8 treats as strings.
  keys.sort((a, b) => a - b);
  const millis = new Int32Array(keys.length);
  const counts = new Float64Array(keys.length);
  keys.forEach((ms, i) => {
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0x7fffffff) {
      throw new RangeError(`histogram key ${ms} is not a whole number of milliseconds`);
    }
    millis[i] = ms;
    counts[i] = histogram[ms] as number;
  });
  return { millis, counts };
}

/** `histogram` as a record (milliseconds → count), for code that still speaks records. */
export function histogramRecord(histogram: SortedHistogram): Histogram {
  const record: Histogram = {};
  histogram.millis.forEach((ms, i) => (record[ms] = histogram.counts[i] as number));
  return record;
}

/** The entrywise sum of `histograms`; entries that sum to zero are dropped. */
export function sumSortedHistograms(histograms: readonly SortedHistogram[]): SortedHistogram {
  let only: SortedHistogram | undefined;
  let nonEmpty = 0;
  for (const histogram of histograms) {
    if (histogram.millis.length === 0) continue;
    nonEmpty++;
    only = histogram;
  }
  if (only === undefined) return EMPTY_SORTED_HISTOGRAM;
  if (nonEmpty === 1) return only;
  if (nonEmpty <= PAIRWISE_UP_TO) {
    // A few sorted runs (a window's three ranges): merging them in turn needs no scratch and no sort.
    let sum: SortedHistogram | undefined;
    for (const histogram of histograms) {
      if (histogram.millis.length > 0) sum = sum === undefined ? histogram : sumTwo(sum, histogram);
    }
    return sum as SortedHistogram;
  }
  const sum = new HistogramAccumulator();
  for (const histogram of histograms) sum.addSorted(histogram);
  return sum.take();
}

/** Up to this many runs are merged pairwise; more go through the accumulator. */
const PAIRWISE_UP_TO = 4;

function sumTwo(a: SortedHistogram, b: SortedHistogram): SortedHistogram {
  const am = a.millis;
  const ac = a.counts;
  const bm = b.millis;
  const bc = b.counts;
  const millis = new Int32Array(am.length + bm.length);
  const counts = new Float64Array(millis.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < am.length && j < bm.length) {
    const x = am[i] as number;
    const y = bm[j] as number;
    let ms: number;
    let count: number;
    if (x < y) {
      ms = x;
      count = ac[i++] as number;
    } else if (y < x) {
      ms = y;
      count = bc[j++] as number;
    } else {
      ms = x;
      count = (ac[i++] as number) + (bc[j++] as number);
    }
    if (count !== 0) {
      millis[n] = ms;
      counts[n++] = count;
    }
  }
  for (; i < am.length; i++) {
    millis[n] = am[i] as number;
    counts[n++] = ac[i] as number;
  }
  for (; j < bm.length; j++) {
    millis[n] = bm[j] as number;
    counts[n++] = bc[j] as number;
  }
  return { millis: millis.subarray(0, n), counts: counts.subarray(0, n) };
}

/**
 * Sums histogram entries in a dense scratch array indexed by millisecond, shared by every
 * accumulator (summing is synchronous, one at a time): a map's reply sums a million entries from
 * thousands of histograms, where a `Map` or pairwise merges cost several times more per entry.
 * Keys past `DENSE_LIMIT_MS` (ten minutes) and negative ones go to a `Map`.
 */
export class HistogramAccumulator {
  readonly #generation = nextGeneration();
  readonly #touched: number[] = [];
  #lowest = Infinity;
  #highest = -Infinity;
  #sparse: Map<number, number> | undefined;

  /** Adds one entry. */
  add(ms: number, count: number): void {
    if (ms >= DENSE_LIMIT_MS || ms < 0) {
      this.#sparse ??= new Map();
      this.#sparse.set(ms, (this.#sparse.get(ms) ?? 0) + count);
      return;
    }
    if (ms >= scratchSums.length) growScratch(ms);
    if (scratchStamps[ms] === this.#generation) {
      scratchSums[ms] = (scratchSums[ms] as number) + count;
      return;
    }
    scratchStamps[ms] = this.#generation;
    scratchSums[ms] = count;
    this.#touched.push(ms);
    if (ms < this.#lowest) this.#lowest = ms;
    if (ms > this.#highest) this.#highest = ms;
  }

  /** Adds every entry of `histogram`; the loop a map's reply spends its summing in. */
  addSorted(histogram: SortedHistogram): void {
    const { millis, counts } = histogram;
    const length = millis.length;
    if (length === 0) return;
    const first = millis[0] as number;
    const last = millis[length - 1] as number;
    if (first < 0 || last >= DENSE_LIMIT_MS) {
      for (let i = 0; i < length; i++) this.add(millis[i] as number, counts[i] as number);
      return;
    }
    if (last >= scratchSums.length) growScratch(last);
    const sums = scratchSums;
    const stamps = scratchStamps;
    const stamp = this.#generation;
    const touched = this.#touched;
    for (let i = 0; i < length; i++) {
      const ms = millis[i] as number;
      if (stamps[ms] === stamp) {
        sums[ms] = (sums[ms] as number) + (counts[i] as number);
      } else {
        stamps[ms] = stamp;
        sums[ms] = counts[i] as number;
        touched.push(ms);
      }
    }
    if (first < this.#lowest) this.#lowest = first;
    if (last > this.#highest) this.#highest = last;
  }

  /** The sum so far, ascending, zero sums left out. The accumulator must not be used after. */
  take(): SortedHistogram {
    if (this.#generation !== generation) throw new Error('a HistogramAccumulator was used after another began');
    const touched = this.#touched;
    const sparse = this.#sparse === undefined ? [] : [...this.#sparse.keys()].sort((a, b) => a - b);
    const millis = new Int32Array(touched.length + sparse.length);
    const counts = new Float64Array(millis.length);
    let kept = 0;
    const keepSparse = (ms: number): void => {
      const count = this.#sparse?.get(ms) as number;
      if (count === 0) return;
      millis[kept] = ms;
      counts[kept++] = count;
    };
    // Negative keys (never written by Roentgen) sort first, keys past the dense range last.
    for (const ms of sparse) if (ms < 0) keepSparse(ms);
    const stamp = this.#generation;
    const stamps = scratchStamps;
    const sums = scratchSums;
    const lowest = this.#lowest;
    const highest = this.#highest;
    if (touched.length > 0 && highest - lowest < 4 * touched.length) {
      // Dense enough: walking the scratch range in order is cheaper than sorting the keys.
      for (let ms = lowest; ms <= highest; ms++) {
        if (stamps[ms] !== stamp) continue;
        const count = sums[ms] as number;
        if (count === 0) continue;
        millis[kept] = ms;
        counts[kept++] = count;
      }
    } else {
      const keys = Int32Array.from(touched).sort();
      for (let i = 0; i < keys.length; i++) {
        const ms = keys[i] as number;
        const count = sums[ms] as number;
        if (count === 0) continue;
        millis[kept] = ms;
        counts[kept++] = count;
      }
    }
    for (const ms of sparse) if (ms >= 0) keepSparse(ms);
    return { millis: millis.subarray(0, kept), counts: counts.subarray(0, kept) };
  }
}

const DENSE_LIMIT_MS = 600_000;
let scratchSums = new Float64Array(4096);
let scratchStamps = new Uint32Array(4096);
let generation = 0;

function growScratch(ms: number): void {
  const size = Math.min(DENSE_LIMIT_MS, Math.max(ms + 1, 2 * scratchSums.length));
  const sums = new Float64Array(size);
  const stamps = new Uint32Array(size);
  sums.set(scratchSums);
  stamps.set(scratchStamps);
  scratchSums = sums;
  scratchStamps = stamps;
}

// Each accumulator marks the slots it wrote with its own generation, so nothing is cleared between sums.
function nextGeneration(): number {
  generation += 1;
  if (generation === 0xffffffff) {
    scratchStamps.fill(0);
    generation = 1;
  }
  return generation;
}
