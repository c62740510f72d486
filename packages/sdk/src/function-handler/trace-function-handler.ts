/**
 * Function handlers in the Lambda style (reference §6.5, §7.5). The host that invokes the function
 * records the function's segment itself and passes its ID as `Parent` in the trace header; the
 * function's own subsegments (and its outgoing calls) are sent as independent subsegments with
 * that `parent_id`, one document each, as the X-Ray SDK does under Lambda. Nothing is sent when the
 * header says `Sampled=0`, and no header is propagated when it carries no `Parent`.
 *
 * ```ts
 * export const handler = traceFunctionHandler(tracer, async (event) => {
 *   return tracer.captureAsync('render', async () => render(event));
 * }, { traceHeaderOf: (_event, context) => context.traceHeader });
 * ```
 */
import type { Tracer } from '../tracer.ts';

/** Options of {@link traceFunctionHandler}. */
export interface FunctionHandlerOptions<E, C> {
  /**
   * The invocation's `X-Amzn-Trace-Id` value. Default: the `_X_AMZN_TRACE_ID` environment variable,
   * as Lambda sets it; a host running several invocations at once in one process must pass it per call.
   */
  traceHeaderOf?: (event: E, context: C) => string | undefined;
  /** Wait until this invocation's documents have left the socket before returning (default true: hosts may freeze the process). */
  flush?: boolean;
}

/**
 * Runs `fn` as the work of one invocation whose segment the host records. Returns what `fn` returns;
 * `fn` runs untraced when the header has no Root or Parent.
 */
export async function runFunctionInvocation<R>(
  tracer: Tracer,
  traceHeader: string | undefined,
  fn: () => Promise<R> | R,
  flush = true,
): Promise<R> {
  const facade = traceHeader === undefined ? undefined : tracer.startFacadeSegment(traceHeader);
  if (facade === undefined) return fn();
  try {
    return await tracer.runWith(facade, fn);
  } finally {
    if (flush && facade.sampled) await tracer.flush();
  }
}

/** Wraps an `(event, context) => result` handler so each invocation is traced under the host's segment. */
export function traceFunctionHandler<E, C, R>(
  tracer: Tracer,
  handler: (event: E, context: C) => Promise<R> | R,
  options: FunctionHandlerOptions<E, C> = {},
): (event: E, context: C) => Promise<R> {
  const traceHeaderOf = options.traceHeaderOf ?? (() => process.env._X_AMZN_TRACE_ID);
  const flush = options.flush ?? true;
  return (event, context) =>
    runFunctionInvocation(tracer, traceHeaderOf(event, context), () => handler(event, context), flush);
}
