/** The sandbox wiki's control API (`/__sandbox/`), as the benchmark needs it: info, request log, clock. */

export const TOKEN_ENDPOINT = "oauth2/access_token";

export interface LoggedRequest {
  seq: number;
  endpoint: string;
  method: string;
  path: string;
  status: number;
  /** When the request arrived, on the sandbox's clock (ms). */
  started?: number;
}

export interface SandboxInfo {
  users: { name: string; password: string; role: string }[];
  consumer: { clientId: string; clientSecret: string };
  settings: { accessTokenTtl: number };
}

async function json<T>(response: Response, what: string): Promise<T> {
  if (!response.ok) throw new Error(`The sandbox's ${what} answered ${response.status}.`);
  return (await response.json()) as T;
}

export function createSandboxControl(sandboxUrl: string) {
  const control = (path: string) => `${sandboxUrl}/__sandbox${path}`;

  async function requestsSince(seq: number, endpoint?: string): Promise<LoggedRequest[]> {
    const query = new URLSearchParams({ since: String(seq), ...(endpoint ? { endpoint } : {}) });
    return (await json<{ requests: LoggedRequest[] }>(await fetch(control(`/requests?${query}`)), "request log")).requests;
  }

  return {
    info: async () => json<SandboxInfo>(await fetch(control("/info")), "info"),

    /** Upstream requests (control calls excluded) after `seq`; the log keeps the last 5,000. */
    requestsSince,

    /** The sequence number to count later upstream requests from. */
    async mark(): Promise<number> {
      return Math.max(0, ...(await requestsSince(0)).map((entry) => entry.seq));
    },

    /** Slows every REST call of a wiki by `delayMs` for the next `count` calls (the sandbox's `slow` fault). */
    async slowWiki(wiki: string, delayMs: number, count: number): Promise<void> {
      await json(
        await fetch(control("/faults"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ endpoint: "rest/*", wiki, kind: "slow", delayMs, count }),
        }),
        "faults",
      );
    },

    async clearFaults(): Promise<void> {
      await json(await fetch(control("/faults"), { method: "DELETE" }), "faults");
    },

    async advanceClock(seconds: number): Promise<void> {
      await json(
        await fetch(control("/clock"), {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ advanceSeconds: seconds }),
        }),
        "clock",
      );
    },
  };
}

export type SandboxControl = ReturnType<typeof createSandboxControl>;

/** Requests per endpoint, most frequent first: "rest/page/with_html×1000, oauth2/access_token×1". */
export function countByEndpoint(requests: readonly LoggedRequest[]): string {
  const counts = new Map<string, number>();
  for (const request of requests) counts.set(request.endpoint, (counts.get(request.endpoint) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([endpoint, count]) => `${endpoint}×${count}`)
    .join(", ");
}
