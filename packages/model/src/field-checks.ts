/**
 * Small checks on one field of an untrusted JSON object, shared by the entity validator. Each returns
 * the problem it found (without the document `id`, which the caller adds) or `undefined`.
 */
import { describeValue } from './document-problem.ts';
import type { DocumentProblem } from './document-problem.ts';
import { fieldPath, pathForMessage } from './document-path.ts';

/** A parsed JSON object whose fields are not yet trusted. */
export type JsonObject = Record<string, unknown>;

/** A problem before the document's `id` is attached. */
export type FieldProblem = Omit<DocumentProblem, 'id'>;

/** The kinds of value `checkOptional` can require. */
export type FieldKind = 'string' | 'boolean' | 'object' | 'array' | 'integer' | 'number';

const KIND_WORDS: Record<FieldKind, string> = {
  string: 'a string',
  boolean: 'true or false',
  object: 'a JSON object',
  array: 'an array',
  integer: 'an integer',
  number: 'a number',
};

/** True for a non-null, non-array object. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when `value` is of `kind`; numbers must be finite. */
export function isKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
    case 'boolean':
      return typeof value === kind;
    case 'object':
      return isJsonObject(value);
    case 'array':
      return Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
  }
}

/** `InvalidParam` saying what `path` should have held, quoting what it held instead. */
export function wrongValue(path: string, expected: string, value: unknown): FieldProblem {
  return {
    code: 'InvalidParam',
    path,
    message: `${pathForMessage(path)} must be ${expected}, got ${describeValue(value)}`,
  };
}

/** `MissingParam` for a required field, with the reason it is required. */
export function missing(path: string, why: string): FieldProblem {
  return { code: 'MissingParam', path, message: `${pathForMessage(path)} is missing; ${why}` };
}

/** Checks `object[key]` is of `kind` when present (absent means `undefined`; `null` is a wrong value). */
export function checkOptional(
  object: JsonObject,
  key: string,
  base: string,
  kind: FieldKind,
): FieldProblem | undefined {
  const value = object[key];
  if (value === undefined || isKind(value, kind)) return undefined;
  return wrongValue(fieldPath(base, key), KIND_WORDS[kind], value);
}

/** Runs `checkOptional` for each key in turn; the first problem wins. */
export function checkOptionalAll(
  object: JsonObject,
  keys: readonly string[],
  base: string,
  kind: FieldKind,
): FieldProblem | undefined {
  for (const key of keys) {
    const problem = checkOptional(object, key, base, kind);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
