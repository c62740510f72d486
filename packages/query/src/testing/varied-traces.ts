/**
 * Traces of many shapes, for tests that pin what the derivations make of them: the traces of
 * `randomTraces`, then each of them reshaped — calls to AWS services and remote APIs, account ids,
 * exceptions, traced calls, long lists of annotation keys, subsegments sent on their own (some
 * still in progress, some with a lost parent, two in a loop), in-progress versions beside complete
 * ones, a lost segment, segment-to-segment parents, many failing calls, documents in any order.
 * Deterministic for a seed.
 */
import type { IndependentSubsegment, Segment, SegmentDocument, Subsegment } from '@roentgen/model';
import type { DocumentRecord } from '@roentgen/storage';
import { Random, randomTraces } from './random-traces.ts';
import { toRecord } from './trace-builders.ts';

/** `count` random traces followed by `count` reshaped copies of them (2 × `count` in all). */
export function variedTraces(seed: number, count: number): DocumentRecord[][] {
  const plain = randomTraces(seed, count);
  const random = new Random(seed ^ 0x5eed);
  const reshaped = plain.map((records, n) => {
    const documents = records.map((record) => JSON.parse(record.document) as SegmentDocument);
    return reshape(random, documents, n).map((document, i) => toRecord(document, 1_800_000_100 + i));
  });
  return [...plain, ...reshaped];
}

/** Calls as SDKs record them: AWS calls with and without a resource, remote and SQL calls, local work. */
const CALLS: readonly Omit<Subsegment, 'id' | 'start_time'>[] = [
  { name: 'DynamoDB', namespace: 'aws', aws: { operation: 'GetItem', table_name: 'orders' } },
  { name: 'dynamodb', namespace: 'aws', aws: { operation: 'BatchGetItem', table_names: ['a', 'b'] } },
  { name: 'DynamoDB.Query', namespace: 'aws', aws: { table_names: ['single'] } },
  { name: 'SQS', namespace: 'aws', aws: { queue_url: 'https://sqs.us-east-1.amazonaws.com/1234/q-1/' } },
  { name: 'SNS', namespace: 'aws', aws: { topic_arn: 'arn:aws:sns:us-east-1:1234:topic-x' } },
  { name: 's3', namespace: 'aws', aws: { bucket_name: 'bucket' } },
  { name: 'Lambda', namespace: 'aws', aws: { function_name: 'arn:aws:lambda:us-east-1:1234:function:fn:live' } },
  { name: 'Step-Functions', namespace: 'aws' },
  { name: 'db.example', namespace: 'remote', sql: { url: 'postgres://db' } },
  { name: 'partner api', namespace: 'remote', traced: true },
  { name: 'local work' },
];

function reshape(random: Random, documents: SegmentDocument[], n: number): SegmentDocument[] {
  let next = 0;
  const newId = (): string => `${(n + 1).toString(16).padStart(8, '0')}f${(++next).toString(16).padStart(7, '0')}`;
  for (const document of documents) enrich(random, document, newId);
  if (random.chance(0.6)) splitOut(random, documents);
  if (random.chance(0.3)) addInProgressVersion(random, documents);
  if (random.chance(0.2) && documents.length > 1) documents.splice(1 + random.int(documents.length - 1), 1);
  if (random.chance(0.1)) addLoop(documents, newId);
  if (random.chance(0.15)) parentToSegment(random, documents);
  if (random.chance(0.1)) addFailingCalls(random, documents, newId);
  if (random.chance(0.5)) shuffle(random, documents);
  return documents;
}

type Entity = Segment | Subsegment;

function entitiesOf(entity: Entity): Entity[] {
  return [entity, ...(entity.subsegments ?? []).flatMap(entitiesOf)];
}

