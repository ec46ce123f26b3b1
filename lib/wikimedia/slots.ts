/**
 * Where the request layer gets one of a credential's few request slots (docs/wikimedia-protocol.md §7:
 * "≤3 concurrent requests" per token). Two kinds: this process alone (below, for one instance and for
 * tests of the layers above), and every instance on the database (database-slots.ts).
 */

/** The caller's deadline passed before a slot came free. */
export class SlotTimeout extends Error {
  override name = "SlotTimeout";
}

export interface SlotRequest {
  /** Epoch milliseconds after which the caller gives up waiting. */
  deadline: number;
  /**
   * The longest the slot can be needed: the request's own timeout plus a margin. A holder that never
   * gives the slot back (a dead instance) loses it after this long.
   */
  holdMs: number;
}

export interface SlotPool {
  /** A slot for `key`; the function gives it back. Rejects with `SlotTimeout` at the deadline. */
  acquire(key: string, request: SlotRequest): Promise<() => void | Promise<void>>;
}

/** A counting semaphore per key: callers past the limit wait in order, or give up at their deadline. */
export class KeyedSemaphore {
  private readonly slots = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(readonly limit: number) {}

  inFlight(key: string): number {
    return this.slots.get(key)?.active ?? 0;
  }

  acquire(key: string, deadline: number): Promise<() => void> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, waiting: [] };
      this.slots.set(key, slot);
    }
    const s = slot;
    const grant = () => {
      s.active += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        s.active -= 1;
        const next = s.waiting.shift();
        if (next) next();
        else if (s.active === 0) this.slots.delete(key);
      };
    };
    if (s.active < this.limit) return Promise.resolve(grant());
    return new Promise((resolve, reject) => {
      const wake = () => {
        clearTimeout(timer);
        resolve(grant());
      };
      const timer = setTimeout(() => {
        const index = s.waiting.indexOf(wake);
        if (index >= 0) s.waiting.splice(index, 1);
        if (s.active === 0 && s.waiting.length === 0) this.slots.delete(key);
        reject(new SlotTimeout());
      }, Math.max(0, deadline - Date.now()));
      s.waiting.push(wake);
    });
  }
}

/** Slots counted in this process only: right for one instance, N times the limit for N instances. */
export function localSlots(limit: number): SlotPool & { inFlight(key: string): number } {
  const semaphore = new KeyedSemaphore(limit);
  return {
    acquire: (key, request) => semaphore.acquire(key, request.deadline),
    inFlight: (key) => semaphore.inFlight(key),
  };
}
