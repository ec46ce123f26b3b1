/**
 * A personal token's cookie jar, against the sandbox's API gateway over HTTP: Wikimedia sets a
 * `sessionJwt` cookie on answers to owner-only tokens, and counts the token's requests in the user's own
 * class only when it comes back (docs/wikimedia-protocol.md §11.3). The jar sends each cookie back to
 * the wiki that set it, and never with another token.
 */
import type { IncomingMessage } from "node:http";
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Logger } from "@/lib/log";
import { createActionClient } from "@/lib/wikimedia/action";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { siteOf } from "@/lib/wikimedia/testing";
import { DEMO_USERS } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { personalTokenCredential } from "./credential";

const sb = useSandbox({ gateway: true });

const USER_AGENT = "Wikiport/test (https://example.org/wikiport-tests) personal-token cookies";
const EN = siteOf("en.wikipedia.org");
const DE = siteOf("de.wikipedia.org");
const userinfo = z.object({ query: z.object({ userinfo: z.object({ id: z.number(), name: z.string() }) }) });

const logged: string[] = [];
const capture = (level: string) => (event: string, fields: Record<string, unknown> = {}) => void logged.push(JSON.stringify({ level, event, ...fields }));
const log: Logger = { error: capture("error"), warn: capture("warn"), info: capture("info"), debug: capture("debug") };

function action() {
  return createActionClient({ http: createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: USER_AGENT, deadlineMs: 5_000, log }) });
}

/** What the sandbox received with each request made with `token`: its path and Cookie header. */
function watchCookies(token: string): { path: string; cookie: string | undefined }[] {
  const seen: { path: string; cookie: string | undefined }[] = [];
  const observe = (req: IncomingMessage) => {
    if (req.headers.authorization === `Bearer ${token}`) seen.push({ path: req.url ?? "", cookie: req.headers.cookie });
  };
  sb.sandbox.server.on("request", observe);
  stops.push(() => sb.sandbox.server.off("request", observe));
  return seen;
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  logged.length = 0;
});

/** A personal API token: an owner-only client registered on Meta (docs/wikimedia-protocol.md §1.4). */
async function ownerOnlyToken(user: string): Promise<string> {
  const manager = await sb.token(user, ["basic", "oauthmanageownclient"]);
  const response = await fetch(`${sb.wiki("meta.wikimedia.org")}/rest.php/oauth2/client`, {
    method: "POST",
    headers: { authorization: `Bearer ${manager}`, "content-type": "application/json", "user-agent": USER_AGENT },
    body: JSON.stringify({ name: `Scripts ${randomUUID()}`, version: "1.0", description: "My scripts", owner_only: true, scopes: ["basic"] }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe("a personal token's cookies", () => {
  it("go back to the wiki that set them, so the gateway counts the token in its user's class", async () => {
    const token = await ownerOnlyToken(DEMO_USERS.editor.name);
    await sb.control("POST", "/settings", { gatewayLimits: { identified: 1, established: 5 } });
    await sb.control("POST", "/clock", { advanceSeconds: 60 });
    const seen = watchCookies(token);
    const client = action();
    const owner = randomUUID();
    for (let call = 0; call < 3; call += 1) {
      const answer = await client.get(personalTokenCredential(token, owner), EN, { action: "query", meta: "userinfo" }, userinfo);
      expect(answer.query.userinfo.name).toBe(DEMO_USERS.editor.name);
    }
    expect(seen.map((request) => request.cookie?.startsWith("sessionJwt=") ?? false)).toEqual([false, true, true]);
  });

  it("stay with their wiki and their token: none for another wiki, another user, or a new token", async () => {
    const ada = await ownerOnlyToken(DEMO_USERS.editor.name);
    const nico = await ownerOnlyToken(DEMO_USERS.newcomer.name);
    const client = action();
    const adaUser = randomUUID();
    const adaSeen = watchCookies(ada);
    const nicoSeen = watchCookies(nico);
    const call = (token: string, owner: string, site = EN) => client.get(personalTokenCredential(token, owner), site, { action: "query", meta: "userinfo" }, userinfo);

    await call(ada, adaUser);
    await call(ada, adaUser);
    await call(ada, adaUser, DE);
    await call(ada, adaUser, DE);
    const enCookie = adaSeen[1]!.cookie!;
    expect(enCookie).toMatch(/^sessionJwt=/);
    // de.wikipedia.org never sees en's cookie: its first request has none, its second its own.
    expect(adaSeen[2]!.cookie).toBeUndefined();
    expect(adaSeen[3]!.cookie).toMatch(/^sessionJwt=/);
    expect(adaSeen[3]!.cookie).not.toBe(enCookie);

    // Another user's token, and a new token for the same Wikiport user, start with nothing.
    await call(nico, randomUUID());
    const replacement = await ownerOnlyToken(DEMO_USERS.editor.name);
    const replacementSeen = watchCookies(replacement);
    await call(replacement, adaUser);
    expect(nicoSeen[0]!.cookie).toBeUndefined();
    expect(replacementSeen[0]!.cookie).toBeUndefined();

    const value = enCookie.slice("sessionJwt=".length);
    expect(logged.filter((line) => line.includes(value) || line.includes("sessionJwt"))).toEqual([]);
  });
});