function enrich(random: Random, document: SegmentDocument, newId: () => string): void {
  for (const entity of entitiesOf(document)) {
    if (random.chance(0.1)) entity.aws = { ...entity.aws, account_id: random.pick(['111122223333', '']) };
    if (random.chance(0.05)) entity.aws = { ...entity.aws, ec2: { instance_id: 'i-1', availability_zone: 'az-1' } };
    if (random.chance(0.1)) {
      entity.cause = {
        exceptions: [
          { id: newId(), type: 'TypeError', message: 'bad' },
          { id: newId(), message: random.pick(['worse', '']), ...(random.chance(0.3) ? { remote: true } : {}) },
        ],
      };
      if (random.chance(0.5)) entity.fault = true;
      else entity.error = true;
    }
    if (random.chance(0.03)) entity.cause = newId();
    if (random.chance(0.05)) entity.throttle = true;
    if (random.chance(0.05) && entity.http?.request) entity.http.request.traced = true;
    if (random.chance(0.05)) (entity as Subsegment).traced = true;
    if (random.chance(0.1)) entity.annotations = { ...entity.annotations, n: random.pick([1, '1', true, 'true', 0]) };
    if (random.chance(0.02)) {
      entity.annotations = Object.fromEntries(Array.from({ length: 60 }, (_, k) => [`k${(k * 7) % 61}`, k]));
    }
  }
  const entities = entitiesOf(document);
  for (let k = random.int(3); k > 0; k--) {
    const parent = random.pick(entities);
    const start = parent.start_time + random.next() * 0.01;
    const call: Subsegment = { id: newId(), ...structuredClone(random.pick(CALLS)), start_time: start };
    if (random.chance(0.1)) call.in_progress = true;
    else call.end_time = start + random.next() * 0.5;
    if (random.chance(0.2)) call.fault = true;
    if (random.chance(0.2)) call.http = { response: { status: random.pick([200, 404, 429, 500]) } };
    (parent.subsegments ??= []).push(call);
  }
}

/** Sends some subsegments on their own, sometimes leaving an in-progress fragment in their place. */
function splitOut(random: Random, documents: SegmentDocument[]): void {
  const independents: IndependentSubsegment[] = [];
  for (const document of documents) {
    for (const parent of entitiesOf(document)) {
      const children = parent.subsegments ?? [];
      for (let i = children.length - 1; i >= 0; i--) {
        const child = children[i] as Subsegment;
        if (!random.chance(0.25)) continue;
        if (random.chance(0.2))
          children[i] = { id: child.id, name: child.name, start_time: child.start_time, in_progress: true };
        else children.splice(i, 1);
        independents.push({ ...child, type: 'subsegment', trace_id: document.trace_id, parent_id: parent.id });
      }
    }
  }
  documents.push(...independents);
}

function addInProgressVersion(random: Random, documents: SegmentDocument[]): void {
  const document = random.pick(documents);
  const { end_time: _end, ...rest } = structuredClone(document);
  const early = { ...rest, in_progress: true, subsegments: [] } as SegmentDocument;
  if (random.chance(0.5)) documents.unshift(early);
  else documents.push(early);
}

function addLoop(documents: SegmentDocument[], newId: () => string): void {
  const first = documents[0] as SegmentDocument;
  const [a, b] = [newId(), newId()];
  const at = { trace_id: first.trace_id, start_time: first.start_time, end_time: first.start_time + 1 };
  documents.push({ id: a, name: 'loop-a', type: 'subsegment', parent_id: b, ...at });
  documents.push({ id: b, name: 'loop-b', type: 'subsegment', parent_id: a, ...at });
}

function parentToSegment(random: Random, documents: SegmentDocument[]): void {
  const segments = documents.filter((d): d is Segment => (d as Subsegment).type !== 'subsegment');
  if (segments.length < 2) return;
  (segments[1 + random.int(segments.length - 1)] as Segment).parent_id = (segments[0] as Segment).id;
}

/** Enough failing calls, some alike, to reach the cap on root causes and to repeat causes. */
function addFailingCalls(random: Random, documents: SegmentDocument[], newId: () => string): void {
  const root = documents[0] as SegmentDocument;
  for (let k = 10 + random.int(50); k > 0; k--) {
    const start = root.start_time + k * 0.001;
    (root.subsegments ??= []).push({
      id: newId(),
      name: random.chance(0.3) ? 'same-name' : `call-${k}`,
      ...(random.chance(0.5) ? { namespace: 'remote' } : {}),
      start_time: start,
      end_time: start + 0.002,
      ...(random.chance(0.5) ? { fault: true } : { error: true }),
    });
  }
}

function shuffle(random: Random, documents: SegmentDocument[]): void {
  for (let i = documents.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [documents[i], documents[j]] = [documents[j] as SegmentDocument, documents[i] as SegmentDocument];
  }
}
