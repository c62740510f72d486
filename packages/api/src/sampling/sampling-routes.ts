import type { TraceStore } from '@roentgen/storage';
import { invalidRequest } from '../errors/api-error.ts';
import type { Route } from '../http/api-types.ts';
import { describe } from '../http/input-members.ts';
import { jsonAction } from '../http/json-action.ts';
import { readNewRule, ruleNameOf } from './sampling-rule.ts';
import { SamplingRuleBook } from './sampling-rule-book.ts';
import { SamplingTargetPlanner, type SamplingStatistics } from './sampling-targets.ts';

/** At most this many statistics documents per GetSamplingTargets call (X-Ray's model limit). */
const MAX_STATISTICS_DOCUMENTS = 25;

/**
 * The sampling actions on X-Ray's paths. SDKs call GetSamplingRules and SamplingTargets unsigned on
 * the daemon's address (which is ours), so nothing here looks at credentials.
 */
export function samplingRoutes(store: TraceStore, now: () => number = () => Date.now() / 1000): Route[] {
  const rules = new SamplingRuleBook(store, now);
  const planner = new SamplingTargetPlanner();
  return [
    {
      method: 'POST',
      path: '/GetSamplingRules',
      action: 'GetSamplingRules',
      handler: jsonAction(async () => ({ SamplingRuleRecords: await rules.list() })),
    },
    {
      method: 'POST',
      path: '/SamplingTargets',
      action: 'GetSamplingTargets',
      handler: jsonAction(async (input) => {
        const reports = readStatistics(input);
        const known = await rules.list();
        const names = new Set(known.map((r) => r.SamplingRule.RuleName));
        return {
          SamplingTargetDocuments: planner.plan(reports, known, now()),
          LastRuleModification: await rules.lastModification(),
          UnprocessedStatistics: reports
            .filter((r) => !names.has(r.RuleName))
            .map((r) => ({
              RuleName: r.RuleName,
              ErrorCode: '400',
              Message: `No sampling rule is named ${r.RuleName}.`,
            })),
        };
      }),
    },
    {
      method: 'POST',
      path: '/SamplingStatisticSummaries',
      action: 'GetSamplingStatisticSummaries',
      handler: jsonAction(() => Promise.resolve({ SamplingStatisticSummaries: planner.summaries() })),
    },
    {
      method: 'POST',
      path: '/CreateSamplingRule',
      action: 'CreateSamplingRule',
      handler: jsonAction(async (input) => ({
        SamplingRuleRecord: await rules.create(readNewRule(objectMember(input, 'SamplingRule'))),
      })),
    },
    {
      method: 'POST',
      path: '/UpdateSamplingRule',
      action: 'UpdateSamplingRule',
      handler: jsonAction(async (input) => {
        const update = objectMember(input, 'SamplingRuleUpdate');
        return { SamplingRuleRecord: await rules.update(ruleNameOf(update, 'SamplingRuleUpdate'), update) };
      }),
    },
    {
      method: 'POST',
      path: '/DeleteSamplingRule',
      action: 'DeleteSamplingRule',
      handler: jsonAction(async (input) => ({
        SamplingRuleRecord: await rules.delete(ruleNameOf(input, 'DeleteSamplingRule')),
      })),
    },
  ];
}

function objectMember(input: Record<string, unknown>, member: string): Record<string, unknown> {
  const value = input[member];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidRequest(
      `${member} is required and must be an object, got ${value === undefined ? 'nothing' : describe(value)}.`,
    );
  }
  return value as Record<string, unknown>;
}

function readStatistics(input: Record<string, unknown>): SamplingStatistics[] {
  const documents = input['SamplingStatisticsDocuments'];
  if (!Array.isArray(documents)) throw invalidRequest('SamplingStatisticsDocuments is required and must be a list.');
  if (documents.length > MAX_STATISTICS_DOCUMENTS) {
    throw invalidRequest(
      `SamplingStatisticsDocuments holds ${documents.length} documents; at most ${MAX_STATISTICS_DOCUMENTS} are allowed.`,
    );
  }
  return documents.map((document: unknown, index) => {
    const where = `SamplingStatisticsDocuments[${index}]`;
    if (typeof document !== 'object' || document === null) throw invalidRequest(`${where} must be an object.`);
    const d = document as Record<string, unknown>;
    if (typeof d['RuleName'] !== 'string' || d['RuleName'] === '')
      throw invalidRequest(`${where}.RuleName is required.`);
    if (typeof d['ClientID'] !== 'string' || d['ClientID'].length !== 24) {
      throw invalidRequest(`${where}.ClientID must be a string of exactly 24 characters.`);
    }
    const count = (member: string, required: boolean): number => {
      const value = d[member] ?? (required ? undefined : 0);
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw invalidRequest(`${where}.${member} must be a whole number ≥ 0.`);
      }
      return value;
    };
    const timestamp = typeof d['Timestamp'] === 'string' ? Number(d['Timestamp']) : d['Timestamp'];
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp))
      throw invalidRequest(`${where}.Timestamp must be epoch seconds.`);
    return {
      RuleName: d['RuleName'],
      ClientID: d['ClientID'],
      Timestamp: timestamp,
      RequestCount: count('RequestCount', true),
      SampledCount: count('SampledCount', true),
      BorrowCount: count('BorrowCount', false),
    };
  });
}
