/**
 * Summed graph statistics → the `Services` list of `GetServiceGraph` and `GetTraceGraph`
 * (reference §4.5.4, §4.5.5, §6.2).
 */
import type {
  EdgeStatsSum,
  GraphStatsWindow,
  NodeKey,
  NodeStatsSum,
  SortedHistogram,
  StatisticCounters,
} from '@roentgen/storage';
import { emptyCounters } from './statistics-rows.ts';
import { nodeKeyId } from './trace-graph.ts';
import type { XRayEdge, XRayService } from './xray-service-types.ts';
import { addCounters, toHistogramEntries, toServiceStatistics } from './xray-statistics.ts';

export interface ServiceGraphOptions {
  /** Account shown on nodes that carry none (§6.2: "else the ingesting account" [INF]). */
  readonly accountId?: string;
}

/**
 * Types of resources that send their own segments (§2.2.1). Other `AWS::` types, `remote`,
 * `Database::SQL` and client types only ever come from inference, so their nodes are `unknown` [INF].
 */
const SENDING_AWS_TYPES = new Set(
  [
    'AWS::EC2::Instance',
    'AWS::ECS::Container',
    'AWS::ECS::EC2',
    'AWS::ECS::Fargate',
    'AWS::EKS::Container',
    'AWS::ElasticBeanstalk::Environment',
    'AWS::AppRunner::Service',
    'AWS::Lambda',
    'AWS::Lambda::Function',
    'AWS::ApiGateway::Stage',
    'AWS::AppSync::GraphQLAPI',
    'AWS::StepFunctions::StateMachine',
  ].map((type) => type.toLowerCase()),
);

function isClientType(type: string | undefined): boolean {
  return type === 'client' || (type?.startsWith('client::') ?? false);
}

function nodeState(type: string | undefined): XRayService['State'] {
  if (type === undefined) return 'active';
  if (isClientType(type) || type === 'remote' || type === 'Database::SQL') return 'unknown';
  if (type.startsWith('AWS::')) return SENDING_AWS_TYPES.has(type.toLowerCase()) ? 'active' : 'unknown';
  return 'active';
}

interface MergedNode {
  key: NodeKey;
  root: boolean;
  counters: StatisticCounters;
  /** The histograms of the node's rows, summed once the node is written out. */
  responseTimeHistograms: SortedHistogram[];
  durationHistograms: SortedHistogram[];
  startTime: number;
  endTime: number;
}

/**
 * Rows of the same node (several buckets, root and non-root rows) folded into one, plus an empty node
 * for each edge end without a row: an edge's records (the caller's calls) and its target's (the
 * callee's segments) may end on different sides of the window's edge.
 */
function mergeNodeRows(rows: readonly NodeStatsSum[], edges: readonly EdgeStatsSum[]): MergedNode[] {
  const merged = new Map<string, MergedNode>();
  const endpoints = edges.flatMap((edge) => [edge.source, edge.target].map((key) => ({ key, edge })));
  for (const row of rows) {
    const id = nodeKeyId(row.node);
    let node = merged.get(id);
    if (node === undefined) {
      node = emptyNode(row.node);
      merged.set(id, node);
    }
    node.root ||= row.root;
    addCounters(node.counters, row.counters);
    node.responseTimeHistograms.push(row.responseTimeHistogram);
    node.durationHistograms.push(row.durationHistogram);
    node.startTime = Math.min(node.startTime, row.startTime);
    node.endTime = Math.max(node.endTime, row.endTime);
  }
  for (const { key, edge } of endpoints) {
    const id = nodeKeyId(key);
    const node = merged.get(id);
    if (node === undefined) merged.set(id, { ...emptyNode(key), startTime: edge.startTime, endTime: edge.endTime });
    else if (node.counters.totalCount === 0) {
      node.startTime = Math.min(node.startTime, edge.startTime);
      node.endTime = Math.max(node.endTime, edge.endTime);
    }
  }
  return [...merged.values()];
}

