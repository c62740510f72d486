/**
 * Which nodes stand out, by the numbers alone: a node is slow when its p50 is far above its peers'
 * (the nodes of the same type and family: `adjective-4` against `adjective-0…9`), and a node
 * faults when it has the highest share of faulted requests. The thresholds are relative and absolute
 * at once, so millisecond jitter among healthy functions never counts as "slow".
 */
import type { HistogramEntry, NodeStatistics } from './node-statistics.ts';

/** A node whose latency stands out from its peers'. Times in seconds. */
export interface SlowNode {
  readonly name: string;
  readonly type: string | undefined;
  readonly p50: number;
  readonly p95: number;
  /** Medians over the peers of their p50 and p95. */
  readonly peerP50: number;
  readonly peerP95: number;
  readonly peers: number;
}

/** A node with faulted requests. */
export interface FaultingNode {
  readonly name: string;
  readonly type: string | undefined;
  readonly faults: number;
  readonly total: number;
  /** `faults / total`, 0..1. */
  readonly share: number;
}

/** A node is slow when it is this many times slower than its peers' median… */
const RATIO = 3;
/** …twice as slow as the slowest of them (a busy machine slows all of them, never one alone)… */
const RATIO_TO_SLOWEST_PEER = 2;
/** …and at least this much slower than the median, in seconds. */
const MARGIN_SECONDS = 0.5;
const MIN_PEERS = 2;

/** The slow nodes, slowest first; one entry per name, the function's own node preferred. */
export function findSlowNodes(nodes: readonly NodeStatistics[]): SlowNode[] {
  const groups = new Map<string, NodeStatistics[]>();
  for (const node of nodes) {
    if (node.total === 0) continue;
    const key = `${node.type ?? ''}\n${familyOf(node.name)}`;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  }
  const slow: SlowNode[] = [];
  for (const group of groups.values()) {
    if (group.length < MIN_PEERS + 1) continue;
    const measured = group.map((node) => ({
      node,
      p50: quantile(node.histogram, 0.5),
      p95: quantile(node.histogram, 0.95),
    }));
    for (const { node, p50, p95 } of measured) {
      const peers = measured.filter((m) => m.node !== node);
      const peerP50 = median(peers.map((m) => m.p50));
      const peerP95 = median(peers.map((m) => m.p95));
      // The median, not the tail: a function slow on every call moves its p50, while one cold start
      // among a handful of calls moves only the p95 of a healthy function.
      if (standsOut(p50, peerP50, Math.max(...peers.map((m) => m.p50)))) {
        slow.push({ name: node.name, type: node.type, p50, p95, peerP50, peerP95, peers: peers.length });
      }
    }
  }
  return oneByName(slow.sort((a, b) => b.p50 - a.p50));
}

/** Nodes with faults, highest fault share first; one entry per name. */
export function findFaultingNodes(nodes: readonly NodeStatistics[]): FaultingNode[] {
  const faulting = nodes
    .filter((node) => node.faults > 0 && node.total > 0 && node.type !== 'client')
    .map((node) => ({
      name: node.name,
      type: node.type,
      faults: node.faults,
      total: node.total,
      share: node.faults / node.total,
    }))
    .sort((a, b) => b.share - a.share || b.faults - a.faults);
  return oneByName(faulting);
}

/** `adjective` for `adjective-4`; the name itself when it has no number. */
export function familyOf(name: string): string {
  return name.replace(/-\d+$/, '');
}

/** The `q` quantile (0..1) of a histogram, in seconds; 0 when empty. */
export function quantile(histogram: readonly HistogramEntry[], q: number): number {
  const sorted = [...histogram].sort((a, b) => a.Value - b.Value);
  const total = sorted.reduce((sum, e) => sum + e.Count, 0);
  const rank = Math.max(1, Math.ceil(q * total));
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.Count;
    if (seen >= rank) return entry.Value;
  }
  return sorted.at(-1)?.Value ?? 0;
}

function standsOut(value: number, peersMedian: number, slowestPeer: number): boolean {
  return (
    value > peersMedian * RATIO && value > slowestPeer * RATIO_TO_SLOWEST_PEER && value - peersMedian > MARGIN_SECONDS
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return 0;
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Lambda gives a function two nodes of one name; name the function's own (`AWS::Lambda::Function`) first. */
function oneByName<T extends { name: string; type: string | undefined }>(items: readonly T[]): T[] {
  const chosen = new Map<string, T>();
  for (const item of items) {
    const current = chosen.get(item.name);
    if (current === undefined || (item.type === 'AWS::Lambda::Function' && current.type !== item.type)) {
      chosen.set(item.name, item);
    }
  }
  return items.filter((item) => chosen.get(item.name) === item);
}
