/**
 * Bytes or text from outside → validated segment documents. The order of checks is the cheapest
 * first and makes every later step safe: size, UTF-8, JSON syntax and depth, then the document rules.
 */
import type { DocumentProblem } from './document-problem.ts';
import { indexPath } from './document-path.ts';
import { wrongValue } from './field-checks.ts';
import { findJsonSyntaxProblem } from './json-syntax.ts';
import { MAX_DOCUMENT_BYTES, MAX_JSON_NESTING } from './limits.ts';
import type { SegmentDocument } from './segment-document.ts';
import { validateDocumentAt } from './validate-document.ts';

/** The outcome of parsing one input: every document in it, or the first problem (then none is kept). */
export type DocumentsParse = { ok: true; documents: SegmentDocument[] } | { ok: false; problem: DocumentProblem };

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

/**
 * Parses one segment document, or a JSON array of them (X-Ray allows an array of subsegments; element
 * `i` is reported at path `[i]`). `input` is UTF-8 bytes or already-decoded text; at most
 * `MAX_DOCUMENT_BYTES` of UTF-8 either way. A leading byte-order mark is ignored in bytes. The input
 * is all or nothing: one bad element refuses the whole array, and an empty array gives no documents.
 * Never throws.
 */
export function parseSegmentDocuments(input: string | Uint8Array): DocumentsParse {
  const text = decode(input);
  if (typeof text !== 'string') return { ok: false, problem: text };

  // JSON.parse is native and fast; the located scan runs only when the text is bad, so that a good
  // document (the hot path of ingest) is read once.
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: locatedSyntaxProblem(text, error) };
  }
  if (nestsDeeperThan(value, MAX_JSON_NESTING)) return { ok: false, problem: locatedSyntaxProblem(text, undefined) };
  return Array.isArray(value) ? validateArray(value) : validateSingle(value);
}

function validateSingle(value: unknown): DocumentsParse {
  const result = validateDocumentAt(value, '');
  return result.ok ? { ok: true, documents: [result.document] } : result;
}

function validateArray(elements: unknown[]): DocumentsParse {
  const documents: SegmentDocument[] = [];
  for (const [index, element] of elements.entries()) {
    const path = indexPath('', index);
    if (Array.isArray(element)) {
      return { ok: false, problem: wrongValue(path, 'a JSON object (a subsegment), not a nested array', element) };
    }
    const result = validateDocumentAt(element, path);
    if (!result.ok) return result;
    documents.push(result.document);
  }
  return { ok: true, documents };
}

function decode(input: string | Uint8Array): string | DocumentProblem {
  if (typeof input === 'string') {
    const bytes = utf8LengthPast(input, MAX_DOCUMENT_BYTES);
    return bytes === undefined ? input : tooLarge(bytes);
  }
  if (!(input instanceof Uint8Array)) {
    return wrongValue('', 'UTF-8 bytes or a string', input);
  }
  if (input.byteLength > MAX_DOCUMENT_BYTES) return tooLarge(`${input.byteLength} bytes`);
  try {
    return utf8Decoder.decode(input);
  } catch {
    return {
      code: 'InvalidUtf8',
      path: '',
      message: `the document is not valid UTF-8: decoding fails at byte offset ${firstInvalidUtf8Offset(input)}`,
    };
  }
}

function tooLarge(size: string): DocumentProblem {
  return {
    code: 'DocumentTooLarge',
    path: '',
    message: `the document is ${size} of UTF-8; at most ${MAX_DOCUMENT_BYTES} bytes are accepted`,
  };
}

/**
 * How big `text` is in UTF-8 when that is more than `limit` bytes, else `undefined`. Every UTF-16
 * unit takes 1 to 3 bytes, so most texts are decided without encoding them.
 */
function utf8LengthPast(text: string, limit: number): string | undefined {
  if (text.length > limit) return `at least ${text.length} bytes`;
  if (text.length * 3 <= limit) return undefined;
  const bytes = utf8Encoder.encode(text).byteLength;
  return bytes > limit ? `${bytes} bytes` : undefined;
}

/**
 * Where decoding first fails, found by binary search over prefixes: whether a prefix decodes is
 * monotonic in its length, and this runs only for documents already refused.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let good = 0;
  let bad = bytes.byteLength;
  while (bad - good > 1) {
    const middle = Math.floor((good + bad) / 2);
    // A prefix cut inside a character is fine with `stream: true`; only real errors throw.
    const decoder = new TextDecoder('utf-8', { fatal: true });
    try {
      decoder.decode(bytes.subarray(0, middle), { stream: true });
      good = middle;
    } catch {
      bad = middle;
    }
  }
  return good;
}

/** The scanner's located description of what is wrong with `text` (a syntax error or too deep nesting). */
function locatedSyntaxProblem(text: string, parseError: unknown): DocumentProblem {
  const syntaxProblem = findJsonSyntaxProblem(text, MAX_JSON_NESTING);
  if (syntaxProblem === undefined) {
    const reason = parseError instanceof Error ? parseError.message : 'unreadable JSON';
    return { code: 'JSONFormatError', path: '', message: `the document is not valid JSON: ${reason}` };
  }
  return syntaxProblem.kind === 'depth'
    ? { code: 'TooDeep', path: '', message: `the document is nested too deeply: ${syntaxProblem.message}` }
    : { code: 'JSONFormatError', path: '', message: `the document is not valid JSON: ${syntaxProblem.message}` };
}

/**
 * Whether a parsed value nests objects and arrays more than `limit` levels deep. The walk stops at
 * the limit, so its own recursion stays shallow whatever the input; deeper values would later break
 * `JSON.stringify` with a stack overflow.
 */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (limit === 0) return true;
  if (Array.isArray(value)) return value.some((element) => nestsDeeperThan(element, limit - 1));
  for (const key in value) {
    if (nestsDeeperThan((value as Record<string, unknown>)[key], limit - 1)) return true;
  }
  return false;
}
