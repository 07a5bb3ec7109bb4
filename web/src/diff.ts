// A line diff of two texts (what publishing would change against the version in force): the common head and
// tail trimmed, the middle by longest common subsequence, cut into hunks with a little context.

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** The line's number in the new text (same, added) or the old one (removed). */
  line: number;
}

/** Above this many changed lines × lines the middle is shown as removed then added (no LCS table). */
const MAX_CELLS = 4_000_000;

/** Every line of `after` against `before`, in order. */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const out: DiffLine[] = [];
  for (let i = 0; i < head; i++) out.push({ kind: 'same', text: a[i]!, line: i + 1 });
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  if (am.length * bm.length > MAX_CELLS) {
    am.forEach((text, i) => out.push({ kind: 'removed', text, line: head + i + 1 }));
    bm.forEach((text, i) => out.push({ kind: 'added', text, line: head + i + 1 }));
  } else {
    // lcs[i][j]: the longest common subsequence of am[i..] and bm[j..]
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--)
      for (let j = bm.length - 1; j >= 0; j--)
        lcs[i * w + j] =
          am[i] === bm[j]
            ? lcs[(i + 1) * w + j + 1]! + 1
            : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        out.push({ kind: 'same', text: am[i]!, line: head + j + 1 });
        i++;
        j++;
      } else if (i < am.length && (j >= bm.length || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) {
        out.push({ kind: 'removed', text: am[i]!, line: head + i + 1 });
        i++;
      } else {
        out.push({ kind: 'added', text: bm[j]!, line: head + j + 1 });
        j++;
      }
    }
  }
  for (let k = b.length - tail; k < b.length; k++) out.push({ kind: 'same', text: b[k]!, line: k + 1 });
  return out;
}

/** The changed lines with `context` unchanged lines around each run; null marks a gap. */
export function hunks(lines: DiffLine[], context = 2): (DiffLine | null)[] {
  const keep = new Array<boolean>(lines.length).fill(false);
  lines.forEach((l, i) => {
    if (l.kind === 'same') return;
    for (let k = Math.max(0, i - context); k <= Math.min(lines.length - 1, i + context); k++) keep[k] = true;
  });
  const out: (DiffLine | null)[] = [];
  let gap = false;
  lines.forEach((l, i) => {
    if (keep[i]) {
      if (gap && out.length > 0) out.push(null);
      gap = false;
      out.push(l);
    } else gap = true;
  });
  return out;
}

/** The line numbers (1-based, in `after`) of the lines `after` adds or changes against `before`. */
export function changedLines(before: string, after: string): number[] {
  return diffLines(before, after)
    .filter((l) => l.kind === 'added')
    .map((l) => l.line);
}
