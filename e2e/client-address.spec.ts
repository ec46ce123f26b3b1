/**
 * Per-address limits under the default configuration (issue 17 item 4): the suite's server is started
 * like `npm start` with no WIKIPORT_TRUSTED_PROXY_HOPS, so a client that sends a new X-Forwarded-For
 * with every request must still meet the limit of the address it really connects from.
 * Each test connects from a loopback address of its own (e2e/support/from-address.ts). The run's limits
 * refill once an hour (e2e/environment.ts), so the refusal comes at exactly capacity + 1 however slowly
 * the machine answers.
 */
import { generateApiToken } from "../lib/api-tokens/format";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { fromAddress, type AddressedResponse } from "./support/from-address";

let next = 0;
/** A different documentation address (RFC 5737) for every request, last in the list as a proxy's would be. */
function rotating(): Record<string, string> {
  next += 1;
  return { "x-forwarded-for": `198.51.100.1, 203.0.113.${(next % 250) + 1}` };
}

/** `capacity` requests, each claiming another address, that all pass; then one more: the refused one. */
async function burstPastCapacity(send: () => Promise<AddressedResponse>, capacity: number): Promise<void> {
  const statuses: number[] = [];
  for (let sent = 0; sent < capacity; sent++) statuses.push((await send()).status());
  expect(statuses.filter((status) => status === 429)).toEqual([]);
  const refused = await send();
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
}

test("the default configuration trusts no X-Forwarded-For a client makes up", () => {
  expect(E2E.serverEnv).not.toHaveProperty("WIKIPORT_TRUSTED_PROXY_HOPS");
});

test("rotating X-Forwarded-For cannot escape the failed API token limit", async () => {
  const scanner = fromAddress("127.0.3.1");
  // The review sent 25 and met no 429.
  await burstPastCapacity(() => scanner.get("/api/v1/me", { authorization: `Bearer ${generateApiToken()}`, ...rotating() }), E2E.limits.apiAuthFailures.capacity);
  // Another client is not blocked by it.
  expect((await fromAddress("127.0.3.2").get("/api/v1/me", { authorization: `Bearer ${generateApiToken()}` })).status()).toBe(401);
});

test("rotating X-Forwarded-For cannot escape the sign-in start limit", async () => {
  const client = fromAddress("127.0.3.3");
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // The review sent 70 and met no 429.
  await burstPastCapacity(() => client.post("/api/auth/signin/wikimedia", { csrfToken }, rotating()), E2E.limits.signIn.capacity);
  const other = fromAddress("127.0.3.4");
  const token = ((await (await other.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  expect((await other.post("/api/auth/signin/wikimedia", { csrfToken: token })).status()).toBe(302);
});
