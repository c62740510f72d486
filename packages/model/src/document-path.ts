/**
 * Readable access paths into a document (`subsegments[2].http.response.status`), the `path` of a
 * `DocumentProblem`. The empty path means the document itself.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `base.key`, or `base["key"]` when the key is not a plain identifier (annotation keys often are not). */
export function fieldPath(base: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${base}[${JSON.stringify(key)}]`;
  return base === '' ? key : `${base}.${key}`;
}

/** `base[index]`. */
export function indexPath(base: string, index: number): string {
  return `${base}[${index}]`;
}

/** The path as the subject of a sentence: `''` reads as "the document". */
export function pathForMessage(path: string): string {
  return path === '' ? 'the document' : path;
}
