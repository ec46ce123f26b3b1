/**
 * Per-address limits under the default configuration (issue 17 item 4): the suite's server is started
 * like `npm start` with no WIKIPORT_TRUSTED_PROXY_HOPS, so a client that sends a new X-Forwarded-For
 * with every request must still meet the limit of the address it really connects from.
 * Each test connects from a loopback address of its own (e2e/support/from-address.ts).
 */
import { generateApiToken } from "../lib/api-tokens/format";
import { AUTH_FAILURE_LIMIT } from "../lib/api/auth-failures";
import { SIGN_IN_RATE_LIMIT } from "../lib/security/rate-limits";
import { E2E } from "./environment";
import { expect, test } from "./support/fixtures";
import { fromAddress, type AddressedResponse } from "./support/from-address";

let next = 0;
/** A different documentation address (RFC 5737) for every request, last in the list as a proxy's would be. */
function rotating(): Record<string, string> {
  next += 1;
  return { "x-forwarded-for": `198.51.100.1, 203.0.113.${(next % 250) + 1}` };
}

async function untilRefused(send: () => Promise<AddressedResponse>, tries: number): Promise<number> {
  for (let sent = 1; sent <= tries; sent++) {
    const response = await send();
    if (response.status() === 429) {
      expect(Number(response.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
      return sent;
    }
  }
  throw new Error(`No 429 after ${tries} requests, each claiming another address`);
}

test("the default configuration trusts no X-Forwarded-For a client makes up", () => {
  expect(E2E.serverEnv).not.toHaveProperty("WIKIPORT_TRUSTED_PROXY_HOPS");
});

test("rotating X-Forwarded-For cannot escape the failed API token limit", async () => {
  const scanner = fromAddress("127.0.3.1");
  // The review sent 25 and met no 429. The bucket refills while the burst runs, however slowly the machine
  // answers, so the margin is the whole capacity again rather than a few requests.
  const sent = await untilRefused(() => scanner.get("/api/v1/me", { authorization: `Bearer ${generateApiToken()}`, ...rotating() }), AUTH_FAILURE_LIMIT.capacity * 2);
  expect(sent).toBeGreaterThan(AUTH_FAILURE_LIMIT.capacity);
  // Another client is not blocked by it.
  expect((await fromAddress("127.0.3.2").get("/api/v1/me", { authorization: `Bearer ${generateApiToken()}` })).status()).toBe(401);
});

test("rotating X-Forwarded-For cannot escape the sign-in start limit", async () => {
  const client = fromAddress("127.0.3.3");
  const { csrfToken } = (await (await client.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // The review sent 70 and met no 429; the margin is the whole capacity again, as above.
  const sent = await untilRefused(() => client.post("/api/auth/signin/wikimedia", { csrfToken }, rotating()), SIGN_IN_RATE_LIMIT.capacity * 2);
  expect(sent).toBeGreaterThan(SIGN_IN_RATE_LIMIT.capacity);
  const other = fromAddress("127.0.3.4");
  const token = ((await (await other.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  expect((await other.post("/api/auth/signin/wikimedia", { csrfToken: token })).status()).toBe(302);
});
