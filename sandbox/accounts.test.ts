/**
 * Accounts across wikis (docs/wikimedia-protocol.md §11.2), over HTTP: Wanda has no account on
 * de.wikipedia.org until her first OAuth request there, which creates it as CentralAuth would.
 */
import { describe, expect, it } from "vitest";
import { callApi } from "./action/api-client";
import { FIRST_AUTOCREATED_ID } from "./accounts";
import { DEMO_USERS } from "./seed";
import { useSandbox } from "./testing";

const sb = useSandbox();
const DE = () => sb.wiki("de.wikipedia.org");

async function mergedWikis(token: string): Promise<{ home: string; merged: { wiki: string; url: string; id: number; method: string }[] }> {
  const reply = await callApi(sb.wiki(), { action: "query", meta: "globaluserinfo", guiprop: "merged", formatversion: "2" }, { bearer: token });
  expect(reply.body.errors ?? reply.body.error).toBeUndefined();
  return reply.body.query.globaluserinfo;
}

async function newUsersLog(): Promise<Record<string, unknown>[]> {
  const reply = await callApi(DE(), { action: "query", list: "logevents", letype: "newusers", formatversion: "2" });
  return reply.body.query.logevents;
}

describe("an account missing on one wiki", () => {
  it("is listed by meta=globaluserinfo on every wiki but that one, home first", async () => {
    const wanda = await sb.token(DEMO_USERS.wanderer.name);
    const info = await mergedWikis(wanda);
    expect(info).toMatchObject({ home: "enwiki", id: DEMO_USERS.wanderer.id, name: DEMO_USERS.wanderer.name, registration: "2022-05-09T16:45:00Z" });
    expect(info.merged.map((account) => [account.wiki, account.method])).toEqual([
      ["enwiki", "new"],
      ["metawiki", "login"],
    ]);
    expect(info.merged[0]).toEqual({
      wiki: "enwiki", url: `${sb.url}/en.wikipedia.org`, id: DEMO_USERS.wanderer.id, timestamp: "2022-05-09T16:45:00Z", method: "new",
      editcount: 640, registration: "2022-05-09T16:45:00Z", groups: ["autoconfirmed"],
    });
    expect(await newUsersLog()).toEqual([]);
  });

  it("is created by the first OAuth request there: local id, newusers/autocreate log entry, then merged", async () => {
    const wanda = await sb.token(DEMO_USERS.wanderer.name);
    const first = await callApi(DE(), { action: "query", meta: "userinfo", uiprop: "centralids", formatversion: "2" }, { bearer: wanda });
    expect(first.body.query.userinfo).toEqual({
      id: FIRST_AUTOCREATED_ID,
      name: DEMO_USERS.wanderer.name,
      centralids: { CentralAuth: DEMO_USERS.wanderer.id, local: FIRST_AUTOCREATED_ID },
      attachedlocal: { CentralAuth: true, local: true },
    });
    const log = await newUsersLog();
    expect(log).toEqual([
      {
        logid: expect.any(Number), pageid: 0, logpage: 0, ns: 2, title: "User:Wanda Wanderer", params: { userid: FIRST_AUTOCREATED_ID },
        type: "newusers", action: "autocreate", user: "Wanda Wanderer", timestamp: expect.stringMatching(/Z$/), comment: "",
      },
    ]);

    // Once only: a second request finds the account.
    await callApi(DE(), { action: "query", meta: "userinfo", formatversion: "2" }, { bearer: wanda });
    expect(await newUsersLog()).toHaveLength(1);
    const merged = (await mergedWikis(wanda)).merged;
    expect(merged.find((account) => account.wiki === "dewiki")).toMatchObject({ id: FIRST_AUTOCREATED_ID, method: "login", url: `${sb.url}/de.wikipedia.org` });
    // The other wikis did not change.
    const onEn = await callApi(sb.wiki(), { action: "query", meta: "userinfo", formatversion: "2" }, { bearer: wanda });
    expect(onEn.body.query.userinfo.id).toBe(DEMO_USERS.wanderer.id);
  });

  it("lets the user watch and edit there on the first request, as anywhere else", async () => {
    const wanda = await sb.token(DEMO_USERS.wanderer.name);
    const tokens = await callApi(DE(), { action: "query", meta: "tokens", type: "csrf|watch", formatversion: "2" }, { bearer: wanda });
    const { csrftoken, watchtoken } = tokens.body.query.tokens as { csrftoken: string; watchtoken: string };
    const watched = await callApi(DE(), { action: "watch", titles: "Sonnensystem", token: watchtoken, formatversion: "2" }, { method: "POST", bearer: wanda });
    expect(watched.body.watch).toEqual([expect.objectContaining({ title: "Sonnensystem", watched: true })]);
    const edited = await callApi(
      DE(),
      { action: "edit", title: "Sonnensystem", appendtext: "\n\nEin Satz von Wanda.", token: csrftoken, formatversion: "2" },
      { method: "POST", bearer: wanda },
    );
    expect(edited.body.edit).toMatchObject({ result: "Success", title: "Sonnensystem" });
    expect(await newUsersLog()).toHaveLength(1);
  });

  it("is not created by an anonymous request, and guiuser names anyone's accounts without a token", async () => {
    await callApi(DE(), { action: "query", meta: "userinfo", formatversion: "2" });
    expect(await newUsersLog()).toEqual([]);
    const reply = await callApi(DE(), { action: "query", meta: "globaluserinfo", guiuser: "Blake_Blocked", guiprop: "merged", formatversion: "2" });
    const blake = reply.body.query.globaluserinfo;
    expect(blake.merged.map((account: { wiki: string }) => account.wiki)).toEqual(["enwiki", "metawiki"]);
    expect(blake.merged[0].blocked).toEqual({ expiry: "infinity", reason: "Disruptive editing (demo block)" });
    const nobody = await callApi(DE(), { action: "query", meta: "globaluserinfo", guiuser: "Nobody Here", formatversion: "2" });
    expect(nobody.body.query.globaluserinfo).toEqual({ missing: true });
  });
});
