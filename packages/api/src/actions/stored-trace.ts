/**
 * A trace's stored documents made into what the read actions send: parsed once, independent
 * subsegments merged into their parents, inferred segments added (reference §2.11).
 */
import type { SegmentDocument } from '@roentgen/model';
import { assembleOwnedTrace, type AssembledTrace } from '@roentgen/service-map';
import type { DocumentRecord } from '@roentgen/storage';

export interface StoredTrace {
  /** Real segments by start time and orphaned independent subsegments, merged; inference is the reader's. */
  readonly assembled: AssembledTrace;
  /**
   * The stored JSON text of a document that merging left unchanged, or `undefined` (merged into, or
   * not a stored document). The collector stores `JSON.stringify(document)`, so that text is what
   * serializing the document again would give, at no cost.
   */
  textOf(document: SegmentDocument): string | undefined;
}

/** Compiles one trace's current documents; the records are not changed. */
export function compileStoredTrace(records: readonly DocumentRecord[]): StoredTrace {
  // Parsed for this call alone, so merged in place; each keeps the text it was parsed from.
  const stored = new Map<SegmentDocument, string>();
  const documents = records.map((r) => {
    const document = JSON.parse(r.document) as SegmentDocument;
    stored.set(document, r.document);
    return document;
  });
  const assembled = assembleOwnedTrace(documents);
  return {
    assembled,
    textOf: (document) => (assembled.changed.has(document) ? undefined : stored.get(document)),
  };
}

/** Seconds from the earliest start to the latest end of any document, to the microsecond. */
export function traceDuration(records: readonly DocumentRecord[]): number {
  let start = Infinity;
  let end = -Infinity;
  for (const record of records) {
    start = Math.min(start, record.startTime);
    end = Math.max(end, record.endTime ?? record.startTime);
  }
  return Number.isFinite(start) ? Math.round((end - start) * 1e6) / 1e6 : 0;
}
