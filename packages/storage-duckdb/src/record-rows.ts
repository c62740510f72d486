/**
 * Turns result rows (as `getRowObjectsJS` gives them: NULL as `null`, lists as arrays) back into the
 * port's records. Rows come from our own tables, so their shapes are trusted.
 */
import type { JS } from '@duckdb/node-api';
import type { DocumentRecord, TraceSummaryRecord } from '@roentgen/storage';
import { stringsOfSetText } from './token-set.ts';

/** A result row keyed by column name. */
export type Row = Record<string, JS>;

/** The document record of a `documents` row. */
export function documentFromRow(row: Row): DocumentRecord {
  return {
    traceId: row.trace_id as string,
    id: row.id as string,
    parentId: optional<string>(row.parent_id),
    kind: row.kind as DocumentRecord['kind'],
    name: row.name as string,
    origin: optional<string>(row.origin),
    startTime: row.start_time as number,
    endTime: optional<number>(row.end_time),
    inProgress: row.in_progress as boolean,
    fault: row.fault as boolean,
    error: row.error as boolean,
    throttle: row.throttle as boolean,
    httpStatus: optional<number>(row.http_status),
    traceEpoch: row.trace_epoch as number,
    receivedAt: row.received_at as number,
    document: row.document as string,
  };
}

/** The summary record of a `trace_summaries` row (its `facts` empty when the row has none). */
/**
 * The columns `summaryFromRow` reads, `facts` aside. The filter-only columns (edge pairs, edge
 * response times, annotation values) are left out of a page's read: each row of a page lies in its
 * own row group, and every text column read costs a vector's decompression per row.
 */
export const SUMMARY_RECORD_COLUMNS = [
  'trace_id',
  'revision',
  'trace_epoch',
  'start_time',
  'end_time',
  'response_time',
  'duration',
  'has_fault',
  'has_error',
  'has_throttle',
  'is_partial',
  'http_status',
  'http_url',
  'http_method',
  'user_agent',
  'client_ip',
  'root_service',
  'services',
  'fault_services',
  'error_services',
  'throttle_services',
  'edges',
  'fault_cause_services',
  'error_cause_services',
  'response_time_cause_services',
  'users',
  'annotations',
  'summary',
].join(', ');

export function summaryFromRow(row: Row): TraceSummaryRecord {
  return {
    traceId: row.trace_id as string,
    revision: row.revision as number,
    traceEpoch: row.trace_epoch as number,
    startTime: row.start_time as number,
    endTime: row.end_time as number,
    responseTime: row.response_time as number,
    duration: row.duration as number,
    hasFault: row.has_fault as boolean,
    hasError: row.has_error as boolean,
    hasThrottle: row.has_throttle as boolean,
    isPartial: row.is_partial as boolean,
    httpStatus: optional<number>(row.http_status),
    httpUrl: optional<string>(row.http_url),
    httpMethod: optional<string>(row.http_method),
    userAgent: optional<string>(row.user_agent),
    clientIp: optional<string>(row.client_ip),
    rootService: optional<string>(row.root_service),
    services: stringsOfSetText(row.services as string),
    faultServices: stringsOfSetText(row.fault_services as string),
    errorServices: stringsOfSetText(row.error_services as string),
    throttleServices: stringsOfSetText(row.throttle_services as string),
    edges: JSON.parse(row.edges as string) as TraceSummaryRecord['edges'],
    rootCauseServices: {
      fault: stringsOfSetText(row.fault_cause_services as string),
      error: stringsOfSetText(row.error_cause_services as string),
      responseTime: stringsOfSetText(row.response_time_cause_services as string),
    },
    users: stringsOfSetText(row.users as string),
    annotations: JSON.parse(row.annotations as string) as TraceSummaryRecord['annotations'],
    summary: row.summary as string,
    // Absent when the query asked for no facts (SummaryQuery.withoutFacts).
    facts: (row.facts as string | undefined) ?? '',
  };
}

/** A count column as a number (DuckDB counts are BIGINT). */
export function countOf(value: JS | undefined): number {
  return Number(value ?? 0);
}

function optional<T>(value: JS | undefined): T | undefined {
  return value === null || value === undefined ? undefined : (value as T);
}
