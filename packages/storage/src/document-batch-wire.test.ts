import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { makeDocumentRecord } from './contract/record-builders.ts';
import type { DocumentRecord } from './document-record.ts';
import { isPackedDocumentBatch, packDocumentBatch, unpackDocumentBatch } from './document-batch-wire.ts';

/** Records with every optional field both present and absent, every flag set somewhere, and text beyond Latin-1. */
function variedRecords(): DocumentRecord[] {
  const root = makeDocumentRecord({ name: 'checkout' });
  return [
    root,
    makeDocumentRecord({
      traceId: root.traceId,
      parentId: root.id,
      name: 'db',
      origin: undefined,
      httpStatus: undefined,
    }),
    makeDocumentRecord({ inProgress: true, fault: true, name: 'träge-Dienst ☃' }),
    makeDocumentRecord({
      kind: 'subsegment',
      parentId: root.id,
      error: true,
      throttle: true,
      httpStatus: 429,
      name: '',
    }),
    { ...makeDocumentRecord(), document: '{"name":"ünïcödé 🚀"}' },
  ];
}

test('a packed batch unpacks to records equal to the packed ones, field by field', () => {
  const records = variedRecords();
  assert.deepEqual(unpackDocumentBatch(packDocumentBatch(records)), records);
  assert.deepEqual(unpackDocumentBatch(packDocumentBatch([])), []);
});

test('a packed batch survives crossing to another thread (structured clone)', () => {
  const records = variedRecords();
  const { port1, port2 } = new MessageChannel();
  port1.postMessage(packDocumentBatch(records));
  const received: unknown = receiveMessageOnPort(port2)?.message;
  port1.close();
  assert.ok(isPackedDocumentBatch(received));
  assert.deepEqual(unpackDocumentBatch(received), records);
});

test('the parsed copy stays behind, and the same array is packed once', () => {
  const records = [{ ...makeDocumentRecord(), parsed: { id: 'x', trace_id: 't', name: 'n', start_time: 1 } }];
  const packed = packDocumentBatch(records);
  assert.equal(packDocumentBatch(records), packed, 'packed once per array');
  assert.equal(unpackDocumentBatch(packed)[0]?.parsed, undefined);
  assert.equal('parsed' in (unpackDocumentBatch(packed)[0] ?? {}), false);
});

test('only a packed batch is taken for one', () => {
  assert.equal(isPackedDocumentBatch([makeDocumentRecord()]), false);
  assert.equal(isPackedDocumentBatch(null), false);
  assert.equal(isPackedDocumentBatch({ ...packDocumentBatch([]), ends: [] }), false);
});
