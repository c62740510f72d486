/**
 * Fresh, private copies of stored documents, for assembling a trace in place
 * (`assembleOwnedTrace` merges into the objects it is given instead of cloning them first).
 */
import type { SegmentDocument } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';

/**
 * One new object tree per record, nothing shared with the record or with an earlier call, so the
 * caller may change them. Parsing the JSON text is the cheap way: it costs less than the
 * `structuredClone` an unowned assembly makes, and the derivation worker has to parse the text
 * anyway (records reach it without their parsed copy). A record that carries its parsed copy is
 * cloned instead, because that copy (not the text) is what the collector saw and it is read-only.
 */
export function ownedDocuments(records: readonly DocumentRecord[]): SegmentDocument[] {
  const documents = new Array<SegmentDocument>(records.length);
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i] as DocumentRecord;
    documents[i] =
      record.parsed === undefined ? (JSON.parse(record.document) as SegmentDocument) : structuredClone(record.parsed);
  }
  return documents;
}
