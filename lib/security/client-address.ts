/**
 * Which client a request came from, for limits that count per client (failed API authentication).
 *
 * Wikiport is meant to run behind exactly one reverse proxy (nginx, Caddy, a platform's router) that
 * appends the address it saw to `X-Forwarded-For` (nginx: `$proxy_add_x_forwarded_for`). Next.js adds the
 * socket's peer address only when a request has no such header at all (base-server.js: `??=`), and route
 * handlers get no other view of the socket. So the one entry we trust is the one our proxy appended: the
 * last one. Everything to its left was sent by the client and can be anything, so it is never read — a
 * client cannot choose its own bucket by sending `X-Forwarded-For: <random>, …`.
 *
 * The number of such proxies is a deployment setting, WIKIPORT_TRUSTED_PROXY_HOPS (default 1): with n proxies
 * the n-th entry from the right is the one the outermost proxy appended. With 0 (no proxy), nothing in the
 * header can be trusted, so every client shares one key: limits still hold in total, and nobody can dodge
 * them by inventing addresses.
 */
import { isIP } from "node:net";

/** Shared by every request whose address cannot be read, so garbage headers gain nothing. */
export const UNKNOWN_CLIENT = "unknown";

/** The client's address as the outermost trusted proxy saw it, or UNKNOWN_CLIENT. */
export function clientAddress(headers: Headers, trustedHops: number): string {
  if (trustedHops === 0) return UNKNOWN_CLIENT;
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) return UNKNOWN_CLIENT;
  // Fewer entries than hops: the request did not pass every proxy, so the first entry is the nearest peer.
  const entry = entries[Math.max(0, entries.length - trustedHops)]!;
  return normalize(entry);
}

function normalize(entry: string): string {
  // IPv4 clients of a dual-stack socket appear as ::ffff:a.b.c.d; one client, one key.
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(entry);
  const address = mapped ? mapped[1]! : entry.toLowerCase();
  return isIP(address) === 0 ? UNKNOWN_CLIENT : address;
}
