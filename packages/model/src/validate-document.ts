/**
 * The one validation of segment documents (reference §2, §4.5.1). Everything that enters Roentgen as
 * a segment document passes here once, at the edge; code inside trusts the result.
 */
import type { DocumentProblem } from './document-problem.ts';
import { fieldPath, indexPath } from './document-path.ts';
import {
  checkAnnotations,
  checkCause,
  checkHttp,
  checkIdentity,
  checkMetadata,
  checkName,
  checkPlainFields,
  checkTiming,
} from './entity-checks.ts';
import type { EntityRole } from './entity-checks.ts';
import { isJsonObject, wrongValue } from './field-checks.ts';
import type { FieldProblem, JsonObject } from './field-checks.ts';
import { MAX_NESTING_DEPTH } from './limits.ts';
import type { SegmentDocument } from './segment-document.ts';

/** The outcome of validating one document: the document itself, or the first problem found. */
export type DocumentValidation = { ok: true; document: SegmentDocument } | { ok: false; problem: DocumentProblem };

/**
 * Checks that `value` (typically fresh from `JSON.parse`) is a segment or an independent subsegment
 * (`type: "subsegment"`), embedded subsegments included, and returns the first problem found. On
 * success `document` is `value` itself, not a copy: unknown fields stay, nothing is normalised.
 * Never throws on JSON-shaped input.
 */
export function validateSegmentDocument(value: unknown): DocumentValidation {
  return validateDocumentAt(value, '');
}

/**
 * `validateSegmentDocument` for a document found at `path` inside a larger input (an element of an
 * array document is at `[i]`); problem paths start with `path`.
 */
export function validateDocumentAt(value: unknown, path: string): DocumentValidation {
  if (!isJsonObject(value)) {
    return { ok: false, problem: wrongValue(path, 'a JSON object (a segment or a subsegment)', value) };
  }
  const role: EntityRole = value.type === 'subsegment' ? 'independent-subsegment' : 'segment';
  const problem = checkEntity(value, path, role, 0);
  if (problem === undefined) return { ok: true, document: value as unknown as SegmentDocument };
  return { ok: false, problem: withDocumentId(problem, value) };
}

// Long enough for any ID a sender could mean; longer strings are not echoed back.
const MAX_ECHOED_ID_LENGTH = 64;

function withDocumentId(problem: FieldProblem, document: JsonObject): DocumentProblem {
  const id = document.id;
  if (typeof id === 'string' && id !== '' && id.length <= MAX_ECHOED_ID_LENGTH) return { ...problem, id };
  return problem;
}

function checkEntity(entity: JsonObject, path: string, role: EntityRole, depth: number): FieldProblem | undefined {
  return (
    checkIdentity(entity, path, role) ??
    checkName(entity, path) ??
    checkTiming(entity, path) ??
    checkPlainFields(entity, path) ??
    checkAnnotations(entity, path) ??
    checkMetadata(entity, path) ??
    checkHttp(entity, path) ??
    checkCause(entity, path) ??
    checkSubsegments(entity, path, depth)
  );
}

function checkSubsegments(entity: JsonObject, path: string, depth: number): FieldProblem | undefined {
  const subsegments = entity.subsegments;
  const subsegmentsPath = fieldPath(path, 'subsegments');
  if (subsegments === undefined) return undefined;
  if (!Array.isArray(subsegments)) return wrongValue(subsegmentsPath, 'an array', subsegments);
  if (subsegments.length > 0 && depth + 1 > MAX_NESTING_DEPTH) {
    return {
      code: 'TooDeep',
      path: subsegmentsPath,
      message: `${subsegmentsPath} nests subsegments deeper than ${MAX_NESTING_DEPTH} levels`,
    };
  }
  for (const [index, child] of subsegments.entries()) {
    const childPath = indexPath(subsegmentsPath, index);
    if (!isJsonObject(child)) return wrongValue(childPath, 'a JSON object (a subsegment)', child);
    const problem = checkEntity(child, childPath, 'embedded-subsegment', depth + 1);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
