/**
 * New histograms (`@roentgen/storage` `Histogram`: whole milliseconds → count) that stay small.
 */
import type { Histogram } from './graph-stats.ts';

/**
 * A new, empty histogram: an ordinary object, as the storage type says. Its keys are milliseconds,
 * which V8 treats as array indices; in a plain `{}` the first key (say 800) gets a contiguous
 * backing store up to it, kilobytes for a single count, so histograms were most of what a trace's
 * graph contribution allocated and kept alive. Once an object has held a far-out index, V8 keeps
 * its indices in a dictionary, sized by the number of keys; a literal holding the largest index,
 * which is then deleted, does that (cheaper than setting it on `{}`). Nothing else can tell: keys,
 * values, order and prototype are those of `{}`.
 */
export function emptyHistogram(): Histogram {
  // The largest array index (2³² − 2), which no histogram key comes near. Written out twice rather
  // than named: a computed key makes V8 build the literal the slow way.
  const histogram: Histogram = { 4294967294: 0 };
  delete histogram[4294967294];
  return histogram;
}
