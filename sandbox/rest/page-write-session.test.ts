import { describe, expect, it } from "vitest";
import { SESSION_COOKIE } from "../auth";
import { useSandbox } from "../testing";

const sb = useSandbox();

/** A browser session as Special:UserLogin leaves it (the login flow itself is tested elsewhere). */
function sessionCookie(userId: number): string {
  const id = `rest-test-${userId}-${sb.sandbox.store.state.browserSessions.length}`;
  sb.sandbox.store.state.browserSessions.push({ id, userId, created: sb.sandbox.store.now() });
  return `${SESSION_COOKIE}=${id}`;
}

describe("REST writes from a cookie session", () => {
  it("accept the CSRF token that api.php's meta=tokens hands out for the same session", async () => {
    const cookie = sessionCookie(1001);
    const tokens = await (await fetch(`${sb.wiki()}/api.php?action=query&meta=tokens&type=csrf&format=json&formatversion=2`, { headers: { cookie } })).json();
    const token = tokens.query.tokens.csrftoken as string;
    expect(token).toMatch(/\+\\$/);
    expect(token).not.toBe("+\\");
    const current = await (await fetch(`${sb.wiki()}/rest.php/v1/page/Moon`)).json();
    const response = await fetch(`${sb.wiki()}/rest.php/v1/page/Moon`, {
      method: "PUT",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ source: `${current.source}\nFrom a session.`, comment: "session edit", latest: { id: current.latest.id }, token }),
    });
    expect(response.status).toBe(200);
    expect((await response.json()).source).toContain("From a session.");
  });

  it("refuse another session's token with 403 rest-badtoken", async () => {
    const mine = sessionCookie(1001);
    const theirs = sessionCookie(1004);
    const tokens = await (await fetch(`${sb.wiki()}/api.php?action=query&meta=tokens&format=json&formatversion=2`, { headers: { cookie: theirs } })).json();
    const response = await fetch(`${sb.wiki()}/rest.php/v1/page`, {
      method: "POST",
      headers: { cookie: mine, "content-type": "application/json" },
      body: JSON.stringify({ title: "Ceres", source: "x", comment: "", token: tokens.query.tokens.csrftoken }),
    });
    expect(response.status).toBe(403);
    expect((await response.json()).errorKey).toBe("rest-badtoken");
  });
});
