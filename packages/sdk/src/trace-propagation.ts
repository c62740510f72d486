/**
 * Reading trace context from incoming headers and writing it on outgoing ones. `X-Amzn-Trace-Id`
 * wins over W3C `traceparent` when both arrive with a usable trace ID; outgoing calls carry the
 * formats the tracer is configured with (both by default).
 */
import {
  formatTraceparent,
  isValidSegmentId,
  isValidTraceId,
  parseTraceHeader,
  parseTraceparent,
} from '@roentgen/model';

/** Header formats the SDK can write on outgoing calls. */
export type PropagationFormat = 'xray' | 'w3c';

/** Trace context taken from a caller; any field may be missing. */
export interface IncomingTraceContext {
  traceId?: string;
  parentId?: string;
  /** `true`/`false` when the caller decided; `undefined` when we decide (`Sampled=?` or absent). */
  sampled?: boolean;
  /** `;Key=value` pairs to pass on to AWS calls (Lineage and extra data), or `''`. */
  extra: string;
}

const NO_CONTEXT: IncomingTraceContext = Object.freeze({ extra: '' });

/** Reads `X-Amzn-Trace-Id`, then `traceparent`; returns an empty context when neither is usable. */
export function readTraceContext(xray: string | undefined, traceparent: string | undefined): IncomingTraceContext {
  if (xray !== undefined) {
    const header = parseTraceHeader(xray);
    if (header.root !== undefined && isValidTraceId(header.root)) {
      const context: IncomingTraceContext = { traceId: header.root, extra: extraOf(header.lineage, header.extra) };
      if (header.parent !== undefined && isValidSegmentId(header.parent)) context.parentId = header.parent;
      if (header.sampled === '1') context.sampled = true;
      else if (header.sampled === '0') context.sampled = false;
      return context;
    }
  }
  if (traceparent !== undefined) {
    const w3c = parseTraceparent(traceparent);
    if (w3c !== undefined) return { traceId: w3c.traceId, parentId: w3c.parentId, sampled: w3c.sampled, extra: '' };
  }
  return NO_CONTEXT;
}

function extraOf(lineage: string | undefined, extra: Record<string, string>): string {
  let text = lineage === undefined ? '' : `;Lineage=${lineage}`;
  for (const key in extra) text += `;${key}=${extra[key]}`;
  // parseTraceHeader keeps values verbatim; never forward a pair that could split a header.
  return /[\r\n]/.test(text) ? '' : text;
}

/** The `X-Amzn-Trace-Id` value for a call made from `parentId`; `extra` as from {@link readTraceContext}. */
export function xrayHeaderValue(traceId: string, parentId: string, sampled: boolean, extra = ''): string {
  return `Root=${traceId};Parent=${parentId};Sampled=${sampled ? '1' : '0'}${extra}`;
}

/** The `traceparent` value for a call made from `parentId`, or `undefined` if the trace ID has no W3C form. */
export function traceparentValue(traceId: string, parentId: string, sampled: boolean): string | undefined {
  try {
    return formatTraceparent({ traceId, parentId, sampled });
  } catch {
    return undefined;
  }
}
