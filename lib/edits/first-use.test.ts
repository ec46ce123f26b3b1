/**
 * A wiki where the user has no account yet (docs/wikimedia-protocol.md §11.2): Wanda has accounts on
 * en.wikipedia.org and Meta only. Wikiport reads, watches and edits on de.wikipedia.org for her as on
 * any wiki, with nothing to do first: her first request there creates her account, once.
 */
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/db/testing";
import { sandboxVault, signInToVault } from "@/lib/grants/testing";
import { createActionClient } from "@/lib/wikimedia/action";
import { createWikimediaHttp } from "@/lib/wikimedia/http";
import { createRestClient } from "@/lib/wikimedia/rest";
import { siteOf } from "@/lib/wikimedia/testing";
import { DEMO_USERS } from "@/sandbox/seed";
import { useSandbox } from "@/sandbox/testing";
import { loadDraft, saveEdit } from "./save";
import { isWatched, setWatched } from "./watch";

const sb = useSandbox({ gateway: true });
const testDb = useTestDb();

const DE = siteOf("de.wikipedia.org");

describe("a wiki where the user has no account yet", () => {
  it("reads, watches and edits there through Wikiport; the first request creates the account", async () => {
    const { vault } = sandboxVault(sb, testDb.db);
    const { as } = await signInToVault(sb, testDb.db, vault, DEMO_USERS.wanderer);
    const http = createWikimediaHttp({ wikiUrlTemplate: `${sb.url}/{host}/w`, userAgent: "Wikiport/test (https://example.org/wikiport-tests) first use", deadlineMs: 5_000 });
    const deps = { rest: createRestClient({ http }), action: createActionClient({ http }) };

    const loaded = await loadDraft(deps, as, DE, "Sonnensystem", null);
    if (loaded.status !== "ok") throw new Error(loaded.message);
    expect(await setWatched(deps, as, DE, "Sonnensystem", true)).toEqual({ ok: true, title: "Sonnensystem", watched: true });
    expect(await isWatched(deps, as, DE, "Sonnensystem")).toEqual({ ok: true, watched: true });
    const saved = await saveEdit(deps, as, DE, {
      title: "Sonnensystem", text: `${loaded.draft.text}\n\nEin Satz von Wanda.`, summary: "Ein Satz", minor: false,
      baseRevisionId: loaded.draft.baseRevisionId, section: null,
    });
    expect(saved).toMatchObject({ status: "saved", title: "Sonnensystem" });

    const log = await fetch(`${sb.wiki("de.wikipedia.org")}/api.php?action=query&list=logevents&letype=newusers&format=json&formatversion=2`, {
      headers: { "user-agent": "Wikiport/test (https://example.org/wikiport-tests) first use" },
    });
    const entries = ((await log.json()) as { query: { logevents: { action: string; user: string }[] } }).query.logevents;
    expect(entries.map((entry) => [entry.action, entry.user])).toEqual([["autocreate", DEMO_USERS.wanderer.name]]);
  });
});
