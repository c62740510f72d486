import { useMemo } from 'react';
import { useTrace } from '../../api/queries.ts';
import type { EntityDetails } from './details-drawer.tsx';
import { entitiesById } from './trace-entities.ts';

/**
 * The raw entity of the opened row, from the trace's documents (BatchGetTraces). They are read only
 * while a row is open, once per trace (the query cache keeps them), and indexed once.
 */
export function useEntityDetails(traceId: string, entityId: string | undefined): EntityDetails {
  const query = useTrace(traceId, entityId !== undefined);
  const trace = query.data?.Traces.find((t) => t.Id === traceId) ?? query.data?.Traces[0];
  const byId = useMemo(() => (trace ? entitiesById(trace) : undefined), [trace]);
  if (query.isError) return { state: 'failed', error: query.error };
  if (byId === undefined) return query.isPending ? { state: 'loading' } : { state: 'ready', entity: undefined };
  return { state: 'ready', entity: entityId === undefined ? undefined : byId.get(entityId) };
}
