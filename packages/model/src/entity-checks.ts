/**
 * The checks for one segment or subsegment object, not its children (reference §2.2–§2.8). Each
 * takes the object and its path and returns the first problem found. They are only as strict as
 * real senders need: unknown fields pass, `stack[].line` may be null, `content_length` may be a string.
 */
import { fieldPath, indexPath, pathForMessage } from './document-path.ts';
import { checkOptional, checkOptionalAll, isJsonObject, missing, wrongValue } from './field-checks.ts';
import type { FieldProblem, JsonObject } from './field-checks.ts';
import { MAX_ANNOTATIONS_PER_DOCUMENT, MAX_NAME_LENGTH } from './limits.ts';
import { isValidSegmentId } from './segment-id.ts';
import { isValidTraceId } from './trace-id.ts';

/** Where an entity sits: its required fields depend on it. */
export type EntityRole = 'segment' | 'independent-subsegment' | 'embedded-subsegment';

/** `id`, `trace_id`, `parent_id`, `type`: the fields that place the entity in a trace. */
export function checkIdentity(entity: JsonObject, path: string, role: EntityRole): FieldProblem | undefined {
  const idPath = fieldPath(path, 'id');
  if (entity.id === undefined) return missing(idPath, 'every segment and subsegment needs a 16-hex id');
  if (!isSegmentId(entity.id)) return invalidId(idPath, entity.id);

  const traceIdPath = fieldPath(path, 'trace_id');
  if (entity.trace_id === undefined) {
    if (role !== 'embedded-subsegment') return missing(traceIdPath, `a ${roleWord(role)} needs a trace ID`);
  } else if (typeof entity.trace_id !== 'string' || !isValidTraceId(entity.trace_id)) {
    return {
      ...wrongValue(traceIdPath, 'a trace ID like 1-5759e988-bd862e3fe1be46a994272793', entity.trace_id),
      code: 'InvalidTraceId',
    };
  }

  const parentPath = fieldPath(path, 'parent_id');
  if (entity.parent_id === undefined) {
    if (role === 'independent-subsegment') {
      return missing(parentPath, 'a subsegment sent on its own (type "subsegment") needs the id of its parent');
    }
  } else if (!isSegmentId(entity.parent_id)) {
    return invalidId(parentPath, entity.parent_id);
  }

  if (entity.type !== undefined && entity.type !== 'subsegment') {
    return wrongValue(fieldPath(path, 'type'), '"subsegment" when present', entity.type);
  }
  return undefined;
}

function isSegmentId(value: unknown): boolean {
  return typeof value === 'string' && isValidSegmentId(value);
}

function invalidId(path: string, value: unknown): FieldProblem {
  return { ...wrongValue(path, '16 lowercase hex digits', value), code: 'InvalidSegmentId' };
}

function roleWord(role: EntityRole): string {
  return role === 'segment' ? 'segment' : 'subsegment sent on its own';
}

/** `name`: a non-empty string of at most `MAX_NAME_LENGTH` code points. */
export function checkName(entity: JsonObject, path: string): FieldProblem | undefined {
  const namePath = fieldPath(path, 'name');
  const name = entity.name;
  if (name === undefined) return missing(namePath, 'every segment and subsegment needs a name');
  if (typeof name !== 'string' || name === '') return wrongValue(namePath, 'a non-empty string', name);
  // Count code points, not UTF-16 units, so names in non-Latin scripts are not cut short.
  const length = [...name].length;
  if (length > MAX_NAME_LENGTH) {
    return wrongValue(namePath, `at most ${MAX_NAME_LENGTH} characters long (it has ${length})`, name);
  }
  return undefined;
}

/** `start_time`, `end_time`, `in_progress`: finite epoch seconds, and an end unless in progress. */
export function checkTiming(entity: JsonObject, path: string): FieldProblem | undefined {
  const startPath = fieldPath(path, 'start_time');
  const start = entity.start_time;
  if (start === undefined) return missing(startPath, 'every segment and subsegment needs a start time');
  if (typeof start !== 'number' || !Number.isFinite(start)) {
    return wrongValue(startPath, 'a number of epoch seconds', start);
  }
  const inProgressProblem = checkOptional(entity, 'in_progress', path, 'boolean');
  if (inProgressProblem !== undefined) return inProgressProblem;

  const endPath = fieldPath(path, 'end_time');
  const end = entity.end_time;
  if (end === undefined) {
    return entity.in_progress === true ? undefined : missing(endPath, 'set it, or set in_progress to true');
  }
  if (typeof end !== 'number' || !Number.isFinite(end)) return wrongValue(endPath, 'a number of epoch seconds', end);
  if (end < start) return wrongValue(endPath, `no earlier than start_time (${start})`, end);
  return undefined;
}