function emptyNode(key: NodeKey): MergedNode {
  return {
    key,
    root: false,
    counters: emptyCounters(),
    responseTimeHistograms: [],
    durationHistograms: [],
    startTime: Infinity,
    endTime: -Infinity,
  };
}

/** Code-point order: the same in every locale, unlike `localeCompare`. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Clients first (as in the docs' example), then by name, type and account, for stable reference ids. */
function compareNodes(a: MergedNode, b: MergedNode): number {
  const clientOrder = Number(isClientType(b.key.type)) - Number(isClientType(a.key.type));
  return (
    clientOrder ||
    compareText(a.key.name, b.key.name) ||
    compareText(a.key.type ?? '', b.key.type ?? '') ||
    compareText(a.key.accountId ?? '', b.key.accountId ?? '')
  );
}

function toEdges(rows: readonly EdgeStatsSum[], referenceIds: Map<string, number>): XRayEdge[] {
  const merged = new Map<
    number,
    { row: EdgeStatsSum; counters: StatisticCounters; histograms: SortedHistogram[]; start: number; end: number }
  >();
  for (const row of rows) {
    const target = referenceIds.get(nodeKeyId(row.target));
    if (target === undefined) continue;
    let edge = merged.get(target);
    if (edge === undefined) {
      edge = {
        row,
        counters: emptyCounters(),
        histograms: [],
        start: row.startTime,
        end: row.endTime,
      };
      merged.set(target, edge);
    }
    addCounters(edge.counters, row.counters);
    edge.histograms.push(row.responseTimeHistogram);
    edge.start = Math.min(edge.start, row.startTime);
    edge.end = Math.max(edge.end, row.endTime);
  }
  return [...merged.entries()]
    .sort(([a], [b]) => a - b)
    .map(([referenceId, edge]) => ({
      ReferenceId: referenceId,
      StartTime: Math.floor(edge.start),
      EndTime: Math.ceil(edge.end),
      SummaryStatistics: toServiceStatistics(edge.counters),
      ResponseTimeHistogram: toHistogramEntries(edge.histograms),
      Aliases: [],
      ...(edge.row.edgeType === 'link' ? { EdgeType: 'link' as const } : {}),
    }));
}

/**
 * The `Services` of a graph response. Rows may arrive per bucket or split by root flag; they are
 * merged by node identity first. An edge end without a node row becomes a node with zero statistics. Times are whole epoch seconds (start floored, end ceiled), as
 * the docs show them.
 */
export function toServiceGraphResponse(window: GraphStatsWindow, options: ServiceGraphOptions = {}): XRayService[] {
  const nodes = mergeNodeRows(window.nodes, window.edges).sort(compareNodes);
  const referenceIds = new Map(nodes.map((node, index) => [nodeKeyId(node.key), index]));
  const edgesBySource = new Map<string, EdgeStatsSum[]>();
  for (const row of window.edges) {
    const id = nodeKeyId(row.source);
    const rows = edgesBySource.get(id);
    if (rows === undefined) edgesBySource.set(id, [row]);
    else rows.push(row);
  }
  return nodes.map((node, index): XRayService => {
    const accountId = node.key.accountId ?? options.accountId;
    const withStatistics = !isClientType(node.key.type);
    // Member order follows the API reference, so responses read like the docs' examples.
    return {
      ReferenceId: index,
      Name: node.key.name,
      Names: [node.key.name],
      ...(node.root ? { Root: true as const } : {}),
      ...(accountId === undefined ? {} : { AccountId: accountId }),
      ...(node.key.type === undefined ? {} : { Type: node.key.type }),
      State: nodeState(node.key.type),
      StartTime: Math.floor(node.startTime),
      EndTime: Math.ceil(node.endTime),
      Edges: toEdges(edgesBySource.get(nodeKeyId(node.key)) ?? [], referenceIds),
      ...(withStatistics
        ? {
            SummaryStatistics: toServiceStatistics(node.counters),
            DurationHistogram: toHistogramEntries(node.durationHistograms),
            ResponseTimeHistogram: toHistogramEntries(node.responseTimeHistograms),
          }
        : {}),
    };
  });
}
