/**
 * The report printed after the load: computed from Roentgen's API (service graph, trace summaries),
 * so it shows what an operator would find, with deep links into the console.
 */
import { formatMillis } from '../load/latency-stats.ts';
import { findFaultingNodes, findSlowNodes, type FaultingNode, type SlowNode } from './find-outliers.ts';
import { fetchNodeStatistics, traceIdsMatching, type TimeWindow } from './node-statistics.ts';

/** The filter the report counts and links to. */
export const SLOW_FILTER = 'responsetime > 1.5';

/** What the report found. */
export interface DemoReport {
  readonly slow: readonly SlowNode[];
  readonly faulting: readonly FaultingNode[];
  readonly traceCount: number;
  /** Traces matching {@link SLOW_FILTER}. */
  readonly slowTraceIds: readonly string[];
  /** Where the node statistics came from. */
  readonly source: 'ServiceGraph' | 'Traces';
  readonly links: { readonly map: string; readonly search: string; readonly exampleTrace: string | undefined };
}

/** Queries `server` (`http://host:port`) over `window` and builds the report. */
export async function buildDemoReport(server: string, window: TimeWindow): Promise<DemoReport> {
  const [{ source, nodes }, all, slowTraceIds] = await Promise.all([
    fetchNodeStatistics(server, window),
    traceIdsMatching(server, window),
    traceIdsMatching(server, window, SLOW_FILTER),
  ]);
  const slow = findSlowNodes(nodes);
  const faulting = findFaultingNodes(nodes);
  const range = rangeCovering(window);
  const focus = slow[0]?.name ?? faulting[0]?.name;
  const example = slowTraceIds[0];
  return {
    slow,
    faulting,
    traceCount: all.length,
    slowTraceIds,
    source,
    links: {
      map: `${server}/console/map?${new URLSearchParams({ range, ...(focus ? { node: focus } : {}) }).toString()}`,
      search: `${server}/console/traces?${new URLSearchParams({ range, filter: SLOW_FILTER }).toString()}`,
      exampleTrace: example === undefined ? undefined : `${server}/console/trace/${encodeURIComponent(example)}`,
    },
  };
}

/**
 * Waits until the traces Roentgen holds for `window` stop changing (segments arrive over UDP and
 * are assembled in the background), at most `timeoutMs`. Resolves with the last count.
 */
export async function waitForTracesToSettle(server: string, window: TimeWindow, timeoutMs = 15_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let previous = -1;
  let stableRounds = 0;
  for (;;) {
    const count = (await traceIdsMatching(server, window)).length;
    stableRounds = count === previous ? stableRounds + 1 : 0;
    previous = count;
    if (stableRounds >= 2 || Date.now() > deadline) return count;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The report in plain words, one finding per paragraph. */
export function formatDemoReport(report: DemoReport): string {
  const lines = [`Roentgen's findings (from ${report.traceCount} traces, via /${report.source}):`, ''];
  if (report.slow.length === 0) lines.push('  Slow:     no node is slower than its peers.');
  for (const node of report.slow) {
    lines.push(
      `  Slow:     ${node.name} (${node.type ?? 'service'}) p50 ${seconds(node.p50)}, p95 ${seconds(node.p95)}` +
        ` — its ${node.peers} peers: p50 ${seconds(node.peerP50)}, p95 ${seconds(node.peerP95)}`,
    );
  }
  const [worst, ...others] = report.faulting;
  if (worst === undefined) lines.push('  Faults:   no node recorded a fault.');
  else {
    lines.push(
      `  Faults:   ${worst.name} (${worst.type ?? 'service'}) faulted ${worst.faults} of ${worst.total} requests (${percent(worst.share)})`,
    );
    if (others.length > 0) {
      const list = others.map((n) => `${n.name} ${percent(n.share)}`).join(', ');
      lines.push(`            also faulting, at lower rates (callers see their callees' faults): ${list}`);
    }
  }
  lines.push(`  Search:   ${report.slowTraceIds.length} of ${report.traceCount} traces match \`${SLOW_FILTER}\``, '');
  lines.push(`  Map:            ${report.links.map}`, `  Slow traces:    ${report.links.search}`);
  if (report.links.exampleTrace) lines.push(`  A slow trace:   ${report.links.exampleTrace}`);
  return lines.join('\n');
}

/** The smallest console range preset that covers `window`. */
function rangeCovering(window: TimeWindow): string {
  const age = Date.now() / 1000 - window.start;
  return (
    (
      [
        ['5m', 300],
        ['15m', 900],
        ['1h', 3600],
        ['6h', 21600],
      ] as const
    ).find(([, s]) => age < s)?.[0] ?? '24h'
  );
}

function seconds(value: number): string {
  return formatMillis(value * 1000);
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
