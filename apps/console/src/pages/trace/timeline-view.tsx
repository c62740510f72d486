import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatSeconds } from '../../time/time-range.ts';
import { nodeAt, type Timeline, type TimelineNode } from './build-timeline.ts';

/** Pixel height of one row: rows are absolutely placed, so only the visible ones are rendered. */
export const ROW_HEIGHT = 26;
const OVERSCAN = 12;

export interface TimelineViewProps {
  readonly timeline: Timeline;
  /** Entity indices, in display order. */
  readonly rows: readonly number[];
  readonly collapsed: ReadonlySet<string>;
  readonly critical: ReadonlySet<string>;
  readonly focused: string | undefined;
  readonly onFocus: (id: string) => void;
  readonly onToggle: (id: string) => void;
  /** Opens the details drawer for a row (click or Enter). */
  readonly onOpen: (id: string) => void;
}

/**
 * The timeline: one row per segment or subsegment on a shared time axis, virtualized by hand (only
 * the rows in view plus a margin exist in the DOM), navigable as an ARIA tree with the arrow keys.
 */
export function TimelineView(props: TimelineViewProps) {
  const { timeline, rows } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(600);
  const span = timeline.end - timeline.start;

  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const focusedEntity = props.focused === undefined ? undefined : timeline.indexOf(props.focused);
  const focusedIndex = focusedEntity === undefined ? -1 : rows.indexOf(focusedEntity);
  // Keep the focused row in view when the keyboard moves it.
  useEffect(() => {
    const element = scroller.current;
    if (!element || focusedIndex < 0) return;
    const top = focusedIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight)
      element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [focusedIndex]);

  function keyDown(event: KeyboardEvent<HTMLDivElement>) {
    const index = Math.max(0, focusedIndex);
    const entity = rows[index];
    if (entity === undefined) return;
    const row = nodeAt(timeline, entity);
    const move = (to: number) => {
      event.preventDefault();
      const target = rows[Math.min(rows.length - 1, Math.max(0, to))];
      if (target !== undefined) props.onFocus(timeline.ids[target]!);
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(focusedIndex < 0 ? 0 : index + 1);
      case 'ArrowUp':
        return move(index - 1);
      case 'Home':
        return move(0);
      case 'End':
        return move(rows.length - 1);
      case 'PageDown':
        return move(index + Math.floor(viewport / ROW_HEIGHT));
      case 'PageUp':
        return move(index - Math.floor(viewport / ROW_HEIGHT));
      case 'ArrowRight':
        event.preventDefault();
        if (row.childCount === 0) return;
        if (props.collapsed.has(row.id)) props.onToggle(row.id);
        else props.onFocus(timeline.ids[row.firstChild]!);
        return;
      case 'ArrowLeft':
        event.preventDefault();
        if (row.childCount > 0 && !props.collapsed.has(row.id)) props.onToggle(row.id);
        else if (row.parent !== -1) props.onFocus(timeline.ids[row.parent]!);
        return;
      case 'Enter':
      case ' ':
        event.preventDefault();
        props.onOpen(row.id);
        return;
      default:
        return;
    }
  }

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + OVERSCAN);
  const ticks = [0, 0.25, 0.5, 0.75, 1];
  return (
    <div className="timeline">
      <div className="timeline-axis" aria-hidden="true">
        <div className="timeline-name-col">Segment</div>
        <div className="timeline-bars-col">
          {ticks.map((t) => (
            <span key={t} className={t === 1 ? 'tick last' : 'tick'} style={{ left: `${t * 100}%` }}>
              {formatSeconds(t * span)}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scroller}
        className="timeline-scroller"
        role="tree"
        aria-label={`Timeline of ${timeline.count} segments and subsegments; arrow keys move, Enter opens details`}
        tabIndex={0}
        aria-activedescendant={props.focused ? `row-${props.focused}` : undefined}
        onKeyDown={keyDown}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="timeline-content" style={{ height: rows.length * ROW_HEIGHT }}>
          {rows.slice(first, last).map((entity, i) => (
            <Row key={entity} row={nodeAt(timeline, entity)} index={first + i} span={span} {...props} />
          ))}
        </div>
      </div>
    </div>
  );
}

/** Indentation in pixels; past 16 levels it stops growing so deep names keep room to be read. */
function indentOf(depth: number): number {
  return Math.min(depth, 16) * 11;
}

function Row({ row, index, span, ...props }: TimelineViewProps & { row: TimelineNode; index: number; span: number }) {
  const { timeline } = props;
  const end = row.end ?? timeline.end;
  const left = ((row.start - timeline.start) / span) * 100;
  const width = Math.max(0.15, ((end - row.start) / span) * 100);
  const hasChildren = row.childCount > 0;
  const collapsed = props.collapsed.has(row.id);
  const classes = [
    'timeline-row',
    row.kind,
    props.focused === row.id ? 'focused' : '',
    props.critical.has(row.id) ? 'critical' : '',
  ];
  return (
    <div
      id={`row-${row.id}`}
      className={classes.join(' ')}
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={hasChildren ? !collapsed : undefined}
      aria-selected={props.focused === row.id}
      data-segment-id={row.id}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      onClick={() => {
        props.onFocus(row.id);
        props.onOpen(row.id);
      }}
    >
      <div className="timeline-name-col" style={{ paddingLeft: 6 + indentOf(row.depth) }}>
        <span
          className="toggle"
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            if (hasChildren) props.onToggle(row.id);
          }}
        >
          {hasChildren ? (collapsed ? '▸' : '▾') : ''}
        </span>
        {row.depth > 16 && <span className="depth-badge">{row.depth}</span>}
        <span className="row-name" title={row.name}>
          {row.name}
        </span>
      </div>
      <div className="timeline-bars-col">
        <div
          className={`bar status-${row.status}${row.end === undefined ? ' in-progress' : ''}`}
          style={{ left: `${left}%`, width: `${width}%` }}
          title={`${row.name}: ${formatSeconds(end - row.start)}`}
        />
        <span className="bar-label" style={{ left: `calc(${Math.min(left + width, 100)}% + 4px)` }}>
          {row.end === undefined ? 'in progress' : formatSeconds(row.end - row.start)}
        </span>
      </div>
    </div>
  );
}
