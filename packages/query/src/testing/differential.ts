/**
 * The differential check of GetTraceSummaries: random traces into a store, random expressions
 * through `findTraceSummaries` (pushdown, paging, exact check), compared with the reference — the
 * pure in-memory evaluation of every trace's facts. Any store adapter can be passed in.
 */
import type { GroupFacts, TraceFacts } from '@roentgen/filter';
import { evaluateFilter, tryParseFilterExpression } from '@roentgen/filter';
import type { SummaryCursor, TraceStore } from '@roentgen/storage';
import { deriveTraceSummary } from '../derive-trace-summary.ts';
import { findTraceSummaries } from '../find-trace-summaries.ts';
import { randomFilterText } from './random-filters.ts';
import { Random, randomTraces } from './random-traces.ts';
import { T0 } from './trace-builders.ts';

/** The groups the generated expressions refer to. */
export const TEST_GROUPS: readonly GroupFacts[] = [
  { name: 'Default', arn: 'arn:aws:xray:us-east-1:000000000000:group/Default' },
  { name: 'slow', arn: 'arn:aws:xray:us-east-1:000000000000:group/slow/A', filterExpression: 'responsetime > 1' },
  {
    name: 'faulty',
    arn: 'arn:aws:xray:us-east-1:000000000000:group/faulty/B',
    filterExpression: 'fault OR group.name = "faulty"',
  },
];

/** Puts `traceCount` random traces' summaries into an open store; returns each trace's facts. */
export async function loadRandomTraces(
  store: TraceStore,
  seed: number,
  traceCount: number,
): Promise<Map<string, TraceFacts>> {
  const facts = new Map<string, TraceFacts>();
  const records = randomTraces(seed, traceCount).map((documents) => deriveTraceSummary(documents));
  for (const derived of records) facts.set(derived.record.traceId, derived.facts);
  await store.appendTraceSummaries(records.map((d) => d.record));
  return facts;
}

/** Every trace ID `findTraceSummaries` returns for `text`, page after page (small pages, to exercise cursors). */
export async function searchAll(
  store: TraceStore,
  text: string,
  groups: readonly GroupFacts[] = TEST_GROUPS,
): Promise<string[]> {
  const ids: string[] = [];
  let cursor: SummaryCursor | undefined;
  do {
    const page = await findTraceSummaries(
      store,
      {
        startTime: T0 - 10,
        endTime: T0 + 3600,
        timeRangeType: 'TraceId',
        filterExpression: text,
        groups,
        ...(cursor ? { cursor } : {}),
      },
      { pageSize: 7, storeBatch: 11, scanBudget: 40 },
    );
    ids.push(...page.summaries.map((s) => s.Id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** The reference answer: traces whose facts meet the expression. */
export function expectedIds(
  facts: ReadonlyMap<string, TraceFacts>,
  text: string,
  groups: readonly GroupFacts[] = TEST_GROUPS,
): string[] {
  const parsed = tryParseFilterExpression(text);
  if (!parsed.ok) throw parsed.error;
  return [...facts].filter(([, f]) => evaluateFilter(parsed.expression, { ...f, groups })).map(([id]) => id);
}

/**
 * Runs `expressionCount` random valid expressions; returns a line per disagreement (empty when the
 * store path and the reference agree on every one) and how many expressions matched some trace.
 */
export async function pushdownDisagreements(
  store: TraceStore,
  facts: ReadonlyMap<string, TraceFacts>,
  seed: number,
  expressionCount: number,
): Promise<{ disagreements: string[]; nonEmpty: number; checked: number }> {
  const random = new Random(seed);
  const disagreements: string[] = [];
  let nonEmpty = 0;
  let checked = 0;
  for (let attempts = 0; checked < expressionCount && attempts < expressionCount * 20; attempts++) {
    const text = randomFilterText(random);
    if (!tryParseFilterExpression(text).ok) continue;
    checked++;
    const expected = expectedIds(facts, text).sort();
    const actual = await searchAll(store, text);
    if (expected.length > 0) nonEmpty++;
    const sorted = [...actual].sort();
    if (new Set(actual).size !== actual.length || JSON.stringify(sorted) !== JSON.stringify(expected)) {
      disagreements.push(`${text}\n  expected ${JSON.stringify(expected)}\n  actual   ${JSON.stringify(sorted)}`);
    }
  }
  return { disagreements, nonEmpty, checked };
}
