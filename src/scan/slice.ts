// Main-thread work in slices (DESIGN §8, "Revision 3 bounds"): a long loop awaits `pause()` between its
// steps and, once it has run for a slice's time, lets the event loop turn (I/O, timers, other requests).

/**
 * How long a slice of main-thread work runs before it lets other work in. Well under the 250 ms the
 * design allows, so one slow step on top of a slice still keeps within it.
 */
export const SLICE_MS = 25;

/** Lets the event loop turn once: a macrotask, so pending I/O and timers run before this resolves. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Cuts a loop on the main thread into slices of `sliceMs`: `pause()` is free while the slice has time
 * left and yields to the event loop once it has not. A promise-only loop (`for await` over a generator
 * that never waits on I/O) never lets a request in without it.
 * @example const slicer = new Slicer(); for (const doc of docs) { work(doc); await slicer.pause(); }
 */
export class Slicer {
  private since = performance.now();

  constructor(private readonly sliceMs = SLICE_MS) {}

  /** Resolves at once (undefined) while the slice has time left; otherwise after the loop has turned. */
  pause(): Promise<void> | undefined {
    if (performance.now() - this.since < this.sliceMs) return undefined;
    return yieldToLoop().then(() => {
      this.since = performance.now();
    });
  }
}
