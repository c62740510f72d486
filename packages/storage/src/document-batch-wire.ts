/**
 * A batch of document records in the form that crosses between threads: every string of every record
 * joined into one string, the numbers and flags in typed arrays. Cloned as a list of objects, a batch
 * of 250 documents is 250 objects of 17 fields and 1,500 strings to serialize one by one; and each
 * ~3 KB document text arrives in the receiver's young generation, where a collector that keeps the
 * documents of recent traces (the summarizer) copies it again at each scavenge and once more when it
 * promotes it. Joined, the text is a single large string: the serializer copies it in one piece, and
 * the receiver allocates it outside the young generation, once. Unpacked records refer to it through
 * substrings, which V8 makes slices of the large string rather than copies.
 */
import type { DocumentRecord } from './document-record.ts';

/** See the module comment. Made by `packDocumentBatch`, read by `unpackDocumentBatch`. */
export interface PackedDocumentBatch {
  readonly packedDocuments: number;
  /** Each record's `STRING_FIELDS`, in order, one after the other. */
  readonly text: string;
  /** Where each of those strings ends in `text`: `STRING_FIELDS.length` per record. */
  readonly ends: Uint32Array;
  /** `NUMBER_FIELDS` per record; `NaN` for an absent `endTime` or `httpStatus`. */
  readonly numbers: Float64Array;
  /** The `FLAG` bits of each record. */
  readonly flags: Uint8Array;
}

const STRING_FIELDS = ['traceId', 'id', 'parentId', 'name', 'origin', 'document'] as const;
const NUMBER_FIELDS = ['startTime', 'endTime', 'httpStatus', 'traceEpoch', 'receivedAt'] as const;
const FLAG = {
  inProgress: 1,
  fault: 2,
  error: 4,
  throttle: 8,
  subsegment: 16,
  hasParentId: 32,
  hasOrigin: 64,
} as const;

// A committed batch crosses twice, to the store's thread and then to the summarizer's: it is packed
// once. Keyed by the array, which no one changes (records and their arrays are read-only throughout).
const packedBatches = new WeakMap<readonly DocumentRecord[], PackedDocumentBatch>();

/**
 * `records` as one packed batch (their parsed copies, if any, stay behind). The same array gives the
 * same packed batch, made once.
 */
export function packDocumentBatch(records: readonly DocumentRecord[]): PackedDocumentBatch {
  let packed = packedBatches.get(records);
  if (!packed) packedBatches.set(records, (packed = pack(records)));
  return packed;
}

function pack(records: readonly DocumentRecord[]): PackedDocumentBatch {
  const count = records.length;
  const strings = new Array<string>(count * STRING_FIELDS.length);
  const ends = new Uint32Array(count * STRING_FIELDS.length);
  const numbers = new Float64Array(count * NUMBER_FIELDS.length);
  const flags = new Uint8Array(count);
  let end = 0;
  for (let i = 0; i < count; i++) {
    const record = records[i] as DocumentRecord;
    const fields = [
      record.traceId,
      record.id,
      record.parentId ?? '',
      record.name,
      record.origin ?? '',
      record.document,
    ];
    for (let f = 0; f < fields.length; f++) {
      const value = fields[f] as string;
      strings[i * STRING_FIELDS.length + f] = value;
      end += value.length;
      ends[i * STRING_FIELDS.length + f] = end;
    }
    const n = i * NUMBER_FIELDS.length;
    numbers[n] = record.startTime;
    numbers[n + 1] = record.endTime ?? NaN;
    numbers[n + 2] = record.httpStatus ?? NaN;
    numbers[n + 3] = record.traceEpoch;
    numbers[n + 4] = record.receivedAt;
    flags[i] =
      (record.inProgress ? FLAG.inProgress : 0) |
      (record.fault ? FLAG.fault : 0) |
      (record.error ? FLAG.error : 0) |
      (record.throttle ? FLAG.throttle : 0) |
      (record.kind === 'subsegment' ? FLAG.subsegment : 0) |
      (record.parentId === undefined ? 0 : FLAG.hasParentId) |
      (record.origin === undefined ? 0 : FLAG.hasOrigin);
  }
  return { packedDocuments: count, text: strings.join(''), ends, numbers, flags };
}

/** The records `packDocumentBatch` packed, equal to them field by field. */
export function unpackDocumentBatch(batch: PackedDocumentBatch): DocumentRecord[] {
  const { text, ends, numbers, flags } = batch;
  const records = new Array<DocumentRecord>(batch.packedDocuments);
  let start = 0;
  const next = (index: number): string => {
    const end = ends[index] as number;
    const value = text.slice(start, end);
    start = end;
    return value;
  };
  for (let i = 0; i < records.length; i++) {
    const s = i * STRING_FIELDS.length;
    const n = i * NUMBER_FIELDS.length;
    const flag = flags[i] as number;
    const traceId = next(s);
    const id = next(s + 1);
    const parentId = next(s + 2);
    const name = next(s + 3);
    const origin = next(s + 4);
    const document = next(s + 5);
    const endTime = numbers[n + 1] as number;
    const httpStatus = numbers[n + 2] as number;
    records[i] = {
      traceId,
      id,
      parentId: flag & FLAG.hasParentId ? parentId : undefined,
      kind: flag & FLAG.subsegment ? 'subsegment' : 'segment',
      name,
      origin: flag & FLAG.hasOrigin ? origin : undefined,
      startTime: numbers[n] as number,
      endTime: Number.isNaN(endTime) ? undefined : endTime,
      inProgress: (flag & FLAG.inProgress) !== 0,
      fault: (flag & FLAG.fault) !== 0,
      error: (flag & FLAG.error) !== 0,
      throttle: (flag & FLAG.throttle) !== 0,
      httpStatus: Number.isNaN(httpStatus) ? undefined : httpStatus,
      traceEpoch: numbers[n + 3] as number,
      receivedAt: numbers[n + 4] as number,
      document,
    };
  }
  return records;
}

/** Whether `value` is a `PackedDocumentBatch` (as it arrives from another thread). */
export function isPackedDocumentBatch(value: unknown): value is PackedDocumentBatch {
  const batch = value as Partial<PackedDocumentBatch> | null;
  return (
    typeof batch === 'object' &&
    batch !== null &&
    typeof batch.packedDocuments === 'number' &&
    typeof batch.text === 'string' &&
    batch.ends instanceof Uint32Array &&
    batch.numbers instanceof Float64Array &&
    batch.flags instanceof Uint8Array
  );
}
