import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SegmentDocument } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';
import { deriveTraceSummary } from './derive-trace-summary.ts';
import { ownedDocuments } from './owned-documents.ts';
import { traceGraphContribution } from '@roentgen/service-map';
import { variedTraces } from './testing/varied-traces.ts';

function withParsed(records: readonly DocumentRecord[]): DocumentRecord[] {
  return records.map((record) => ({ ...record, parsed: JSON.parse(record.document) as SegmentDocument }));
}

function derivedText(records: readonly DocumentRecord[]): string {
  const derived = deriveTraceSummary(records);
  return JSON.stringify([derived.record, derived.summary, derived.facts, traceGraphContribution(derived.assembled)]);
}

test('owned documents are new objects with the stored content, whether parsed here or copied', () => {
  const [records = []] = variedTraces(1, 1);
  for (const given of [records, withParsed(records)]) {
    const first = ownedDocuments(given);
    const second = ownedDocuments(given);
    first.forEach((document, i) => {
      assert.deepEqual(document, JSON.parse(given[i]?.document ?? ''));
      assert.notEqual(document, second[i], 'each call makes its own copies');
      assert.notEqual(document, given[i]?.parsed, 'the parsed copy of a record is not handed out');
    });
  }
});

test('deriving merges into its own copies: the same records derive alike again, parsed copies stay untouched', () => {
  // Reshaped traces have subsegments sent on their own, which assembly merges into their parents.
  for (const records of variedTraces(3, 40).slice(40)) {
    const parsedRecords = withParsed(records);
    const parsedBefore = JSON.stringify(parsedRecords.map((r) => r.parsed));
    const expected = derivedText(records);
    assert.equal(derivedText(records), expected);
    assert.equal(derivedText(parsedRecords), expected);
    assert.equal(derivedText(parsedRecords), expected);
    assert.equal(JSON.stringify(parsedRecords.map((r) => r.parsed)), parsedBefore);
  }
});
