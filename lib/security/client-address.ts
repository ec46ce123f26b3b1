/**
 * Which client a request came from, for limits that count per client (failed API authentication,
 * sign-in, the OAuth callback, public cards).
 *
 * Route handlers and proxy.ts never see the socket. Next.js copies the peer's address into
 * `X-Forwarded-For` only when the request has no such header at all (base-server.js:
 * `req.headers['x-forwarded-for'] ??= socket.remoteAddress`), so whatever a client sends in it arrives
 * untouched. Only entries appended by proxies we run can be believed, and each such proxy appends on the
 * right: with WIKIPORT_TRUSTED_PROXY_HOPS=n the n-th entry from the right is the one the outermost
 * trusted proxy appended (nginx: `$proxy_add_x_forwarded_for`). Everything to its left is the client's
 * own word and is never read, so a client cannot choose its own bucket by sending
 * `X-Forwarded-For: <random>, …`.
 *
 * The default is 0: nothing in the header is trusted and every client shares one key, so limits still
 * hold in total and nobody escapes them by inventing addresses. `npm start` does better by default: its
 * launcher puts a small front server before the app that appends each connection's real address, and
 * counts itself as one more hop (scripts/lib/front-door.ts). docs/decisions/011-client-address.md.
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
