/**
 * Turns a thrown value into X-Ray's `cause.exceptions[]` record (reference §2.7): id, type, message,
 * stack frames `{path, line, label}`, `remote` when a downstream service produced it.
 */
import type { ExceptionRecord, StackFrame } from '@roentgen/model';
import { newSegmentId } from '../id-source.ts';

/** Frames kept per exception; the rest are counted in `truncated`. */
const MAX_FRAMES = 50;
// "    at label (path:line:col)" or "    at path:line:col"
const FRAME_WITH_LABEL = /^\s*at (.*?) \((.*?)(?::(\d+):\d+)?\)$/;
const FRAME_WITHOUT_LABEL = /^\s*at (.*?)(?::(\d+):\d+)?$/;

/** Builds one exception record with a fresh ID. Never throws, whatever `error` is. */
export function exceptionRecordOf(error: unknown, remote: boolean): ExceptionRecord {
  const record: ExceptionRecord = { id: newSegmentId(), message: messageOf(error), type: typeOf(error) };
  if (remote) record.remote = true;
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
  if (stack !== undefined) {
    const frames = parseStack(stack);
    if (frames.length > MAX_FRAMES) {
      record.truncated = frames.length - MAX_FRAMES;
      frames.length = MAX_FRAMES;
    }
    if (frames.length > 0) record.stack = frames;
  }
  return record;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return String(error);
  } catch {
    return 'unknown error';
  }
}

function typeOf(error: unknown): string {
  if (error instanceof Error) return error.name || error.constructor.name;
  return typeof error;
}

function parseStack(stack: string): StackFrame[] {
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    const labelled = FRAME_WITH_LABEL.exec(line);
    if (labelled !== null) {
      frames.push(frame(labelled[2] ?? '', labelled[3], labelled[1] ?? ''));
      continue;
    }
    const bare = FRAME_WITHOUT_LABEL.exec(line);
    if (bare !== null) frames.push(frame(bare[1] ?? '', bare[2], 'anonymous'));
  }
  return frames;
}

function frame(path: string, line: string | undefined, label: string): StackFrame {
  // Node-internal frames have no file line worth keeping; the X-Ray Node SDK writes them the same way.
  if (path.startsWith('node:')) return { path: 'node', line: null, label };
  return { path, line: line === undefined ? null : Number(line), label };
}
