/** Longest segment or subsegment name X-Ray accepts, in code points (reference §2.1). */
const MAX_NAME_LENGTH = 200;

/** `name` cut to X-Ray's 200 code points; an empty name becomes `"unnamed"` (receivers refuse empty names). */
export function entityName(name: string): string {
  if (name.length === 0) return 'unnamed';
  // UTF-16 length bounds the code point count, so the common case costs one comparison.
  if (name.length <= MAX_NAME_LENGTH) return name;
  return Array.from(name).slice(0, MAX_NAME_LENGTH).join('');
}
