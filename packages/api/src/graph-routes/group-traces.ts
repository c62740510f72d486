/**
 * The traces of a group in a window, for the graph of a group other than `Default`: trace IDs from
 * GetTraceSummaries' search (the group's expression, `Event` time range, so every trace with a
 * segment in the window is a candidate), then their documents, assembled. The stored statistics
 * cannot answer this because they are summed over every trace.
 */
import type { SegmentDocument } from '@roentgen/model';
import type { Group, GroupRegistry } from '@roentgen/query';
import { findTraceSummaries } from '@roentgen/query';
import type { AssembledTrace } from '@roentgen/service-map';
import { assembleOwnedTrace } from '@roentgen/service-map';
import type { SummaryCursor, TraceStore } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import type { AlignedWindow } from './graph-window-input.ts';

/** Most traces a group's graph is computed from; past it the request is refused. */
export const DEFAULT_MAX_GROUP_TRACES = 10_000;

/** Documents read from the store per call. */
const DOCUMENT_BATCH = 500;

/**
 * The assembled traces of `group` touching `window`. Throws an InvalidRequestException when more
 * than `maxTraces` match, rather than answering slowly or with a silently partial graph.
 */
export async function groupTraces(
  store: TraceStore,
  groups: GroupRegistry,
  group: Group,
  window: AlignedWindow,
  maxTraces: number,
): Promise<AssembledTrace[]> {
  const ids = await groupTraceIds(store, groups, group, window, maxTraces);
  const traces: AssembledTrace[] = [];
  for (let i = 0; i < ids.length; i += DOCUMENT_BATCH) {
    const found = await store.getTraceDocuments(ids.slice(i, i + DOCUMENT_BATCH));
    for (const records of found.values()) {
      // Parsed for this call alone, so merged in place rather than copied first.
      traces.push(assembleOwnedTrace(records.map((r) => JSON.parse(r.document) as SegmentDocument)));
    }
  }
  return traces;
}

async function groupTraceIds(
  store: TraceStore,
  groups: GroupRegistry,
  group: Group,
  window: AlignedWindow,
  maxTraces: number,
): Promise<string[]> {
  const facts = await groups.facts();
  const groupFacts = facts.find((g) => g.name === group.GroupName) ?? { name: group.GroupName, arn: group.GroupARN };
  const ids: string[] = [];
  let cursor: SummaryCursor | undefined;
  do {
    const page = await findTraceSummaries(
      store,
      {
        startTime: window.from,
        endTime: window.to,
        timeRangeType: 'Event',
        groups: facts,
        group: groupFacts,
        ...(cursor ? { cursor } : {}),
      },
      // The window was checked by the action; the search must not apply its own limit.
      { pageSize: 1_000, scanBudget: 20_000, maxWindowSeconds: Infinity },
    );
    for (const summary of page.summaries) ids.push(summary.Id);
    if (ids.length > maxTraces) {
      throw invalidRequest(
        `Group ${group.GroupName} has more than ${maxTraces} traces between ${isoTime(window.from)} and ${isoTime(window.to)}; ` +
          `a group's graph is computed from its traces, so ask for a shorter window (the Default group's graph has no such limit).`,
      );
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return ids;
}

function isoTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString();
}
