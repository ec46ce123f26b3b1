/**
 * Load with autocannon's programmatic API. Every measured run is preceded by its own warm-up against the
 * same URL (JIT, caches, keep-alive connections), and the result says how many answers were not 2xx, so a
 * fast stream of errors can never pass for throughput.
 */
import autocannon, { type RequestSpec, type Result } from "autocannon";

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is given. */
  duration?: number;
  amount?: number;
  headers?: Record<string, string>;
  /**
   * Give every request its own client address in `X-Forwarded-For`, as the one reverse proxy Wikiport
   * trusts would for many readers (lib/security/client-address.ts); without it, all the load comes from one
   * address and per-address rate limits answer instead of the route.
   */
  distinctClients?: boolean;
  /**
   * A mix: each connection asks for these in turn, over and over (autocannon's `requests`), each with the
   * options' headers and its own. `url` then only gives the origin.
   */
  paths?: readonly { path: string; headers?: Record<string, string> }[];
}

let nextClient = 0;

/** 10.0.0.1, 10.0.0.2, … (2^24 addresses before it wraps). */
function clientAddress(): string {
  nextClient = (nextClient + 1) % 0xffffff || 1;
  return `10.${(nextClient >> 16) & 255}.${(nextClient >> 8) & 255}.${nextClient & 255}`;
}

export interface LoadResult {
  url: string;
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  /** Latency of each answer in ms, in arrival order (collected only when asked: it costs memory). */
  samples: number[];
  statuses: Record<string, number>;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  bytes: number;
}

export class LoadError extends Error {
  override name = "LoadError";
}

function requestSpecs(options: LoadOptions): RequestSpec[] | undefined {
  const setupRequest: RequestSpec["setupRequest"] = options.distinctClients
    ? (request) => ({ ...request, headers: { ...request.headers, "x-forwarded-for": clientAddress() } })
    : undefined;
  if (options.paths) {
    return options.paths.map(({ path, headers }) => ({
      method: "GET",
      path,
      headers: { ...options.headers, ...headers },
      ...(setupRequest ? { setupRequest } : {}),
    }));
  }
  return setupRequest ? [{ setupRequest }] : undefined;
}

export async function load(options: LoadOptions, collectSamples = false): Promise<LoadResult> {
  const samples: number[] = [];
  const specs = requestSpecs(options);
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.duration ?? 10 }),
    headers: options.headers ?? {},
    timeout: 60,
    ...(specs ? { requests: specs } : {}),
  });
  if (collectSamples) {
    instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      samples.push(responseTime);
    });
  }
  let result: Result;
  try {
    result = await instance;
  } catch (error) {
    throw new LoadError(`autocannon could not load ${options.url}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const statuses = Object.fromEntries(Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]));
  const requests = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  return {
    url: result.url,
    requests,
    seconds: result.duration,
    requestsPerSecond: result.duration > 0 ? requests / result.duration : Number.NaN,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    samples,
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytes: result.throughput.total,
  };
}

/** A short run whose numbers are thrown away. */
export async function warmUp(url: string, amount: number, distinctClients = false, headers?: Record<string, string>): Promise<void> {
  await load({ url, connections: Math.min(10, amount), amount, distinctClients, ...(headers ? { headers } : {}) });
}
