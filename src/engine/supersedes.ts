// Correction chains (DESIGN §3 revision 3): a chain of `supersedes` that loops (X corrects Y, Y corrects X) is
// found and named, never dropped in silence.

/** What a chain reads of a filing. */
export interface SupersedesLink {
  platformId: string;
  filingId: string;
  supersedes: string | null;
}

/** A loop of corrections within one platform: its filings in the order the chain runs, from the smallest id. */
export interface SupersedesCycle {
  platformId: string;
  filingIds: string[];
}

/**
 * Every loop among the links, per platform (ids are unique within a platform only). Each filing
 * names at most one it corrects, so the links form chains, and a chain can end in at most one loop:
 * walking each chain once, with its steps marked, finds every loop in linear time.
 * @example supersedesCycles([{ platformId: 'p', filingId: 'x', supersedes: 'y' }, { platformId: 'p', filingId: 'y', supersedes: 'x' }])
 *   // → [{ platformId: 'p', filingIds: ['x', 'y'] }]
 */
export function supersedesCycles(links: Iterable<SupersedesLink>): SupersedesCycle[] {
  const byPlatform = new Map<string, Map<string, string>>();
  for (const l of links) {
    if (l.supersedes === null) continue;
    let next = byPlatform.get(l.platformId);
    if (!next) byPlatform.set(l.platformId, (next = new Map()));
    // the same filing given twice (an input and --history) is one link
    next.set(l.filingId, l.supersedes);
  }
  const out: SupersedesCycle[] = [];
  for (const [platformId, next] of byPlatform) {
    const done = new Set<string>();
    for (const start of next.keys()) {
      if (done.has(start)) continue;
      const onPath = new Map<string, number>();
      const path: string[] = [];
      let at: string | undefined = start;
      while (at !== undefined && !done.has(at) && !onPath.has(at)) {
        onPath.set(at, path.length);
        path.push(at);
        at = next.get(at);
      }
      if (at !== undefined && onPath.has(at)) {
        const loop = path.slice(onPath.get(at)!);
        const first = loop.indexOf([...loop].sort()[0]!);
        out.push({ platformId, filingIds: [...loop.slice(first), ...loop.slice(0, first)] });
      }
      for (const id of path) done.add(id);
    }
  }
  return out.sort((a, b) => (a.platformId === b.platformId ? (a.filingIds[0]! < b.filingIds[0]! ? -1 : 1) : a.platformId < b.platformId ? -1 : 1));
}

/** The loop as its chain of ids, back to the first (`x y x`): what its message names. */
export function cycleChain(cycle: SupersedesCycle): string {
  return [...cycle.filingIds, cycle.filingIds[0]].join(' ');
}
