/**
 * GetTraceSummaries (`POST /TraceSummaries`, reference §4.5.2): reads and checks the members, resolves
 * `GroupName`/`GroupARN` (an extension: results restricted to the group), and pages with a
 * tamper-evident `NextToken` bound to every other member of the request.
 */
import { createHash } from 'node:crypto';
import type { FindOptions, GroupRegistry, SamplingStrategy } from '@roentgen/query';
import { DEFAULT_SAMPLING, findTraceSummaries } from '@roentgen/query';
import type { SummaryCursor, TimeRangeType, TraceStore } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import type { PageTokens } from '../actions/page-token.ts';
import { describe, optionalBoolean, optionalString, requiredTimestamp } from '../http/input-members.ts';
import { withQueryErrors } from './query-errors.ts';

const RANGE_TYPES: readonly TimeRangeType[] = ['TraceId', 'Event', 'Service'];

/** The action; `options` sets page size, scan budget and the longest window. */
export function traceSummariesAction(
  store: TraceStore,
  groups: GroupRegistry,
  tokens: PageTokens,
  options: FindOptions = {},
) {
  return (input: Record<string, unknown>): Promise<object> =>
    withQueryErrors(async () => {
      const startTime = requiredTimestamp(input, 'StartTime');
      const endTime = requiredTimestamp(input, 'EndTime');
      const timeRangeType = rangeType(input);
      const filterExpression = optionalString(input, 'FilterExpression');
      const sampling = optionalBoolean(input, 'Sampling') === true ? strategy(input) : undefined;
      const groupName = optionalString(input, 'GroupName');
      const groupArn = optionalString(input, 'GroupARN');
      const scope = scopeOf(input);
      const token = optionalString(input, 'NextToken');
      const cursor = token === undefined ? undefined : readCursor(tokens, scope, token);
      const allGroups = await groups.facts();
      const group =
        groupName === undefined && groupArn === undefined
          ? undefined
          : await groups.get({ ...(groupName ? { name: groupName } : {}), ...(groupArn ? { arn: groupArn } : {}) });
      const page = await findTraceSummaries(
        store,
        {
          startTime,
          endTime,
          timeRangeType,
          groups: allGroups,
          ...(filterExpression === undefined ? {} : { filterExpression }),
          ...(sampling ? { sampling } : {}),
          ...(group
            ? {
                group: allGroups.find((g) => g.name === group.GroupName) ?? {
                  name: group.GroupName,
                  arn: group.GroupARN,
                },
              }
            : {}),
          ...(cursor ? { cursor } : {}),
        },
        options,
      );
      return {
        TraceSummaries: page.summaries,
        ApproximateTime: page.approximateTime,
        TracesProcessedCount: page.tracesProcessedCount,
        ...(page.nextCursor ? { NextToken: tokens.issue(scope, page.nextCursor) } : {}),
      };
    });
}

function rangeType(input: Record<string, unknown>): TimeRangeType {
  const value = optionalString(input, 'TimeRangeType') ?? 'TraceId';
  if (!RANGE_TYPES.includes(value as TimeRangeType)) {
    throw invalidRequest(`TimeRangeType must be one of ${RANGE_TYPES.join(', ')}, got ${JSON.stringify(value)}.`);
  }
  return value as TimeRangeType;
}

function strategy(input: Record<string, unknown>): SamplingStrategy {
  const raw = input['SamplingStrategy'];
  if (raw === undefined || raw === null) return DEFAULT_SAMPLING;
  if (typeof raw !== 'object' || Array.isArray(raw))
    throw invalidRequest(`SamplingStrategy must be an object, got ${describe(raw)}.`);
  const { Name: name, Value: value } = raw as { Name?: unknown; Value?: unknown };
  if (name !== 'PartialScan' && name !== 'FixedRate') {
    throw invalidRequest(`SamplingStrategy.Name must be PartialScan or FixedRate, got ${describe(name)}.`);
  }
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw invalidRequest(`SamplingStrategy.Value must be a number from 0 to 1, got ${describe(value)}.`);
  }
  return { name, value };
}

// Every member but NextToken: a token is refused with any other request than the one it came from.
function scopeOf(input: Record<string, unknown>): string {
  const members = [
    'StartTime',
    'EndTime',
    'TimeRangeType',
    'FilterExpression',
    'Sampling',
    'SamplingStrategy',
    'GroupName',
    'GroupARN',
  ];
  const text = JSON.stringify(members.map((m) => input[m] ?? null));
  return 'TraceSummaries:' + createHash('sha256').update(text).digest('base64url');
}

function readCursor(tokens: PageTokens, scope: string, token: string): SummaryCursor {
  const position = tokens.read<unknown>(scope, token);
  const { time, traceId } = (position ?? {}) as { time?: unknown; traceId?: unknown };
  if (typeof time !== 'number' || typeof traceId !== 'string')
    throw invalidRequest('NextToken is not valid for this request.');
  return { time, traceId };
}
