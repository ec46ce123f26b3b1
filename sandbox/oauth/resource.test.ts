import { describe, expect, it } from "vitest";
import { DEMO_USERS, WIKIPORT_CLIENT } from "../seed";
import { useSandbox } from "../testing";
import { META, profile, tokenRequest, WIKIPORT_AUTH, wikiportTokens } from "./test-browser";

const sb = useSandbox();

describe("oauth2/resource/profile", () => {
  it("describes the user as §1.3 lists, without private info for ordinary grants", async () => {
    const { access_token } = await wikiportTokens(sb);
    const { status, body } = await profile(sb, access_token);
    expect(status).toBe(200);
    expect(body).toEqual({
      sub: String(DEMO_USERS.editor.id), username: "Ada Editor", editcount: 1523, confirmed_email: true, email_verified: true,
      blocked: false, registered: "20190314093000", groups: ["*", "user", "autoconfirmed"], rights: expect.any(Array),
      grants: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"],
    });
    expect(body.rights).toContain("edit");
    expect(body.rights).not.toContain("delete");
  });

  it("adds realname and email with privateinfo-style grants; email empty when unconfirmed", async () => {
    const editor = await sb.token(DEMO_USERS.editor.name, ["mwoauth-authonlyprivate"]);
    expect((await profile(sb, editor)).body).toMatchObject({ realname: "Ada Editor", email: "ada.editor@example.org" });
    const newcomer = await sb.token(DEMO_USERS.newcomer.name, ["basic", "privateinfo"]);
    expect((await profile(sb, newcomer)).body).toMatchObject({ realname: "", email: "", confirmed_email: false, email_verified: false, groups: ["*", "user"] });
  });

  it("says blocked: true for a blocked user", async () => {
    const token = await sb.token(DEMO_USERS.blocked.name, ["mwoauth-authonly"]);
    expect((await profile(sb, token)).body.blocked).toBe(true);
  });

  it.each([
    ["garbage", "not-a-jwt"],
    ["expired", "expired"],
  ])("answers a %s token with 403 mwoauth-invalid-authorization", async (_what, kind) => {
    let token = kind;
    if (kind === "expired") {
      token = await sb.token(DEMO_USERS.editor.name, ["basic"], 60);
      await sb.control("POST", "/clock", { advanceSeconds: 61 });
    }
    const { status, body } = await profile(sb, token);
    expect(status).toBe(403);
    expect(body).toEqual({
      errorKey: "mwoauth-invalid-authorization",
      messageTranslations: { en: "The authorization headers in your request are not valid: Invalid access token" },
      httpCode: 403, httpReason: "Forbidden",
    });
  });

  it("wants a bearer token", async () => {
    const response = await fetch(`${sb.url}/${META}/w/rest.php/oauth2/resource/profile`);
    expect(response.status).toBe(401);
    expect((await response.json()).error).toBe("access_denied");
  });

  it("answers an unknown type with the REST parameter-validation 400", async () => {
    const token = await sb.token(DEMO_USERS.editor.name);
    const response = await fetch(`${sb.url}/${META}/w/rest.php/oauth2/resource/email`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "parameter-validation-failed", name: "type", value: "email", failureCode: "badvalue", httpCode: 400 });
  });

  it("lists the client's registered grants at /scopes", async () => {
    const token = await sb.token(DEMO_USERS.editor.name, ["basic"]);
    const response = await fetch(`${sb.url}/${META}/w/rest.php/oauth2/resource/scopes`, { headers: { authorization: `Bearer ${token}` } });
    expect(await response.json()).toEqual({ scopes: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"] });
  });

  it("logs profile calls under their endpoint name", async () => {
    const { access_token } = await wikiportTokens(sb);
    await profile(sb, access_token);
    const { requests } = await sb.control("GET", "/requests?endpoint=oauth2/resource/profile");
    expect(requests).toHaveLength(1);
  });

  it("follows the JWT subject (the client's owner) for a client_credentials token", async () => {
    const { body } = await tokenRequest(sb, { grant_type: "client_credentials", ...WIKIPORT_AUTH });
    const owner = sb.sandbox.store.state.clients.find((c) => c.key === WIKIPORT_CLIENT.key)!.ownerId;
    expect((await profile(sb, body.access_token)).body.sub).toBe(String(owner));
  });
});