const FLAG_FIELDS = ['error', 'throttle', 'fault', 'inferred', 'traced'] as const;
const STRING_FIELDS = ['origin', 'user', 'resource_arn', 'namespace'] as const;
const OBJECT_FIELDS = ['aws', 'service', 'sql'] as const;
const ARRAY_FIELDS = ['links', 'precursor_ids'] as const;

/** The simply-typed optional fields: flags, strings, objects and arrays whose content we keep as is. */
export function checkPlainFields(entity: JsonObject, path: string): FieldProblem | undefined {
  return (
    checkOptionalAll(entity, FLAG_FIELDS, path, 'boolean') ??
    checkOptionalAll(entity, STRING_FIELDS, path, 'string') ??
    checkOptionalAll(entity, OBJECT_FIELDS, path, 'object') ??
    checkOptionalAll(entity, ARRAY_FIELDS, path, 'array')
  );
}

/** `annotations`: at most `MAX_ANNOTATIONS_PER_DOCUMENT` keys, each a string, finite number or boolean. */
export function checkAnnotations(entity: JsonObject, path: string): FieldProblem | undefined {
  const annotations = entity.annotations;
  const annotationsPath = fieldPath(path, 'annotations');
  if (annotations === undefined) return undefined;
  if (!isJsonObject(annotations)) return wrongValue(annotationsPath, 'a JSON object', annotations);
  const keys = Object.keys(annotations);
  if (keys.length > MAX_ANNOTATIONS_PER_DOCUMENT) {
    return {
      code: 'TooManyAnnotations',
      path: annotationsPath,
      message: `${pathForMessage(annotationsPath)} has ${keys.length} keys; at most ${MAX_ANNOTATIONS_PER_DOCUMENT} are accepted`,
    };
  }
  for (const key of keys) {
    const value = annotations[key];
    const ok =
      typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) return wrongValue(fieldPath(annotationsPath, key), 'a string, number or boolean', value);
  }
  return undefined;
}

/** `metadata`: an object of namespaces, each an object of any JSON values. */
export function checkMetadata(entity: JsonObject, path: string): FieldProblem | undefined {
  const metadata = entity.metadata;
  const metadataPath = fieldPath(path, 'metadata');
  if (metadata === undefined) return undefined;
  if (!isJsonObject(metadata)) return wrongValue(metadataPath, 'a JSON object', metadata);
  for (const namespace of Object.keys(metadata)) {
    const problem = checkOptional(metadata, namespace, metadataPath, 'object');
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** `http`: request and response objects, an integer `response.status`, a boolean `request.traced`. */
export function checkHttp(entity: JsonObject, path: string): FieldProblem | undefined {
  const http = entity.http;
  const httpPath = fieldPath(path, 'http');
  if (http === undefined) return undefined;
  if (!isJsonObject(http)) return wrongValue(httpPath, 'a JSON object', http);
  const shapeProblem = checkOptionalAll(http, ['request', 'response'], httpPath, 'object');
  if (shapeProblem !== undefined) return shapeProblem;
  if (isJsonObject(http.request)) {
    const problem = checkOptional(http.request, 'traced', fieldPath(httpPath, 'request'), 'boolean');
    if (problem !== undefined) return problem;
  }
  if (isJsonObject(http.response)) {
    return checkOptional(http.response, 'status', fieldPath(httpPath, 'response'), 'integer');
  }
  return undefined;
}

/** `cause`: an exception ID string, or an object whose `exceptions`, when present, is an array of objects. */
export function checkCause(entity: JsonObject, path: string): FieldProblem | undefined {
  const cause = entity.cause;
  const causePath = fieldPath(path, 'cause');
  if (cause === undefined || typeof cause === 'string') return undefined;
  if (!isJsonObject(cause)) return wrongValue(causePath, 'an exception ID string or a JSON object', cause);
  const exceptions = cause.exceptions;
  const exceptionsPath = fieldPath(causePath, 'exceptions');
  if (exceptions === undefined) return undefined;
  if (!Array.isArray(exceptions)) return wrongValue(exceptionsPath, 'an array', exceptions);
  const index = exceptions.findIndex((exception) => !isJsonObject(exception));
  if (index >= 0) return wrongValue(indexPath(exceptionsPath, index), 'a JSON object', exceptions[index]);
  return undefined;
}
