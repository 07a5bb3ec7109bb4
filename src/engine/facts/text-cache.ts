// A least-recently-used cache bounded by the bytes it holds, not by its number of entries.

/**
 * Keeps values under string keys while their estimated size stays within `maxBytes`, dropping the
 * least recently used first. A value larger than `maxEntryBytes` is never kept, so one huge text
 * cannot flush everything else. Sizes are estimates the caller gives (strings count 2 bytes a
 * code unit, as V8 stores any text with a Chinese character).
 * @example const c = new ByteLru<string>(1 << 20); c.set('k', 'v', 64); c.get('k') // → 'v'
 */
export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; bytes: number }>();
  private held = 0;

  constructor(
    readonly maxBytes: number,
    readonly maxEntryBytes: number = Math.floor(maxBytes / 8),
  ) {}

  /** The value under `key`, now the most recently used; undefined when absent. */
  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` (estimated at `bytes`, key included) unless it is too large, evicting as needed. */
  set(key: string, value: V, bytes: number): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.held -= old.bytes;
    }
    if (bytes > this.maxEntryBytes) return;
    this.entries.set(key, { value, bytes });
    this.held += bytes;
    for (const [k, e] of this.entries) {
      if (this.held <= this.maxBytes) break;
      this.entries.delete(k);
      this.held -= e.bytes;
    }
  }

  /** Estimated bytes held. */
  get bytes(): number {
    return this.held;
  }

  /** Number of entries held. */
  get size(): number {
    return this.entries.size;
  }

  clear(): void {
    this.entries.clear();
    this.held = 0;
  }
}
