/**
 * Serializes a document once. The fast path is a plain `JSON.stringify`; only when it throws
 * (a cycle or a BigInt in metadata) does the slow path run, replacing cycles with `"[Circular]"` and
 * BigInts with their decimal string, as the X-Ray Node SDK does for BigInts.
 */

/** What went wrong, for the once-only log; `undefined` when the fast path succeeded. */
export type SerializeProblem = 'replaced' | 'failed';

/** The JSON text, or `undefined` if even the slow path failed (a throwing `toJSON`, say). */
export function serializeDocument(document: object, report: (problem: SerializeProblem) => void): string | undefined {
  try {
    return JSON.stringify(document);
  } catch {
    try {
      const text = JSON.stringify(document, cycleSafeReplacer());
      report('replaced');
      return text;
    } catch {
      report('failed');
      return undefined;
    }
  }
}

function cycleSafeReplacer(): (this: unknown, key: string, value: unknown) => unknown {
  // Objects on the path from the root to the value being written; a value already on the path is a cycle.
  const path: unknown[] = [];
  return function replace(this: unknown, _key: string, value: unknown): unknown {
    if (typeof value === 'bigint') return value.toString();
    if (typeof value !== 'object' || value === null) return value;
    while (path.length > 0 && path[path.length - 1] !== this) path.pop();
    if (path.includes(value)) return '[Circular]';
    path.push(value);
    return value;
  };
}
