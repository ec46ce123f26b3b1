/**
 * The dashboard's list of wikis where the user's account exists, against the sandbox over HTTP with the
 * real vault: CentralAuth's merged accounts, a wiki added once Wikiport acted there, the answer kept for a
 * while, and failures said plainly (docs/wikimedia-protocol.md §11.2).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { useTestDb } from "@/db/testing";
import { sandboxVault, signInToVault } from "@/lib/grants/testing";
import { log } from "@/lib/log";
import { createActionClient } from "@/lib/wikimedia/action";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { siteOf } from "@/lib/wikimedia/testing";
import { DEMO_USERS, WIKIPORT_CLIENT } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { createWikiAccounts } from "./wiki-accounts";

const sb = useSandbox();
const testDb = useTestDb();

function action() {
  return createActionClient({ http: createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (wiki accounts)", deadlineMs: 5_000 }) });
}

async function signedIn(user: { name: string; password: string } = DEMO_USERS.editor) {
  const { vault } = sandboxVault(sb, testDb.db);
  return signInToVault(sb, testDb.db, vault, user);
}

describe("the wikis where a user's account exists", () => {
  it("lists the merged accounts, home first, and a wiki once Wikiport acted for the user there", async () => {
    const wanda = await signedIn(DEMO_USERS.wanderer);
    let clock = new Date("2026-12-04T12:00:00Z");
    const client = action();
    const accounts = createWikiAccounts({ action: client, asUser: () => wanda.as, log, now: () => clock, keepMs: 60_000 });

    const before = await accounts.list(wanda.userId);
    expect(before).toMatchObject({ ok: true, checkedAt: clock });
    if (!before.ok) return;
    expect(before.accounts).toEqual([
      { host: "en.wikipedia.org", home: true, automatic: false, since: new Date("2022-05-09T16:45:00Z"), editCount: 640 },
      { host: "meta.wikimedia.org", home: false, automatic: true, since: new Date("2022-05-09T16:45:00Z"), editCount: 0 },
    ]);

    // Reading on de.wikipedia.org with Wanda's token creates her account there; the kept answer stays a minute.
    await client.get(wanda.as, siteOf("de.wikipedia.org"), { action: "query", meta: "userinfo" }, z.unknown());
    expect(await accounts.list(wanda.userId)).toBe(before);
    clock = new Date(clock.getTime() + 60_000);
    const after = await accounts.list(wanda.userId);
    expect(after.ok && after.accounts.map((account) => account.host)).toEqual(["en.wikipedia.org", "de.wikipedia.org", "meta.wikimedia.org"]);
    expect(after.ok && after.accounts[1]).toMatchObject({ home: false, automatic: true, since: expect.any(Date) });
  });

  it("says plainly when Wikimedia does not answer, and asks again next time", async () => {
    const nico = await signedIn(DEMO_USERS.newcomer);
    const accounts = createWikiAccounts({ action: action(), asUser: () => nico.as, log, timeoutMs: 2_000 });
    await sb.control("POST", "/faults", { endpoint: "api/query", kind: "status", status: 503, count: 1 });
    expect(await accounts.list(nico.userId)).toEqual({
      ok: false,
      code: "wikimedia_unavailable",
      message: "Wikimedia did not say on which wikis your account exists right now. This list will be filled in on a later visit.",
      detail: "wiki-accounts",
    });
    const again = await accounts.list(nico.userId);
    expect(again.ok && again.accounts.map((account) => account.host)).toEqual(["en.wikipedia.org", "de.wikipedia.org", "he.wikipedia.org", "meta.wikimedia.org"]);
  });

  it("asks Wikimedia once for two renders at the same moment", async () => {
    const nico = await signedIn(DEMO_USERS.newcomer);
    const accounts = createWikiAccounts({ action: action(), asUser: () => nico.as, log });
    await sb.control("DELETE", "/requests");
    const [page, prefetch] = await Promise.all([accounts.list(nico.userId), accounts.list(nico.userId)]);
    expect(prefetch).toBe(page);
    expect((await sb.control("GET", "/requests?endpoint=api/query")).requests).toHaveLength(1);
  });

  it("asks the user to reconnect when Wikimedia no longer accepts the grant", async () => {
    const ada = await signedIn();
    await sb.control("POST", "/grants/revoke", { user: DEMO_USERS.editor.name, clientId: WIKIPORT_CLIENT.key });
    const accounts = createWikiAccounts({ action: action(), asUser: () => ada.as, log });
    expect(await accounts.list(ada.userId)).toMatchObject({ ok: false, code: "reconnect_needed" });
  });
});
