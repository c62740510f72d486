/**
 * Completion for the filter bar: the word before the caret is matched against the keyword catalogue,
 * the service names of the range and the annotation keys seen in the results.
 */
import { FILTER_COMPLEX_KEYWORDS, FILTER_KEYWORDS } from '@roentgen/filter';
import { quote } from './filter-text.ts';

export interface Completion {
  /** What replaces the word before the caret. */
  readonly insert: string;
  readonly label: string;
  readonly detail: string;
}

/** The word being typed: letters, digits and the punctuation keywords contain (`.`, `_`, `:`, `-`). */
export function wordBefore(text: string, caret: number): { start: number; word: string } {
  const match = /[A-Za-z0-9_.:-]*$/.exec(text.slice(0, caret));
  const word = match?.[0] ?? '';
  return { start: caret - word.length, word };
}

/** Candidates for `word`, best first (prefix matches, then substring matches), at most `limit`. */
export function completionsFor(
  word: string,
  services: readonly string[],
  annotationKeys: readonly string[],
  limit = 8,
): Completion[] {
  // Numbers are values, not names: nothing to complete.
  if (word.length === 0 || /^[0-9.]/.test(word)) return [];
  const lower = word.toLowerCase();
  const all: Completion[] = [
    ...FILTER_KEYWORDS.map((k) => ({ insert: k.name, label: k.name, detail: k.description })),
    ...FILTER_COMPLEX_KEYWORDS.filter((k) => k.name !== 'annotation').map((k) => ({
      insert: k.syntax.startsWith(`${k.name}(`) ? `${k.name}(` : k.name,
      label: k.syntax,
      detail: k.description,
    })),
    ...services.map((name) => ({
      insert: `service(${quote(name)})`,
      label: `service(${quote(name)})`,
      detail: 'a service in this range',
    })),
    ...annotationKeys.map((key) => ({
      insert: `annotation.${key}`,
      label: `annotation.${key}`,
      detail: 'an annotation key in the results',
    })),
  ];
  const prefix = all.filter((c) => c.label.toLowerCase().startsWith(lower) || c.insert.toLowerCase().startsWith(lower));
  const inside =
    lower.length < 2 ? [] : all.filter((c) => !prefix.includes(c) && c.label.toLowerCase().includes(lower));
  const exact = (c: Completion) => c.insert.toLowerCase() === lower;
  return [...prefix, ...inside].filter((c) => !exact(c)).slice(0, limit);
}
