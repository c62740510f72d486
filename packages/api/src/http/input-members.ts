import { invalidRequest } from '../errors/api-error.ts';

/**
 * Readers for the members of an X-Ray action's input. Each throws an InvalidRequestException that
 * names the member and what was wrong with it, so that every action validates the same way.
 */

/** A required array of strings, e.g. `TraceIds`. */
export function requiredStringArray(input: Record<string, unknown>, member: string): string[] {
  const value = input[member];
  if (value === undefined || value === null) throw invalidRequest(`${member} is required.`);
  if (!Array.isArray(value)) throw invalidRequest(`${member} must be a list of strings, got ${describe(value)}.`);
  value.forEach((item, index) => {
    if (typeof item !== 'string') throw invalidRequest(`${member}[${index}] must be a string, got ${describe(item)}.`);
  });
  return value as string[];
}

/** An optional string, e.g. `NextToken`. */
export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`${member} must be a string, got ${describe(value)}.`);
  return value;
}

/** A required epoch-seconds timestamp; clients send numbers (fractions allowed) or numeric strings. */
export function requiredTimestamp(input: Record<string, unknown>, member: string): number {
  const value = optionalTimestamp(input, member);
  if (value === undefined) throw invalidRequest(`${member} is required (epoch seconds).`);
  return value;
}

/** An optional epoch-seconds timestamp. */
export function optionalTimestamp(input: Record<string, unknown>, member: string): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) {
    throw invalidRequest(`${member} must be a number of epoch seconds, got ${describe(value)}.`);
  }
  return seconds;
}

/** An optional boolean. */
export function optionalBoolean(input: Record<string, unknown>, member: string): boolean | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw invalidRequest(`${member} must be true or false, got ${describe(value)}.`);
  return value;
}

/** An optional finite number. */
export function optionalNumber(input: Record<string, unknown>, member: string): number | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidRequest(`${member} must be a number, got ${describe(value)}.`);
  }
  return value;
}

/** Describes a JSON value's kind for error messages, e.g. `string "abc"` or `an object`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string')
    return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  if (typeof value === 'object') return 'an object';
  // What is left is a number, a boolean, or something JSON cannot carry (undefined, a function).
  return `${typeof value} ${JSON.stringify(value) ?? ''}`.trimEnd();
}
