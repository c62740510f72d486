/**
 * X-Ray's sampling-rule wildcards: `*` matches any run of characters, `?` exactly one; comparison is
 * case-insensitive. Iterative with one backtrack point, so no pattern can make it exponential.
 */

/**
 * Whether `text` matches `pattern`. An absent text matches any pattern: a request attribute the
 * caller does not know (no Host header, say) does not rule a rule out (reference §7.6).
 */
export function wildcardMatch(pattern: string, text: string | undefined): boolean {
  if (pattern === '*' || text === undefined) return true;
  const p = pattern.toLowerCase();
  const t = text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let starAt = -1;
  let resumeAt = 0;
  while (ti < t.length) {
    const pc = p[pi];
    if (pc === '?' || (pc !== undefined && pc !== '*' && pc === t[ti])) {
      pi++;
      ti++;
    } else if (pc === '*') {
      starAt = pi++;
      resumeAt = ti;
    } else if (starAt >= 0) {
      pi = starAt + 1;
      ti = ++resumeAt;
    } else {
      return false;
    }
  }
  while (p[pi] === '*') pi++;
  return pi === p.length;
}
