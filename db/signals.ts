/**
 * Wake-ups between waiters and writers, across every instance on the database: "the grant's new tokens
 * are written", "an upstream slot is free". On PostgreSQL a topic is a NOTIFY on one channel, heard by
 * one LISTEN connection per process; on SQLite (one machine) it is an in-process event, and waiters in
 * another process on the same file fall back to their timeout, which their callers keep short there.
 */
import { EventEmitter } from "node:events";
import type pg from "pg";

export interface Subscription {
  /**
   * Resolves at the first notification since the subscription began (or since the last `next`), or
   * after `timeoutMs`: callers re-check the state either way, so a lost notification costs time, never
   * correctness.
   */
  next(timeoutMs: number): Promise<void>;
  close(): void;
}

export interface Signals {
  /** Starts listening for `topic` before the caller checks the state it waits on, so nothing is missed. */
  subscribe(topic: string): Promise<Subscription>;
  notify(topic: string): Promise<void>;
  /** Whether a notification crosses processes (PostgreSQL) or only this one (SQLite). */
  readonly crossProcess: boolean;
  close(): Promise<void>;
}

const CHANNEL = "wikiport";

function subscriptionOn(events: EventEmitter, topic: string): Subscription {
  let pending = false;
  let wake: (() => void) | null = null;
  const listener = () => {
    pending = true;
    wake?.();
  };
  events.on(topic, listener);
  return {
    next(timeoutMs) {
      if (pending) {
        pending = false;
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          wake = null;
          pending = false;
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, timeoutMs));
        wake = done;
      });
    },
    close() {
      events.off(topic, listener);
      wake?.();
    },
  };
}

export function localSignals(): Signals {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  return {
    crossProcess: false,
    async subscribe(topic) {
      return subscriptionOn(events, topic);
    },
    async notify(topic) {
      events.emit(topic);
    },
    async close() {
      events.removeAllListeners();
    },
  };
}

/**
 * PostgreSQL's LISTEN/NOTIFY: one dedicated connection per process listens (connected on first use,
 * reconnected after a failure), and a NOTIFY from any instance reaches every subscriber of its topic.
 */
export function postgresSignals(pool: pg.Pool, connect: () => pg.Client): Signals {
  const events = new EventEmitter();
  events.setMaxListeners(0);
  let listener: Promise<pg.Client> | null = null;
  let closed = false;

  function listening(): Promise<pg.Client> {
    listener ??= (async () => {
      const client = connect();
      client.on("notification", (message) => {
        if (message.channel === CHANNEL && message.payload) events.emit(message.payload);
      });
      client.on("error", () => {
        // The connection is gone: the next subscriber opens another. Waiters still wake at their timeout.
        listener = null;
        client.end().catch(() => undefined);
      });
      try {
        await client.connect();
        await client.query(`LISTEN ${CHANNEL}`);
      } catch (error) {
        listener = null;
        await client.end().catch(() => undefined);
        throw error;
      }
      return client;
    })();
    return listener;
  }

  return {
    crossProcess: true,
    async subscribe(topic) {
      const subscription = subscriptionOn(events, topic);
      try {
        await listening();
      } catch {
        // Without a listener a subscriber still wakes at its timeout; the database error shows elsewhere.
      }
      return subscription;
    },
    async notify(topic) {
      await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, topic]);
    },
    async close() {
      closed = true;
      events.removeAllListeners();
      const client = await listener?.catch(() => null);
      listener = null;
      if (client && closed) await client.end().catch(() => undefined);
    },
  };
}
