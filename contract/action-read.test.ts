/**
 * Action API, anonymous: queries and the errors a client meets before it ever edits, compared between
 * MediaWiki 1.39 and the sandbox (status, body shape, error codes, MediaWiki-API-Error header).
 */
import { afterAll, describe, expect, it } from "vitest";
import { expectAllSameContract, expectSameContract, knownDifferenceUsage } from "./compare";
import { api, pair, useTargets } from "./targets";

const targets = useTargets();

afterAll(() => {
  console.info(knownDifferenceUsage());
});

describe("Action API queries (anonymous)", () => {
  it("meta=tokens: the anonymous csrf token is +\\ (fv2 and fv1)", async () => {
    for (const formatversion of [2, 1]) {
      const answers = await pair(targets, (t) => api(t, { query: { action: "query", meta: "tokens", type: "csrf", formatversion } }));
      expectSameContract(answers);
      for (const answer of [answers.mediawiki, answers.sandbox]) {
        expect((answer.json as { query?: { tokens?: { csrftoken?: unknown } } }).query?.tokens?.csrftoken, answer.request).toBe("+\\");
      }
    }
  });

  it("meta=tokens type=login|watch: a real login token even when anonymous", async () => {
    const answers = await pair(targets, (t) => api(t, { query: { action: "query", meta: "tokens", type: "login|watch", formatversion: 2 } }));
    expectSameContract(answers);
    const login = (answers.sandbox.json as { query?: { tokens?: { logintoken?: unknown } } }).query?.tokens?.logintoken;
    expect(login).toMatch(/^[0-9a-f]{32,}\+\\$/);
  });

  it("meta=siteinfo (general)", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "query", meta: "siteinfo", formatversion: 2 } })));
  });

  it("meta=userinfo", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "query", meta: "userinfo", formatversion: 2 } })));
  });

  it("prop=info|revisions with content, fv2 and fv1, an existing and a missing page", async () => {
    const rvprop = "ids|timestamp|user|comment|size|content";
    const query = (titles: string, formatversion: number) => ({
      action: "query", prop: "info|revisions", titles, rvprop, rvslots: "main", formatversion,
    });
    expectAllSameContract([
      await pair(targets, (t) => api(t, { query: query("Main Page|Contract no such page", 2) })),
      // fv1 keys `pages` by page id, and PHP turns ids that happen to run 0..n-1 (like -1 and 1) into a
      // list: one title per request keeps that coincidence of ids out of the comparison.
      await pair(targets, (t) => api(t, { query: query("Main Page", 1) })),
      await pair(targets, (t) => api(t, { query: query("Contract no such page", 1) })),
    ]);
  });

  it("prop=info|revisions with a title to normalize", async () => {
    expectSameContract(
      await pair(targets, (t) =>
        api(t, { query: { action: "query", prop: "info|revisions", titles: "main_Page", rvprop: "ids|timestamp", formatversion: 2 } }),
      ),
    );
  });

  it("list=search", async () => {
    expectSameContract(
      await pair(targets, (t) => api(t, { query: { action: "query", list: "search", srsearch: "main", srlimit: 5, formatversion: 2 } })),
    );
  });
});

describe("Action API errors (anonymous)", () => {
  it("action=tokens is gone: badvalue", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "tokens", type: "csrf" } })));
  });

  it("an unknown action: badvalue", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "contractnonsense" } })));
  });

  it("action=edit by GET without a token: missingparam", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "edit", title: "Contract GET edit", text: "x" } })));
  });

  it("action=edit by GET with a token: mustpostparams", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "edit", title: "Contract GET edit", text: "x", token: "+\\" } })));
  });

  it("action=edit by POST with the token in the query string: mustpostparams", async () => {
    expectSameContract(
      await pair(targets, (t) =>
        api(t, { method: "POST", query: { action: "edit", token: "+\\" }, body: { title: "Contract GET edit", text: "x" } }),
      ),
    );
  });

  it("errorformat=plaintext: the `errors` list instead of `error`", async () => {
    expectSameContract(
      await pair(targets, (t) =>
        api(t, { query: { action: "edit", title: "Contract GET edit", text: "x", errorformat: "plaintext", formatversion: 2 } }),
      ),
    );
  });

  it("assert=user when anonymous: assertuserfailed", async () => {
    expectSameContract(await pair(targets, (t) => api(t, { query: { action: "query", meta: "userinfo", assert: "user", formatversion: 2 } })));
  });

  it("action=edit by POST without any token: missingparam (fv2)", async () => {
    expectSameContract(
      await pair(targets, (t) =>
        api(t, { method: "POST", query: { action: "edit", formatversion: 2 }, body: { title: "Contract GET edit", text: "x" } }),
      ),
    );
  });
});
