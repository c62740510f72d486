export { Counter, Gauge, Histogram, MetricsRegistry } from './metrics-registry.ts';
export type { Labels } from './metrics-registry.ts';
