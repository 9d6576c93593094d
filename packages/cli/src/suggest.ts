/** "Did you mean ...?": names close to a mistyped one, by Levenshtein distance (and shared prefixes). */

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Up to `limit` candidates within a distance that grows with the name's length, closest first. */
export function closestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  const lower = name.toLowerCase();
  const threshold = Math.max(2, Math.floor(name.length / 3));
  return candidates
    .map((candidate) => {
      const other = candidate.toLowerCase();
      const distance = other.includes(lower) || lower.includes(other) ? 1 : editDistance(lower, other);
      return { candidate, distance };
    })
    .filter((entry) => entry.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
