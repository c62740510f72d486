/**
 * What the load runner measures: response times (kept whole; a demo run has thousands, not
 * millions) and status counts, and the progress line made from them.
 */

/** Response times and outcomes of the requests completed so far. */
export class LatencyStats {
  readonly #millis: number[] = [];
  readonly #statuses = new Map<string, number>();
  #sorted = true;

  /** Records one completed request; `status` is the HTTP status or an error code (`ECONNREFUSED`, `timeout`). */
  record(millis: number, status: number | string): void {
    this.#millis.push(millis);
    this.#sorted = false;
    const key = String(status);
    this.#statuses.set(key, (this.#statuses.get(key) ?? 0) + 1);
  }

  get count(): number {
    return this.#millis.length;
  }

  /** The `q` quantile (0..1) in milliseconds, nearest rank; `undefined` before the first request. */
  quantile(q: number): number | undefined {
    if (this.#millis.length === 0) return undefined;
    if (!this.#sorted) {
      this.#millis.sort((a, b) => a - b);
      this.#sorted = true;
    }
    const rank = Math.min(this.#millis.length - 1, Math.max(0, Math.ceil(q * this.#millis.length) - 1));
    return this.#millis[rank];
  }

  /** Status → count, statuses in ascending order. */
  statuses(): [string, number][] {
    return [...this.#statuses].sort(([a], [b]) => a.localeCompare(b));
  }
}

/** `45ms`, `2.01s`. */
export function formatMillis(millis: number | undefined): string {
  if (millis === undefined) return '-';
  return millis < 1000 ? `${Math.round(millis)}ms` : `${(millis / 1000).toFixed(2)}s`;
}

/** `load: 12s 24 req/s p50 45ms p95 2.01s p99 2.05s 200:280 502:20`. */
export function progressLine(elapsedSeconds: number, ratePerSecond: number, stats: LatencyStats): string {
  const statuses = stats
    .statuses()
    .map(([status, count]) => `${status}:${count}`)
    .join(' ');
  return [
    `load: ${Math.floor(elapsedSeconds)}s`,
    `${Math.round(ratePerSecond)} req/s`,
    `p50 ${formatMillis(stats.quantile(0.5))}`,
    `p95 ${formatMillis(stats.quantile(0.95))}`,
    `p99 ${formatMillis(stats.quantile(0.99))}`,
    statuses,
  ]
    .join(' ')
    .trimEnd();
}
