import type { KeyboardEvent } from 'react';
import { HealthRing } from '../../components/health-ring.tsx';
import { formatPercent, healthOf, statsLine, worstKind } from '../../components/health.ts';
import { formatSeconds } from '../../time/time-range.ts';
import type { MapEdge, MapGraph, MapNode } from './graph-model.ts';
import { NODE_RADIUS, type GraphLayout, type PlacedEdge, type PlacedNode } from './layout-graph.ts';

export interface ServiceMapViewProps {
  readonly graph: MapGraph;
  readonly layout: GraphLayout;
  /** Length of the time range in seconds, for requests per minute; 0 (one trace) shows no rates. */
  readonly windowSeconds: number;
  readonly selectedNode?: string | undefined;
  readonly selectedEdge?: string | undefined;
  readonly onNode?: (node: MapNode) => void;
  readonly onEdge?: (edge: MapEdge) => void;
  readonly label: string;
  /** Scale the whole map into this many pixels of height (a trace's small map) instead of the width. */
  readonly fitHeight?: number;
}

/**
 * The service graph as SVG: every name is real text (searchable, read by screen readers), every
 * node and edge is a focusable button, and each node's ring shows ok / 4xx / 5xx / 429 shares.
 */
export function ServiceMapView(props: ServiceMapViewProps) {
  const { graph, layout } = props;
  return (
    <svg
      className="service-map"
      width={layout.width}
      height={layout.height}
      // Shrinks a wide map to fit the window down to 60 %, then scrolls: smaller text is unreadable.
      style={
        props.fitHeight
          ? { width: '100%', height: Math.min(layout.height, props.fitHeight) }
          : { width: '100%', maxWidth: layout.width, minWidth: layout.width * 0.6, height: 'auto' }
      }
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="group"
      aria-label={props.label}
    >
      <defs>
        <marker
          id="arrow"
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" className="arrow-head" />
        </marker>
      </defs>
      {graph.edges.map((edge) => {
        const route = layout.edges.get(edge.key);
        return route && route.points.length > 1 ? (
          <EdgeShape key={edge.key} edge={edge} route={route} {...props} />
        ) : null;
      })}
      {graph.nodes.map((node) => {
        const place = layout.nodes.get(node.key);
        return place ? <NodeShape key={node.key} node={node} place={place} {...props} /> : null;
      })}
    </svg>
  );
}

function activate(action: () => void) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      action();
    }
  };
}

function NodeShape({ node, place, ...props }: ServiceMapViewProps & { node: MapNode; place: PlacedNode }) {
  const health = healthOf(node.stats, props.windowSeconds);
  const worst = worstKind(health);
  const selected = props.selectedNode === node.key;
  const select = () => props.onNode?.(node);
  const summary = `${node.name}${node.type ? ` (${node.type})` : ''}: ${health.total} requests, average ${formatSeconds(health.averageSeconds)}, ${formatPercent(health.counts.fault, health.total)} faults, ${formatPercent(health.counts.error, health.total)} errors, ${formatPercent(health.counts.throttle, health.total)} throttled`;
  return (
    <g
      className={`map-node health-${worst}${selected ? ' selected' : ''}`}
      transform={`translate(${place.cx},${place.cy})`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={summary}
      data-node={node.key}
      data-health={worst}
      onClick={select}
      onKeyDown={activate(select)}
    >
      <circle className="node-face" r={NODE_RADIUS - 5} />
      <HealthRing health={health} radius={NODE_RADIUS - 2} width={6} />
      {node.root && <circle className="root-mark" r={5} />}
      <text className="node-name" y={NODE_RADIUS + 15} textAnchor="middle">
        {node.name}
      </text>
      <text className="node-stats" y={NODE_RADIUS + 30} textAnchor="middle">
        {statsLine(node.stats, props.windowSeconds) || (node.type ?? 'client')}
      </text>
    </g>
  );
}

function EdgeShape({ edge, route, ...props }: ServiceMapViewProps & { edge: MapEdge; route: PlacedEdge }) {
  const health = healthOf(edge.stats, props.windowSeconds);
  const worst = worstKind(health);
  const selected = props.selectedEdge === edge.key;
  const select = () => props.onEdge?.(edge);
  const path = route.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x},${p.y}`).join(' ');
  const label = statsLine(edge.stats, props.windowSeconds);
  return (
    <g
      className={`map-edge health-${worst}${selected ? ' selected' : ''}`}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`calls from ${edge.from} to ${edge.to}: ${health.total} requests, average ${formatSeconds(health.averageSeconds)}, ${formatPercent(health.counts.fault, health.total)} faults`}
      data-edge={`${edge.from} -> ${edge.to}`}
      data-health={worst}
      onClick={select}
      onKeyDown={activate(select)}
    >
      <path className="edge-hit" d={path} />
      <path className="edge-line" d={path} markerEnd="url(#arrow)" />
      {label && route.label && (
        <text className="edge-label" x={route.label.x} y={route.label.y + 4} textAnchor="middle">
          {label}
        </text>
      )}
    </g>
  );
}
