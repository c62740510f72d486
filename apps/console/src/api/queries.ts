/**
 * Server data as TanStack Query hooks: one hook per X-Ray read, keyed by what the URL says, so two
 * views showing the same range share one request and a refresh updates both.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { resolveRange } from '../time/time-range.ts';
import { takeEarlyTimeline } from './early-trace-request.ts';
import type { TraceTimelineOutput } from './timeline-types.ts';
import { callXRay } from './xray-client.ts';
import type {
  Group,
  SamplingRule,
  SamplingRuleRecord,
  ServiceGraphOutput,
  TraceSummariesOutput,
  TraceSummary,
  TracesOutput,
  XRayService,
} from './xray-types.ts';

/** Summaries the console reads for one view at most; past it the view says the list is cut short. */
export const MAX_SUMMARIES = 5000;

/** The service graph of a range (relative ranges re-resolve "now" on every refresh). */
export function useServiceGraph(range: string, group: string | undefined, refreshSeconds = 0) {
  return useQuery({
    queryKey: ['ServiceGraph', range, group ?? ''],
    queryFn: async ({ signal }) => {
      const window = resolveRange(range);
      const services: XRayService[] = [];
      let token: string | undefined;
      do {
        const page = await callXRay<ServiceGraphOutput>(
          '/ServiceGraph',
          {
            StartTime: window.start,
            EndTime: window.end,
            ...(group ? { GroupName: group } : {}),
            ...(token ? { NextToken: token } : {}),
          },
          signal,
        );
        services.push(...(page.Services ?? []));
        token = page.NextToken;
      } while (token);
      return { services, window };
    },
    refetchInterval: refreshSeconds > 0 ? refreshSeconds * 1000 : false,
  });
}

/** Every summary matching a filter in a range, following `NextToken` up to `MAX_SUMMARIES`. */
export function useTraceSummaries(range: string, filter: string, enabled = true) {
  return useQuery({
    queryKey: ['TraceSummaries', range, filter],
    enabled,
    queryFn: async ({ signal }) => {
      const window = resolveRange(range);
      const summaries: TraceSummary[] = [];
      let processed = 0;
      let token: string | undefined;
      do {
        const page = await callXRay<TraceSummariesOutput>(
          '/TraceSummaries',
          {
            StartTime: window.start,
            EndTime: window.end,
            ...(filter.trim() ? { FilterExpression: filter } : {}),
            ...(token ? { NextToken: token } : {}),
          },
          signal,
        );
        summaries.push(...(page.TraceSummaries ?? []));
        processed += page.TracesProcessedCount ?? 0;
        token = page.NextToken;
      } while (token && summaries.length < MAX_SUMMARIES);
      return { summaries, processed, truncated: token !== undefined, window };
    },
    retry: false,
  });
}

/**
 * One whole trace: every segment document (parsing is the caller's job, it is the costly part). The
 * trace page reads it only for the details of an opened row; `enabled` says when.
 */
export function useTrace(id: string, enabled = true) {
  return useQuery({
    queryKey: ['Traces', id],
    enabled,
    queryFn: ({ signal }) => callXRay<TracesOutput>('/Traces', { TraceIds: [id] }, signal),
    staleTime: 60_000,
  });
}

/**
 * The rows of one trace's timeline (Roentgen's GetTraceTimeline). The first read of the trace the
 * page was opened on was started before the app rendered.
 */
export function useTraceTimeline(id: string) {
  return useQuery({
    queryKey: ['TraceTimeline', id],
    queryFn: ({ signal }) =>
      takeEarlyTimeline(id) ?? callXRay<TraceTimelineOutput>('/TraceTimeline', { TraceId: id }, signal),
    staleTime: 60_000,
  });
}

/** The service graph of one trace. */
export function useTraceGraph(id: string, enabled = true) {
  return useQuery({
    queryKey: ['TraceGraph', id],
    enabled,
    queryFn: ({ signal }) => callXRay<ServiceGraphOutput>('/TraceGraph', { TraceIds: [id] }, signal),
    staleTime: 60_000,
    retry: false,
  });
}

export function useGroups() {
  return useQuery({
    queryKey: ['Groups'],
    queryFn: async ({ signal }) => {
      const groups: Group[] = [];
      let token: string | undefined;
      do {
        const page = await callXRay<{ Groups?: Group[]; NextToken?: string }>(
          '/Groups',
          token ? { NextToken: token } : {},
          signal,
        );
        groups.push(...(page.Groups ?? []));
        token = page.NextToken;
      } while (token);
      return groups;
    },
  });
}

export function useSamplingRules() {
  return useQuery({
    queryKey: ['SamplingRules'],
    queryFn: async ({ signal }) => {
      const records: SamplingRuleRecord[] = [];
      let token: string | undefined;
      do {
        const page = await callXRay<{ SamplingRuleRecords?: SamplingRuleRecord[]; NextToken?: string }>(
          '/GetSamplingRules',
          token ? { NextToken: token } : {},
          signal,
        );
        records.push(...(page.SamplingRuleRecords ?? []));
        token = page.NextToken;
      } while (token);
      return records;
    },
  });
}

/** A write to groups or rules; on success the matching list is fetched again. */
export function useXRayMutation<I extends object>(path: string, invalidates: 'Groups' | 'SamplingRules') {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: I) => callXRay<unknown>(path, input),
    onSuccess: () => client.invalidateQueries({ queryKey: [invalidates] }),
  });
}

export type { SamplingRule };
