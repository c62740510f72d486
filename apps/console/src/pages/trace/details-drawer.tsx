import { useState, type ReactNode } from 'react';
import { ErrorBox, Loading } from '../../components/query-state.tsx';
import { formatInstant, formatSeconds } from '../../time/time-range.ts';
import type { TimelineNode } from './build-timeline.ts';
import type { Entity } from './trace-entities.ts';

/**
 * The raw entity behind a row. The timeline's rows carry only what they draw; the entity comes from
 * the trace's documents, which are read when details are first opened.
 */
export type EntityDetails =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly entity: Entity | undefined };

type Tab = 'overview' | 'annotations' | 'metadata' | 'exceptions' | 'raw';
const TABS: readonly { key: Tab; label: string }[] = [
  { key: 'overview', label: 'Overview' },
  { key: 'annotations', label: 'Annotations' },
  { key: 'metadata', label: 'Metadata' },
  { key: 'exceptions', label: 'Exceptions' },
  { key: 'raw', label: 'Raw JSON' },
];

interface StackFrame {
  path?: string;
  line?: number;
  label?: string;
}
interface ExceptionRecord {
  id?: string;
  message?: string;
  type?: string;
  remote?: boolean;
  stack?: StackFrame[];
  truncated?: number;
  cause?: string;
}

/** Pretty JSON of a value; React renders it as text, so nothing in it can run. */
function Json({ value }: { value: unknown }) {
  return <pre className="json">{JSON.stringify(value, null, 2)}</pre>;
}

/** The entity without its nested subsegments, which the timeline already shows as rows. */
function ownFields(entity: Record<string, unknown>): Record<string, unknown> {
  const { subsegments, ...rest } = entity;
  return Array.isArray(subsegments) ? { ...rest, subsegments: `(${subsegments.length} shown as rows)` } : rest;
}

/** What a tab shows until the entity is there. */
function pending(details: EntityDetails): ReactNode {
  if (details.state === 'loading') return <Loading what="the details" />;
  if (details.state === 'failed') return <ErrorBox error={details.error} what="the details" />;
  return <p className="muted">The trace's documents do not hold this entity (any more).</p>;
}

/**
 * The details of one segment or subsegment: what its row knows at once, then http, aws, sql,
 * annotations, metadata, exceptions and the raw JSON once the entity is read.
 */
export function DetailsDrawer({
  node,
  details,
  onClose,
}: {
  node: TimelineNode;
  details: EntityDetails;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<Tab>('overview');
  const entity = details.state === 'ready' ? details.entity : undefined;
  const e = entity ?? {};
  const cause = e['cause'] as { exceptions?: ExceptionRecord[]; working_directory?: string } | string | undefined;
  const exceptions = typeof cause === 'object' ? (cause.exceptions ?? []) : [];
  return (
    <aside className="drawer" aria-label={`Details of ${node.name}`}>
      <header className="panel-header">
        <h2 className="row-name">{node.name}</h2>
        <button type="button" className="icon-button" aria-label="Close details" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="tabs" role="tablist" aria-label="Detail sections">
        {TABS.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} onClick={() => setTab(t.key)}>
            {t.label}
            {t.key === 'exceptions' && exceptions.length > 0 ? ` (${exceptions.length})` : ''}
          </button>
        ))}
      </div>
      <div role="tabpanel" className="tab-panel">
        {tab === 'overview' && (
          <>
            <dl className="stat-grid">
              <dt>Kind</dt>
              <dd>{node.kind}</dd>
              <dt>ID</dt>
              <dd className="mono">{node.id}</dd>
              <dt>Status</dt>
              <dd>
                <span className={`status-pill ${node.status}`}>{node.status}</span>
              </dd>
              <dt>Started</dt>
              <dd>{formatInstant(node.start)}</dd>
              <dt>Duration</dt>
              <dd>{node.end === undefined ? 'in progress' : formatSeconds(node.end - node.start)}</dd>
              {typeof e['origin'] === 'string' && (
                <>
                  <dt>Origin</dt>
                  <dd>{e['origin']}</dd>
                </>
              )}
              {typeof e['namespace'] === 'string' && (
                <>
                  <dt>Namespace</dt>
                  <dd>{e['namespace']}</dd>
                </>
              )}
            </dl>
            {entity === undefined
              ? pending(details)
              : ['http', 'aws', 'sql', 'service'].map((key) =>
                  e[key] !== undefined ? (
                    <section key={key}>
                      <h3>{key}</h3>
                      <Json value={e[key]} />
                    </section>
                  ) : null,
                )}
          </>
        )}
        {tab !== 'overview' && entity === undefined && pending(details)}
        {entity !== undefined &&
          tab === 'annotations' &&
          (e['annotations'] ? <Json value={e['annotations']} /> : <p className="muted">No annotations.</p>)}
        {entity !== undefined &&
          tab === 'metadata' &&
          (e['metadata'] ? <Json value={e['metadata']} /> : <p className="muted">No metadata.</p>)}
        {entity !== undefined &&
          tab === 'exceptions' &&
          (exceptions.length === 0 ? (
            <p className="muted">
              {typeof cause === 'string'
                ? `Caused by exception ${cause} (recorded on another entity).`
                : 'No exceptions.'}
            </p>
          ) : (
            exceptions.map((x, i) => (
              <section key={x.id ?? i} className="exception">
                <h3>
                  {x.type ?? 'Exception'}
                  {x.remote ? ' (remote)' : ''}
                </h3>
                <p className="pre-wrap">{x.message}</p>
                {x.stack && x.stack.length > 0 && (
                  <ol className="stack">
                    {x.stack.map((f, j) => (
                      <li key={j} className="mono">
                        {f.label ?? '(anonymous)'} <span className="muted">{`${f.path ?? '?'}:${f.line ?? '?'}`}</span>
                      </li>
                    ))}
                  </ol>
                )}
                {x.truncated ? <p className="muted">{x.truncated} more frames not recorded.</p> : null}
              </section>
            ))
          ))}
        {entity !== undefined && tab === 'raw' && <Json value={ownFields(entity)} />}
      </div>
    </aside>
  );
}
