/**
 * The functions' code, as their team would write it: each handler is wrapped by the SDK's
 * `traceFunctionHandler`, so its subsegments (and the entrypoint's Lambda calls) are sent as
 * independent subsegments of the function segment that the host records.
 */
import { InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { traceFunctionHandler, type Tracer } from '@roentgen/sdk';
import type { FunctionSpec } from '../demo-manifest.ts';
import { randomWord } from './words.ts';

/** What the host passes with each invocation (Lambda's context object, reduced to what is used). */
export interface InvocationContext {
  readonly functionName: string;
  readonly awsRequestId: string;
  /** The `X-Amzn-Trace-Id` the host made for this invocation (Lambda sets `_X_AMZN_TRACE_ID`). */
  readonly traceHeader: string | undefined;
}

/** A deployed function: event in, result out; a throw is a function error. */
export type FunctionHandler = (event: unknown, context: InvocationContext) => Promise<unknown>;

/** What the handlers need from their process. */
export interface HandlerDependencies {
  readonly tracer: Tracer;
  /** The captured Lambda client the entrypoint calls the word functions with. */
  readonly lambda: LambdaClient;
  /** Word functions by service family, for the entrypoint to pick from. */
  readonly families: Readonly<Record<string, readonly string[]>>;
  readonly random?: () => number;
}

/** The handler `spec` is deployed with, wrapped for tracing. */
export function createHandler(spec: FunctionSpec, deps: HandlerDependencies): FunctionHandler {
  const code = handlerCode(spec, deps);
  return traceFunctionHandler(deps.tracer, code, {
    traceHeaderOf: (_event, context: InvocationContext) => context.traceHeader,
  });
}

function handlerCode(spec: FunctionSpec, deps: HandlerDependencies): FunctionHandler {
  const random = deps.random ?? Math.random;
  const { tracer } = deps;
  switch (spec.handler) {
    case 'entrypoint':
      return (event) => entrypoint(event, deps);
    case 'word':
      return () => tracer.captureAsync('pick-word', () => Promise.resolve({ word: randomWord(spec.service, random) }));
    case 'faulty':
      return async () => {
        if (spec.fault.delayMs > 0) {
          // The slow part is its own subsegment, so the trace timeline shows one long bar.
          await tracer.captureAsync('load-dictionary', () => sleep(spec.fault.delayMs));
        }
        return tracer.captureAsync('pick-word', () => {
          if (random() < spec.fault.errorRate) {
            return Promise.reject(new Error(`${spec.name}: the dictionary is corrupt`));
          }
          return Promise.resolve({ word: randomWord(spec.service, random) });
        });
      };
  }
}

/**
 * Picks one function of each family, invokes them all at once, waits for every call to settle
 * (so a failure is reported only after the slow calls answered) and joins the words.
 */
async function entrypoint(event: unknown, deps: HandlerDependencies): Promise<unknown> {
  const random = deps.random ?? Math.random;
  const picked = Object.values(deps.families).map((names) => names[Math.floor(random() * names.length)] ?? '');
  const payload = new TextEncoder().encode(JSON.stringify({ source: 'entrypoint', path: pathOf(event) }));
  const calls = await Promise.allSettled(
    picked.map((name) => deps.lambda.send(new InvokeCommand({ FunctionName: name, Payload: payload }))),
  );
  const words: string[] = [];
  const failures: string[] = [];
  calls.forEach((call, index) => {
    const name = picked[index] ?? '';
    if (call.status === 'rejected') failures.push(`${name}: ${String(call.reason)}`);
    else if (call.value.FunctionError !== undefined) failures.push(`${name}: ${call.value.FunctionError}`);
    else words.push(wordOf(call.value.Payload));
  });
  if (failures.length > 0) throw new Error(`downstream functions failed: ${failures.join('; ')}`);
  return { statusCode: 200, body: JSON.stringify({ name: words.join('-') }) };
}

function wordOf(payload: Uint8Array | undefined): string {
  const parsed: unknown = payload === undefined ? undefined : JSON.parse(new TextDecoder().decode(payload));
  const word = (parsed as { word?: unknown } | undefined)?.word;
  return typeof word === 'string' ? word : '?';
}

function pathOf(event: unknown): string {
  const path = (event as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : '/';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
