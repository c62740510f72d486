/**
 * The raw entities of a BatchGetTraces answer (segments, and subsegments at every depth) by ID, for
 * the details drawer. Read only once a row's details are opened: parsing every document of a large
 * trace is the cost the timeline's own rows avoid.
 */
import type { XRayTrace } from '../../api/xray-types.ts';

export type Entity = Record<string, unknown>;

/** Every entity by ID; when two share one, the later (as the timeline's index). Unparseable documents are skipped. */
export function entitiesById(trace: XRayTrace): Map<string, Entity> {
  const byId = new Map<string, Entity>();
  const stack: Entity[] = [];
  for (const segment of trace.Segments) {
    let doc: unknown;
    try {
      doc = JSON.parse(segment.Document);
    } catch {
      continue;
    }
    if (typeof doc === 'object' && doc !== null) stack.push(doc as Entity);
    // Depth first in document order, as the server numbers the timeline's rows.
    for (let entity = stack.pop(); entity !== undefined; entity = stack.pop()) {
      if (typeof entity['id'] === 'string') byId.set(entity['id'], entity);
      const subsegments = entity['subsegments'];
      if (!Array.isArray(subsegments)) continue;
      for (let i = subsegments.length - 1; i >= 0; i--) {
        const sub: unknown = subsegments[i];
        if (typeof sub === 'object' && sub !== null) stack.push(sub as Entity);
      }
    }
  }
  return byId;
}
