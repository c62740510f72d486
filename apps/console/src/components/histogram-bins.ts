/**
 * Bins response times for drawing. X-Ray sends one entry per millisecond value; a person needs
 * about forty bars from zero to a round maximum.
 */
import type { HistogramEntry } from '../api/xray-types.ts';

export interface Bins {
  /** Seconds at the right edge of the axis (a round number at or above the largest value). */
  readonly max: number;
  readonly width: number;
  readonly counts: number[];
  readonly total: number;
}

const NICE = [1, 2, 2.5, 5, 10];

/** The smallest "round" number (1, 2, 2.5, 5 × 10^k) at or above `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE) if (step * power >= value) return step * power;
  return 10 * power;
}

/** Bins entries into `count` equal bins from 0 to a round maximum. */
export function binEntries(entries: readonly HistogramEntry[], count = 40): Bins {
  let largest = 0;
  for (const entry of entries) if (entry.Value > largest) largest = entry.Value;
  const max = niceCeiling(largest * 1.05);
  const width = max / count;
  const counts = new Array<number>(count).fill(0);
  let total = 0;
  for (const entry of entries) {
    const index = Math.min(count - 1, Math.max(0, Math.floor(entry.Value / width)));
    counts[index] = (counts[index] ?? 0) + entry.Count;
    total += entry.Count;
  }
  return { max, width, counts, total };
}

/** Turns raw response times (seconds) into histogram entries, one per millisecond value. */
export function entriesFromValues(values: readonly number[]): HistogramEntry[] {
  const byValue = new Map<number, number>();
  for (const value of values) {
    const rounded = Math.round(value * 1000) / 1000;
    byValue.set(rounded, (byValue.get(rounded) ?? 0) + 1);
  }
  return [...byValue].map(([Value, Count]) => ({ Value, Count }));
}

/** A brushed band, rounded to milliseconds so the written filter reads well. */
export interface Band {
  readonly low: number;
  readonly high: number;
}

export function roundBand(a: number, b: number): Band {
  const low = Math.max(0, Math.round(Math.min(a, b) * 1000) / 1000);
  const high = Math.round(Math.max(a, b) * 1000) / 1000;
  return { low, high };
}

/** Parses `band=LOW-HIGH` from a URL; undefined when absent or malformed. */
export function parseBand(text: string | null): Band | undefined {
  const match = /^(\d+(?:\.\d+)?)-(\d+(?:\.\d+)?)$/.exec(text ?? '');
  if (!match) return undefined;
  return roundBand(Number(match[1]), Number(match[2]));
}

export function formatBand(band: Band | undefined): string | undefined {
  return band ? `${band.low}-${band.high}` : undefined;
}
