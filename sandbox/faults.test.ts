/**
 * Fault injection aimed at one user (`user` on `/__sandbox/faults`): the fault matrix makes one user's
 * calls fail or hang while proving that another user is still served, so a fault must not catch
 * whoever happens to call next.
 */
import { describe, expect, it } from "vitest";
import { obtainCode, tokenRequest, wikiportTokens, WIKIPORT_AUTH, META } from "./oauth/test-browser";
import { DEMO_USERS } from "./seed";
import { useSandbox } from "./testing";

const sb = useSandbox();

async function readPage(token: string | null): Promise<Response> {
  return fetch(`${sb.wiki()}/rest.php/v1/page/Main_Page/bare`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
}

describe("faults for one user", () => {
  it("apply to that user's bearer token only, and count only their requests", async () => {
    const ada = await sb.token("Ada Editor");
    const ana = await sb.token("Ana Admin");
    await sb.control("POST", "/faults", { endpoint: "rest/page/bare", kind: "status", status: 503, user: "Ada_Editor", count: 1 });

    expect((await readPage(ana)).status).toBe(200);
    expect((await readPage(null)).status).toBe(200);
    expect((await readPage(ada)).status).toBe(503);
    expect((await readPage(ada)).status).toBe(200);
    expect((await sb.control("GET", "/faults")).faults).toEqual([]);
  });

  it("still find the user of an expired access token", async () => {
    const ada = await sb.token("Ada Editor", undefined, 60);
    await sb.control("POST", "/clock", { advanceSeconds: 120 });
    await sb.control("POST", "/faults", { endpoint: "rest/page/bare", kind: "html", status: 502, user: "Ada Editor" });
    const response = await readPage(ada);
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
  });

  it("at the token endpoint, match the user whose refresh token or authorization code is redeemed", async () => {
    const ada = await wikiportTokens(sb, DEMO_USERS.editor);
    const ana = await wikiportTokens(sb, DEMO_USERS.admin);
    await sb.control("POST", "/faults", { endpoint: "oauth2/access_token", kind: "status", status: 500, user: "Ada Editor", count: 2 });

    expect((await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: ana.refresh_token, ...WIKIPORT_AUTH })).status).toBe(200);
    expect((await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH })).status).toBe(200);
    expect((await tokenRequest(sb, { grant_type: "refresh_token", refresh_token: ada.refresh_token, ...WIKIPORT_AUTH })).status).toBe(500);
    const { code } = await obtainCode(sb, {}, DEMO_USERS.editor);
    expect((await tokenRequest(sb, { grant_type: "authorization_code", code, ...WIKIPORT_AUTH })).status).toBe(500);
  });

  it("hang for that user only, and drop the connection after delayMs when given", async () => {
    const ada = await sb.token("Ada Editor");
    const ana = await sb.token("Ana Admin");
    await sb.control("POST", "/faults", { endpoint: "oauth2/resource/profile", kind: "hang", delayMs: 200, user: "Ada Editor" });

    const hung = fetch(`${sb.url}/${META}/w/rest.php/oauth2/resource/profile`, { headers: { authorization: `Bearer ${ada}` } });
    const served = await fetch(`${sb.url}/${META}/w/rest.php/oauth2/resource/profile`, { headers: { authorization: `Bearer ${ana}` } });
    expect(served.status).toBe(200);
    expect((await served.json()).username).toBe("Ana Admin");
    await expect(hung).rejects.toThrow();
    const log = (await sb.control("GET", "/requests?endpoint=oauth2/resource/profile")).requests;
    expect(log.map((entry: { fault: string | null }) => entry.fault)).toHaveLength(2);
    expect(log.map((entry: { fault: string | null }) => entry.fault)).toEqual(expect.arrayContaining(["hang", null]));
  });

  it("refuses a user the sandbox does not have", async () => {
    const response = await fetch(`${sb.url}/__sandbox/faults`, {
      method: "POST",
      body: JSON.stringify({ endpoint: "rest/page", kind: "hang", user: "Nobody Here" }),
    });
    expect(response.status).toBe(404);
    expect((await response.json()).message).toContain("Nobody Here");
  });
});
