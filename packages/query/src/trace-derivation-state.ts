/**
 * What derivation remembers of recently active traces: their documents and their last graph
 * contribution. It lives where derivation runs (in the server, the worker thread), so that each
 * document crosses to the worker once, when it arrives, rather than with every re-derivation of its
 * trace, and the ingest thread's heap holds no documents at all (ADR 0005 amended).
 */
import { assembleOwnedTrace, negateDelta, traceGraphContribution } from '@roentgen/service-map';
import type { DocumentRecord, GraphStatsDelta, TraceSummaryRecord } from '@roentgen/storage';
import { replacesDocument } from '@roentgen/storage';
import { mergeGraphDelta } from './graph-delta-merge.ts';
import { ownedDocuments } from './owned-documents.ts';
import { deriveJob, type DerivationJob, type DerivationResult } from './derive-job.ts';

/** New documents of one trace, and the revision its summary gets. */
export interface TraceUpdate {
  readonly traceId: string;
  readonly revision: number;
  /** Documents committed since the trace was last derived; a newer version replaces an older one. */
  readonly records: readonly DocumentRecord[];
  /**
   * For a trace seen before but no longer held (evicted, or from before a restart): its documents as
   * they were before `records`, read back from the store. Their graph contribution is the one retracted.
   */
  readonly restored?: readonly DocumentRecord[];
}

/** The summaries of the updated traces and the graph-statistics change they make, folded per bucket and key. */
export interface DerivedBatch {
  readonly summaries: TraceSummaryRecord[];
  readonly delta: GraphStatsDelta;
  /** Traces whose derivation threw: no summary, no change to their contribution, documents kept. */
  readonly failures: { readonly traceId: string; readonly message: string }[];
}

interface HeldTrace {
  readonly documents: Map<string, DocumentRecord>;
  contribution: GraphStatsDelta;
  /** Whether its documents' texts are copies of their own (see `withOwnText`). */
  ownTexts: boolean;
}

const NO_CONTRIBUTION: GraphStatsDelta = { nodes: [], edges: [] };

/**
 * A trace's contribution here must always be the one the store's graph statistics will hold, since the
 * next derivation retracts it. So a trace whose derivation throws keeps its contribution (and its new
 * documents, which are stored: they count when its next documents arrive), and `graphWritten(false)`
 * undoes every change since the last delta the caller stored, when it could not store the next one.
 */
export class TraceDerivationState {
  readonly #traces = new Map<string, HeldTrace>();
  readonly #derive: (job: DerivationJob) => DerivationResult;
  /**
   * For each trace changed since the caller last stored a delta, the contribution it had then: what
   * `graphWritten(false)` puts back. The caller may hold several batches' deltas before one write.
   */
  readonly #unwritten = new Map<HeldTrace, GraphStatsDelta>();

  /** `derive`: how one trace is derived (tests make it fail). */
  constructor(derive: (job: DerivationJob) => DerivationResult = deriveJob) {
    this.#derive = derive;
  }

  /** Traces held. */
  get size(): number {
    return this.#traces.size;
  }

  /**
   * Says whether the deltas returned since the last call reached the store's graph statistics. If not,
   * their contributions are undone: the next derivation of each trace retracts what the store holds.
   * A trace forgotten meanwhile is not held any more; if it comes back, its earlier contribution is
   * recomputed from its stored documents, as after any eviction, and assumed to be in the store.
   */
  graphWritten(stored: boolean): void {
    if (!stored) for (const [trace, contribution] of this.#unwritten) trace.contribution = contribution;
    this.#unwritten.clear();
  }

  /** Forgets `forget`, then applies and derives `updates` in order. */
  apply(updates: readonly TraceUpdate[], forget: readonly string[]): DerivedBatch {
    for (const traceId of forget) this.#traces.delete(traceId);
    const summaries: TraceSummaryRecord[] = [];
    const nodes: GraphStatsDelta['nodes'][number][] = [];
    const edges: GraphStatsDelta['edges'][number][] = [];
    const changed: [HeldTrace, GraphStatsDelta][] = [];
    const failures: DerivedBatch['failures'] = [];
    for (const update of updates) {
      const held = this.#traces.get(update.traceId);
      const trace = held ?? this.#start(update);
      // A trace derived again may outlive the batches its documents came in: it keeps its texts apart.
      if (held && !held.ownTexts) {
        for (const [id, record] of held.documents) held.documents.set(id, withOwnText(record));
        held.ownTexts = true;
      }
      for (const record of update.records)
        mergeDocument(trace.documents, trace.ownTexts ? withOwnText(record) : record);
      let derived: DerivationResult;
      try {
        derived = this.#derive({ revision: update.revision, records: [...trace.documents.values()] });
      } catch (error) {
        failures.push({ traceId: update.traceId, message: error instanceof Error ? error.message : String(error) });
        continue;
      }
      if (derived.record) summaries.push(derived.record);
      const retraction = negateDelta(trace.contribution);
      nodes.push(...retraction.nodes, ...derived.contribution.nodes);
      edges.push(...retraction.edges, ...derived.contribution.edges);
      changed.push([trace, derived.contribution]);
    }
    const delta = mergeGraphDelta(nodes, edges);
    for (const [trace, contribution] of changed) {
      if (!this.#unwritten.has(trace)) this.#unwritten.set(trace, trace.contribution);
      trace.contribution = contribution;
    }
    return { summaries, delta, failures };
  }

  #start(update: TraceUpdate): HeldTrace {
    const documents = new Map<string, DocumentRecord>();
    for (const record of update.restored ?? []) mergeDocument(documents, record);
    const earlier = [...documents.values()];
    const contribution =
      earlier.length > 0 ? traceGraphContribution(assembleOwnedTrace(ownedDocuments(earlier))) : NO_CONTRIBUTION;
    const trace = { documents, contribution, ownTexts: false };
    this.#traces.set(update.traceId, trace);
    return trace;
  }
}

/**
 * `record` with a text that is a copy of its own. Records that crossed from another thread share one
 * string per batch (`unpackDocumentBatch` slices it), and one slice keeps the whole batch's text
 * alive. Traces summarized once leave with their batch-mates, in the order they came; a trace that
 * keeps receiving documents would keep each of its batches alive, so its texts are copied.
 */
function withOwnText(record: DocumentRecord): DocumentRecord {
  // Concatenating and slicing again makes V8 flatten the text into a string of its own.
  return { ...record, document: ` ${record.document}`.slice(1) };
}

/** Keeps the version of a document the store would keep (`replacesDocument`). */
export function mergeDocument(documents: Map<string, DocumentRecord>, record: DocumentRecord): void {
  const current = documents.get(record.id);
  if (!current || replacesDocument(record, current)) documents.set(record.id, record);
}
