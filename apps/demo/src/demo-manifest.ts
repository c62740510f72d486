/**
 * The demo's manifest, a subset of the Serverless Framework's serverless.yml: the service, the
 * stage, `provider.tracing` switches, `custom.faults` (what each function's faulty handler does)
 * and the functions. Read once, at start, and validated here so that a typo says where it is.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** The handlers a function can be deployed with. */
export type HandlerName = 'entrypoint' | 'word' | 'faulty';

/** What a function's `faulty` handler does. */
export interface FaultSpec {
  /** Added before the function answers, in milliseconds. */
  readonly delayMs: number;
  /** Share of invocations, 0..1, that throw. */
  readonly errorRate: number;
}

/** One function of the manifest. */
export interface FunctionSpec {
  readonly name: string;
  /** The family a word function belongs to (`noun` for `noun-3`); `entrypoint` for the entrypoint. */
  readonly service: string;
  readonly handler: HandlerName;
  readonly fault: FaultSpec;
}

/** The whole manifest, as the host and the CLI use it. */
export interface DemoManifest {
  readonly service: string;
  readonly stage: string;
  readonly region: string;
  readonly tracing: { readonly lambda: boolean; readonly apiGateway: boolean };
  /** Functions in manifest order; the entrypoint is among them. */
  readonly functions: readonly FunctionSpec[];
}

/** apps/demo/serverless.yml: the reference scenario, with adjective-4 and verb-6 deployed faulty. */
export const DEFAULT_MANIFEST_PATH = fileURLToPath(new URL('../serverless.yml', import.meta.url));

/** The function API Gateway calls. */
export const ENTRYPOINT = 'entrypoint';

const HANDLERS: readonly HandlerName[] = ['entrypoint', 'word', 'faulty'];
const NO_FAULT: FaultSpec = { delayMs: 0, errorRate: 0 };

/** Reads and validates a manifest file; errors name the file and the field. */
export function readDemoManifest(path: string = DEFAULT_MANIFEST_PATH): DemoManifest {
  try {
    return parseDemoManifest(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Parses manifest text (YAML). */
export function parseDemoManifest(text: string): DemoManifest {
  const root = record(parse(text), 'the manifest');
  const provider = record(root['provider'] ?? {}, 'provider');
  const tracing = record(provider['tracing'] ?? {}, 'provider.tracing');
  const faults = record(record(root['custom'] ?? {}, 'custom')['faults'] ?? {}, 'custom.faults');
  const functions = Object.entries(record(root['functions'], 'functions')).map(([name, value]) =>
    functionSpec(name, record(value, `functions.${name}`), faults[name]),
  );
  if (!functions.some((f) => f.name === ENTRYPOINT)) throw new Error(`functions: "${ENTRYPOINT}" is missing`);
  return {
    service: text_(root['service'], 'service'),
    stage: text_(provider['stage'] ?? 'dev', 'provider.stage'),
    region: text_(provider['region'] ?? 'us-east-1', 'provider.region'),
    tracing: {
      lambda: flag(tracing['lambda'] ?? true, 'provider.tracing.lambda'),
      apiGateway: flag(tracing['apiGateway'] ?? true, 'provider.tracing.apiGateway'),
    },
    functions,
  };
}

/** The manifest with every word function deployed with its healthy handler (`--healthy`). */
export function withoutFaults(manifest: DemoManifest): DemoManifest {
  return {
    ...manifest,
    functions: manifest.functions.map((f) => (f.handler === 'faulty' ? { ...f, handler: 'word' } : f)),
  };
}

function functionSpec(name: string, value: Record<string, unknown>, fault: unknown): FunctionSpec {
  const handler = value['handler'];
  if (typeof handler !== 'string' || !HANDLERS.includes(handler as HandlerName)) {
    throw new Error(`functions.${name}.handler must be one of ${HANDLERS.join(', ')}, got ${JSON.stringify(handler)}`);
  }
  if ((handler === ENTRYPOINT) !== (name === ENTRYPOINT)) {
    throw new Error(`functions.${name}: only the function "${ENTRYPOINT}" runs the entrypoint handler`);
  }
  return { name, service: name.replace(/-\d+$/, ''), handler: handler as HandlerName, fault: faultSpec(name, fault) };
}

function faultSpec(name: string, value: unknown): FaultSpec {
  if (value === undefined) return NO_FAULT;
  const fault = record(value, `custom.faults.${name}`);
  const delayMs = fault['delayMs'] ?? 0;
  const errorRate = fault['errorRate'] ?? 0;
  if (typeof delayMs !== 'number' || delayMs < 0) throw new Error(`custom.faults.${name}.delayMs must be ≥ 0`);
  if (typeof errorRate !== 'number' || errorRate < 0 || errorRate > 1) {
    throw new Error(`custom.faults.${name}.errorRate must be between 0 and 1`);
  }
  return { delayMs, errorRate };
}

function record(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${what} must be a mapping`);
  return value as Record<string, unknown>;
}

function text_(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${what} must be a non-empty string`);
  return value;
}

function flag(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${what} must be true or false`);
  return value;
}
