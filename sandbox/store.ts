/**
 * The sandbox's memory: the state (seeded, resettable, optionally kept in a JSON file so demo edits
 * survive a restart of `npm start`), the clock, and per-run things that are never persisted — injected
 * faults and the request log that tests read.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { SandboxConfig } from "./config";
import { seedState } from "./seed";
import type { SandboxState } from "./state";

export type FaultKind =
  | "status" // answer with `status` (500, 502, 503) and a MediaWiki-style error body
  | "hang" // never answer (or drop the connection after `delayMs`); the client must time out
  | "slow" // answer normally after `delayMs`
  | "truncated" // cut the real body in half
  | "non-json" // a plain-text body where JSON was expected
  | "html" // an edge-style HTML error page with `status`
  | "rate-limit" // 429 with Retry-After
  | "maxlag" // Action API maxlag error with Retry-After
  | "readonly"; // the wiki is read-only for maintenance ($wgReadOnly), with Retry-After when given

export interface Fault {
  id: number;
  /** An endpoint name (see the router), or a prefix ending in `*`, e.g. `oauth2/*`. */
  endpoint: string;
  kind: FaultKind;
  /** How many more matching requests this fault applies to. */
  remaining: number;
  status?: number;
  delayMs?: number;
  retryAfter?: number;
  wiki?: string;
  /** Only requests made for this demo user (see caller.ts); others pass untouched. */
  user?: string;
}

/**
 * An endpoint announced as going away, RFC 9745 style, as Wikimedia does with at least three months'
 * notice (docs/wikimedia-protocol.md §11): its answers carry `Deprecation`, and `Sunset` and a
 * `Link` to the announcement when given.
 */
export interface DeprecationAnnouncement {
  /** An endpoint name (see the router), or a prefix ending in `*`. */
  endpoint: string;
  /** Epoch ms. */
  since: number;
  sunset?: number;
  link?: string;
}

export interface RequestLogEntry {
  seq: number;
  /** When the answer was ready, on the sandbox's clock (ms). */
  time: number;
  /**
   * When the request arrived and when its answer was written, on the sandbox's clock with sub-millisecond
   * precision: two requests of one credential overlap when one started before the other ended, which is
   * how tests count requests in flight per credential (wikimedia-wire: at most 3). `ended` is null for a
   * request left hanging by a fault.
   */
  started: number;
  ended: number | null;
  /** Whose access token the request carried: `user:<name>`, `app:<client key>` (client credentials), or null. */
  credential: string | null;
  method: string;
  path: string;
  wiki: string | null;
  endpoint: string;
  status: number;
  /** Extra facts a handler adds, e.g. client id and grant type at the token endpoint. */
  details: Record<string, string | number | boolean | null>;
  fault: string | null;
}

const MAX_LOG = 5000;

/** Demo names are compared as MediaWiki compares titles: underscores and spaces are the same. */
export function sameUser(a: string, b: string): boolean {
  return a.replaceAll("_", " ") === b.replaceAll("_", " ");
}

export class SandboxStore {
  state: SandboxState;
  readonly faults: Fault[] = [];
  readonly deprecations: DeprecationAnnouncement[] = [];
  /** The API gateway's per-minute windows by client key (gateway.ts). */
  readonly gatewayWindows = new Map<string, { start: number; count: number }>();
  readonly requestLog: RequestLogEntry[] = [];
  private nextFaultId = 1;
  private nextSeq = 1;
  private saveTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly config: SandboxConfig,
    state?: SandboxState,
  ) {
    this.state = state ?? seedState(config, Date.now());
  }

  static open(config: SandboxConfig): SandboxStore {
    if (config.store !== "memory" && existsSync(config.store.file)) {
      const saved = JSON.parse(readFileSync(config.store.file, "utf8")) as SandboxState;
      // A file from before accounts across wikis (sandbox/accounts.ts) is re-seeded rather than half-read.
      if (saved.version === 1 && Array.isArray(saved.localAccounts)) return new SandboxStore(config, saved);
    }
    const store = new SandboxStore(config);
    store.changed();
    return store;
  }

  /** The sandbox clock, in epoch milliseconds: real time plus the offset tests advance. */
  now(): number {
    return Date.now() + this.state.clockOffsetMs;
  }

  /** `now()` with sub-millisecond precision, for the request log's start and end times. */
  preciseNow(): number {
    return performance.timeOrigin + performance.now() + this.state.clockOffsetMs;
  }

  advanceClock(seconds: number): void {
    this.state.clockOffsetMs += seconds * 1000;
    this.changed();
  }

  /** Back to the seed, keeping the signing key; faults and the request log are cleared too. */
  reset(): void {
    this.state = seedState(this.config, Date.now(), this.state.signingKey);
    this.faults.length = 0;
    this.deprecations.length = 0;
    this.gatewayWindows.clear();
    this.requestLog.length = 0;
    this.changed();
  }

  /** Call after every mutation; the file store writes at most every 200 ms. */
  changed(): void {
    if (this.config.store === "memory" || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.flush();
    }, 200);
    this.saveTimer.unref();
  }

  flush(): void {
    if (this.config.store === "memory") return;
    const file = this.config.store.file;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify(this.state));
    renameSync(`${file}.tmp`, file);
  }

  /** The headers announcing `endpoint`'s deprecation, if it is deprecated. */
  deprecationHeaders(endpoint: string): Record<string, string> {
    const found = this.deprecations.find(
      (d) => d.endpoint === endpoint || (d.endpoint.endsWith("*") && endpoint.startsWith(d.endpoint.slice(0, -1))),
    );
    if (!found) return {};
    return {
      deprecation: `@${Math.floor(found.since / 1000)}`,
      ...(found.sunset !== undefined ? { sunset: new Date(found.sunset).toUTCString() } : {}),
      ...(found.link !== undefined ? { link: `<${found.link}>; rel="deprecation"; type="text/html"` } : {}),
    };
  }

  addFault(fault: Omit<Fault, "id">): Fault {
    const added = { ...fault, id: this.nextFaultId++ };
    this.faults.push(added);
    return added;
  }

  /** Whether any fault waits for one user: only then must the server work out who a request is for. */
  hasUserFaults(): boolean {
    return this.faults.some((fault) => fault.user !== undefined);
  }

  /**
   * The first fault matching this request, counted down (and dropped once used up). `caller` is the
   * demo user the request acts for (null when none or unknown): a fault with `user` matches only them.
   */
  takeFault(endpoint: string, wiki: string | null, caller: string | null = null): Fault | null {
    const index = this.faults.findIndex(
      (fault) =>
        (fault.endpoint === endpoint ||
          (fault.endpoint.endsWith("*") && endpoint.startsWith(fault.endpoint.slice(0, -1)))) &&
        (!fault.wiki || fault.wiki === wiki) &&
        (fault.user === undefined || (caller !== null && sameUser(fault.user, caller))),
    );
    if (index < 0) return null;
    const fault = this.faults[index]!;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  log(entry: Omit<RequestLogEntry, "seq">): void {
    this.requestLog.push({ ...entry, seq: this.nextSeq++ });
    if (this.requestLog.length > MAX_LOG) this.requestLog.splice(0, this.requestLog.length - MAX_LOG);
  }
}
