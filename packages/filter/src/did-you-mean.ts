/**
 * The candidates close enough to `input` to be what the writer meant, best first, at most three.
 * Comparison ignores case because filter keywords do. "Close enough" is an edit distance of at most
 * 40% of the input's length (and at least 1), so `responstime` finds `responsetime` but `foo` finds
 * nothing rather than three random keywords.
 */
export function suggestionsFor(input: string, candidates: readonly string[]): string[] {
  const wanted = input.toLowerCase();
  const threshold = Math.max(1, Math.floor(wanted.length * 0.4));
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of new Set(candidates)) {
    const distance = levenshtein(wanted, candidate.toLowerCase());
    if (distance <= threshold && distance > 0) scored.push({ candidate, distance });
  }
  scored.sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, 3).map((s) => s.candidate);
}

/** " Did you mean 'x'?" / " Did you mean 'x' or 'y'?", or "" when there is nothing to suggest. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => `'${s}'`);
  const last = quoted.pop() ?? '';
  return quoted.length === 0 ? ` Did you mean ${last}?` : ` Did you mean ${quoted.join(', ')} or ${last}?`;
}

/** Edit distance (insert, delete, substitute, and swap of neighbours, each costing 1). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  // Three rolling rows are enough for the transposition rule, keeping memory linear.
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (beforePrevious[j - 2] ?? 0) + 1);
      }
      current.push(best);
    }
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
