/**
 * The server's own metrics: a registry of labelled counters, gauges and histograms, rendered in the
 * Prometheus text exposition format for `GET /metrics`. Deliberately small: no dependency, no
 * global state; the composition root owns one registry and hands it to each component.
 */

/** Label values by label name. */
export type Labels = Readonly<Record<string, string>>;

interface Series<T> {
  readonly labels: Labels;
  value: T;
}

/** What the registry needs of any metric to render it. */
interface RenderableMetric {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  renderSamples(): string[];
}

abstract class Metric<T> implements RenderableMetric {
  protected readonly series = new Map<string, Series<T>>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly type: 'counter' | 'gauge' | 'histogram',
  ) {}

  protected seriesFor(labels: Labels, initial: () => T): Series<T> {
    const key = labelKey(labels);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { labels, value: initial() };
      this.series.set(key, entry);
    }
    return entry;
  }

  abstract renderSamples(): string[];
}

/** A monotonically increasing count, e.g. documents rejected by protocol and reason. */
export class Counter extends Metric<number> {
  inc(labels: Labels = {}, amount = 1): void {
    this.seriesFor(labels, () => 0).value += amount;
  }
  /** Current value for these labels (0 when never incremented); for tests and reports. */
  get(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.value ?? 0;
  }
  renderSamples(): string[] {
    return [...this.series.values()].map((s) => `${this.name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
  }
}

/** A value that goes up and down, e.g. buffer depth. `collect` is read at render time when given. */
export class Gauge extends Metric<number> {
  private collector: (() => number) | undefined;
  set(value: number, labels: Labels = {}): void {
    this.seriesFor(labels, () => 0).value = value;
  }
  /** Reads the value from `collect` at each render, for gauges owned by another component. */
  collectFrom(collect: () => number): void {
    this.collector = collect;
  }
  get(labels: Labels = {}): number {
    return this.series.get(labelKey(labels))?.value ?? 0;
  }
  renderSamples(): string[] {
    if (this.collector) this.set(this.collector());
    return [...this.series.values()].map((s) => `${this.name}${formatLabels(s.labels)} ${formatNumber(s.value)}`);
  }
}

interface HistogramState {
  readonly buckets: number[];
  sum: number;
  count: number;
}

/** Observations counted into cumulative buckets, e.g. store write latency in seconds. */
export class Histogram extends Metric<HistogramState> {
  constructor(
    name: string,
    help: string,
    private readonly bounds: readonly number[],
  ) {
    super(name, help, 'histogram');
  }
  observe(value: number, labels: Labels = {}): void {
    const state = this.seriesFor(labels, () => ({ buckets: this.bounds.map(() => 0), sum: 0, count: 0 })).value;
    for (let i = 0; i < this.bounds.length; i++) if (value <= (this.bounds[i] ?? Infinity)) state.buckets[i]! += 1;
    state.sum += value;
    state.count += 1;
  }
  renderSamples(): string[] {
    const lines: string[] = [];
    for (const { labels, value } of this.series.values()) {
      this.bounds.forEach((bound, i) => {
        lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: String(bound) })} ${value.buckets[i] ?? 0}`);
      });
      lines.push(`${this.name}_bucket${formatLabels({ ...labels, le: '+Inf' })} ${value.count}`);
      lines.push(`${this.name}_sum${formatLabels(labels)} ${formatNumber(value.sum)}`);
      lines.push(`${this.name}_count${formatLabels(labels)} ${value.count}`);
    }
    return lines;
  }
}

/** Owns the metrics of one server process and renders them all. Names must be unique. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, RenderableMetric>();

  counter(name: string, help: string): Counter {
    return this.register(new Counter(name, help, 'counter'));
  }
  gauge(name: string, help: string): Gauge {
    return this.register(new Gauge(name, help, 'gauge'));
  }
  /** `bounds` are the upper bounds of the buckets, ascending. */
  histogram(name: string, help: string, bounds: readonly number[]): Histogram {
    return this.register(new Histogram(name, help, bounds));
  }

  /** The Prometheus text exposition of every registered metric. */
  render(): string {
    const out: string[] = [];
    for (const metric of this.metrics.values()) {
      out.push(`# HELP ${metric.name} ${metric.help.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')}`);
      out.push(`# TYPE ${metric.name} ${metric.type}`);
      out.push(...metric.renderSamples());
    }
    return out.join('\n') + '\n';
  }

  private register<M extends RenderableMetric>(metric: M): M {
    if (this.metrics.has(metric.name)) throw new Error(`metric ${metric.name} is registered twice`);
    this.metrics.set(metric.name, metric);
    return metric;
  }
}

function labelKey(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

function formatLabels(labels: Labels): string {
  const keys = Object.keys(labels);
  if (keys.length === 0) return '';
  const body = keys
    .map((k) => `${k}="${(labels[k] ?? '').replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
  return `{${body}}`;
}

function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}
