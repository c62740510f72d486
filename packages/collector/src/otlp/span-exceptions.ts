/**
 * OTel `exception` span events → X-Ray `cause.exceptions`, with stack frames parsed out of
 * `exception.stacktrace` (Node/V8, Java and Python layouts; other lines keep their text as the label).
 */
import type { CauseObject, ExceptionRecord, StackFrame } from '@roentgen/model';
import type { OtlpEvent } from './decode-otlp.ts';
import { attributeMap, stringAttribute } from './span-attributes.ts';

/** Frames kept per exception; the rest are counted in `truncated`, as X-Ray's SDKs do. */
const MAX_FRAMES = 50;
// X-Ray strings are up to 250 characters (reference §2.1); longer ones would be cut there anyway.
const MAX_TEXT = 250;

/** The `cause` for a span's exception events, or `undefined` when it has none. */
export function causeFromEvents(spanId: string, events: readonly OtlpEvent[]): CauseObject | undefined {
  const exceptions: ExceptionRecord[] = [];
  for (const event of events) {
    if (event.name !== 'exception') continue;
    const map = attributeMap(event.attributes);
    const exception: ExceptionRecord = { id: exceptionId(spanId, exceptions.length) };
    const type = stringAttribute(map, 'exception.type');
    const message = stringAttribute(map, 'exception.message');
    const stacktrace = stringAttribute(map, 'exception.stacktrace');
    if (type !== undefined) exception.type = type.slice(0, MAX_TEXT);
    if (message !== undefined) exception.message = message.slice(0, MAX_TEXT);
    if (stacktrace !== undefined) {
      const { stack, truncated } = parseStacktrace(stacktrace);
      if (stack.length > 0) exception.stack = stack;
      if (truncated > 0) exception.truncated = truncated;
    }
    exceptions.push(exception);
  }
  return exceptions.length > 0 ? { exceptions } : undefined;
}

/**
 * A stable 16-hex exception ID derived from the span ID and the event's position, so that an
 * exporter's retry of the same span yields the same document.
 */
function exceptionId(spanId: string, index: number): string {
  let hash = 0xcbf29ce484222325n;
  for (const char of `${spanId}:${index}`) {
    hash ^= BigInt(char.charCodeAt(0));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

// `    at label (path:line:column)` and `    at path:line:column` (V8)
const V8_FRAME = /^\s*at (?:(.+?) \()?(.+?):(\d+)(?::\d+)?\)?$/;
// `\tat com.example.Type.method(Type.java:42)` (Java)
const JAVA_FRAME = /^\s*at ([\w$.<>]+)\(([^:()]+)(?::(\d+))?\)$/;
// `  File "path", line 42, in label` (Python)
const PYTHON_FRAME = /^\s*File "(.+)", line (\d+), in (.+)$/;

/** Frames from a stack trace text; the first line (the message) is skipped when it is not a frame. */
export function parseStacktrace(text: string): { stack: StackFrame[]; truncated: number } {
  const frames: StackFrame[] = [];
  let total = 0;
  for (const line of text.split('\n')) {
    const frame = parseFrame(line);
    if (frame === undefined) continue;
    total++;
    if (frames.length < MAX_FRAMES) frames.push(frame);
  }
  return { stack: frames, truncated: total - frames.length };
}

function parseFrame(line: string): StackFrame | undefined {
  if (line.length > 2 * MAX_TEXT) return undefined;
  const java = JAVA_FRAME.exec(line);
  if (java) return frame(java[1], java[2], java[3]);
  const v8 = V8_FRAME.exec(line);
  if (v8) return frame(v8[1], v8[2], v8[3]);
  const python = PYTHON_FRAME.exec(line);
  if (python) return frame(python[3], python[1], python[2]);
  return undefined;
}

function frame(label: string | undefined, path: string | undefined, line: string | undefined): StackFrame {
  const result: StackFrame = {};
  if (path !== undefined) result.path = path.slice(0, MAX_TEXT);
  if (line !== undefined) result.line = Number(line);
  if (label !== undefined) result.label = label.slice(0, MAX_TEXT);
  return result;
}
