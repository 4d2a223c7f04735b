/** "Did you mean ...?": the closest known word to a misspelt one. */

/** Optimal-string-alignment distance: Levenshtein plus swaps of two adjacent characters. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** Same word up to case and `_`/`-`/space (`notNull`, `not-null`, `NOT_NULL` are `not_null`). */
function squash(word: string): string {
  return word.toLowerCase().replace(/[-_\s]/g, "");
}

/**
 * The candidate closest to `word`, or null when none is close enough (at most one edit for
 * short words, two for words of six or more characters, never more than a third of the word).
 */
export function closest(word: string, candidates: Iterable<string>): string | null {
  const list = [...candidates];
  const squashed = squash(word);
  const same = list.find((c) => squash(c) === squashed);
  if (same !== undefined) return same;
  const limit = Math.min(word.length >= 6 ? 2 : 1, Math.max(1, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of list) {
    const dist = editDistance(squashed, squash(c));
    if (dist <= limit && dist < bestDistance) {
      best = c;
      bestDistance = dist;
    }
  }
  return best;
}

/** `; did you mean \`x\`?` or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const best = closest(word, candidates);
  return best === null ? "" : `; did you mean \`${best}\`?`;
}
