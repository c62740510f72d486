/**
 * Limits Roentgen enforces on what senders give it (reference §2.1, §2.8, §8). Each one bounds work
 * or memory spent on a single untrusted input, so the numbers are part of the wire contract.
 */

/** Largest segment document accepted, in UTF-8 bytes (X-Ray's 64 kB document limit). */
export const MAX_DOCUMENT_BYTES = 65536;

/**
 * Deepest chain of embedded `subsegments` accepted: a top-level document is level 0, its
 * subsegments level 1, and so on. Deeper documents fail with `TooDeep`.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * Deepest bracket nesting (`[` and `{` together) accepted in raw JSON, checked before `JSON.parse`
 * so a hostile document cannot exhaust the stack. Each subsegment level costs two brackets
 * (`"subsegments":[{`), so for parsed text this bound bites at about level 31, before
 * `MAX_NESTING_DEPTH`; that one guards objects built in code. Real SDKs nest a handful of levels.
 */
export const MAX_JSON_NESTING = 64;

/** Most annotation keys accepted on one segment or subsegment (not per trace). */
export const MAX_ANNOTATIONS_PER_DOCUMENT = 200;

/** Longest segment or subsegment `name`, in Unicode code points. */
export const MAX_NAME_LENGTH = 200;

/** Most UTF-8 bytes (keys plus values) of extra data kept from one `X-Amzn-Trace-Id` header. */
export const MAX_TRACE_HEADER_EXTRA_BYTES = 256;
