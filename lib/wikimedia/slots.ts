/**
 * Where the request layer gets one of a credential's few request slots (docs/wikimedia-protocol.md §7:
 * "≤3 concurrent requests" per token). Two kinds: this process alone (below, for one instance and for
 * tests of the layers above), and every instance on the database (database-slots.ts).
 *
 * Waiters for one credential are served round robin by who is waiting (`SlotRequest.waiter`), not first
 * come first served: every visitor reads with the one app token, so one client's 150 queued reads
 * would otherwise put another client's first read behind all of them (docs/decisions/019-fair-reading.md).
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
  /**
   * Who is waiting, as an opaque key (a visitor's client address): waiters of one credential take
   * turns by this key. Callers without one share a single turn.
   */
  waiter?: string;
}

export interface SlotPool {
  /** A slot for `key`; the function gives it back. Rejects with `SlotTimeout` at the deadline. */
  acquire(key: string, request: SlotRequest): Promise<() => void | Promise<void>>;
}

interface KeyState {
  active: number;
  /** One queue per waiter, in turn order: Map keeps insertion order, and a served waiter goes to the back. */
  queues: Map<string, (() => void)[]>;
}

/**
 * A counting semaphore per key: callers past the limit wait, served round robin across waiters (each
 * waiter in its own order), or give up at their deadline.
 */
export class KeyedSemaphore {
  private readonly slots = new Map<string, KeyState>();

  constructor(readonly limit: number) {}

  inFlight(key: string): number {
    return this.slots.get(key)?.active ?? 0;
  }

  /** How many callers wait for `key`'s slots. */
  waiting(key: string): number {
    let count = 0;
    for (const queue of this.slots.get(key)?.queues.values() ?? []) count += queue.length;
    return count;
  }

  private next(s: KeyState): (() => void) | undefined {
    for (const [waiter, queue] of s.queues) {
      const wake = queue.shift();
      s.queues.delete(waiter);
      if (queue.length > 0) s.queues.set(waiter, queue);
      if (wake) return wake;
    }
    return undefined;
  }

  acquire(key: string, deadline: number, waiter = ""): Promise<() => void> {
    let slot = this.slots.get(key);
    if (!slot) {
      slot = { active: 0, queues: new Map() };
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
        const next = this.next(s);
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
        const queue = s.queues.get(waiter);
        const index = queue?.indexOf(wake) ?? -1;
        if (queue && index >= 0) {
          queue.splice(index, 1);
          if (queue.length === 0) s.queues.delete(waiter);
        }
        if (s.active === 0 && s.queues.size === 0) this.slots.delete(key);
        reject(new SlotTimeout());
      }, Math.max(0, deadline - Date.now()));
      const queue = s.queues.get(waiter);
      if (queue) queue.push(wake);
      else s.queues.set(waiter, [wake]);
    });
  }
}

/** Slots counted in this process only: right for one instance, N times the limit for N instances. */
export function localSlots(limit: number): SlotPool & { inFlight(key: string): number; waiting(key: string): number } {
  const semaphore = new KeyedSemaphore(limit);
  return {
    acquire: (key, request) => semaphore.acquire(key, request.deadline, request.waiter),
    inFlight: (key) => semaphore.inFlight(key),
    waiting: (key) => semaphore.waiting(key),
  };
}
