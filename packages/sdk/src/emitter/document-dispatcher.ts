/**
 * Decides what is sent when: a completed segment as one document; a completed subsegment on its own
 * (an independent subsegment) when its segment has more open subsegments than the streaming
 * threshold, when its parent is a facade (function mode), or when it started after its parent's
 * document was final. Documents over one datagram are split: their subsegments go out
 * independently, then the remainder; a single document still too large is dropped and counted.
 */
import type { EntityFields, Subsegment } from '@roentgen/model';
import type { EntityHost } from '../entity/entity-host.ts';
import type { TraceSegment } from '../entity/trace-segment.ts';
import type { TraceSubsegment } from '../entity/trace-subsegment.ts';
import type { OnceLogger } from '../sdk-logger.ts';
import { serializeDocument, type SerializeProblem } from './serialize-document.ts';
import { DAEMON_HEADER, MAX_DATAGRAM_BYTES } from './udp-emitter.ts';

/** Where serialized documents go; the UDP emitter in production, an array in some tests. */
export interface DocumentSink {
  send(documentJson: string): void;
  readonly stats: { dropped: number };
}

const MAX_DOCUMENT_BYTES = MAX_DATAGRAM_BYTES - DAEMON_HEADER.length;

/** The tracer's {@link EntityHost}: turns completed entities into datagrams. */
export class DocumentDispatcher implements EntityHost {
  readonly problems: OnceLogger;
  readonly recordedErrors = new WeakMap<object, string>();
  readonly workingDirectory = process.cwd();
  readonly #sink: DocumentSink;
  readonly #streamingThreshold: number;
  readonly #report = (problem: SerializeProblem): void => {
    if (problem === 'replaced')
      this.problems.once('serialize-replaced', 'metadata had cycles or BigInts; they were replaced');
    else this.problems.once('serialize-failed', 'a document could not be serialized and was dropped');
  };

  constructor(sink: DocumentSink, problems: OnceLogger, streamingThreshold: number) {
    this.#sink = sink;
    this.problems = problems;
    this.#streamingThreshold = streamingThreshold;
  }

  segmentCompleted(segment: TraceSegment): void {
    this.#emit(segment.doc, segment.doc.trace_id);
  }

  subsegmentCompleted(subsegment: TraceSubsegment): boolean {
    const segment = subsegment.segment;
    const stream =
      subsegment.late ||
      (segment.facade && subsegment.parent === segment) ||
      segment.openSubsegments > this.#streamingThreshold;
    if (!stream) return false;
    subsegment.detachFromParent();
    this.#emit(independent(subsegment.doc, segment.doc.trace_id, subsegment.parent.id), segment.doc.trace_id);
    return true;
  }

  #emit(doc: EntityFields, traceId: string): void {
    try {
      const json = serializeDocument(doc, this.#report);
      if (json === undefined) {
        this.#sink.stats.dropped++;
        return;
      }
      // UTF-16 length times 3 bounds the UTF-8 size, which skips byteLength for almost every document.
      if (json.length * 3 <= MAX_DOCUMENT_BYTES || Buffer.byteLength(json) <= MAX_DOCUMENT_BYTES) {
        this.#sink.send(json);
        return;
      }
      this.#split(doc, traceId);
    } catch (error) {
      this.#sink.stats.dropped++;
      this.problems.once('emit-failed', `a document could not be sent: ${String(error)}`);
    }
  }

  #split(doc: EntityFields, traceId: string): void {
    const children = doc.subsegments;
    if (children === undefined || children.length === 0) {
      this.#sink.stats.dropped++;
      this.problems.once('too-large', 'a document over 64 KB with nothing left to split was dropped');
      return;
    }
    delete doc.subsegments;
    for (const child of children) this.#emit(independent(child, traceId, doc.id), traceId);
    this.#emit(doc, traceId);
  }
}

function independent(doc: Subsegment, traceId: string, parentId: string): Subsegment {
  doc.type = 'subsegment';
  doc.trace_id = traceId;
  doc.parent_id = parentId;
  return doc;
}
