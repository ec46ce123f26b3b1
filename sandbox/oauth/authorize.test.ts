import { describe, expect, it } from "vitest";
import { DEMO_USERS, PUBLIC_TEST_CLIENT, WIKIPORT_CLIENT } from "../seed";
import { useSandbox } from "../testing";
import { authorizeUrl, Browser, consent, hiddenFields, META, obtainCode, pkcePair, tokenRequest, unescapeHtml, WIKIPORT_AUTH } from "./test-browser";

const sb = useSandbox();
const CALLBACK = "http://localhost:3000/api/auth/callback/wikimedia";

async function signedInBrowser(user: { name: string; password: string } = DEMO_USERS.editor): Promise<Browser> {
  const browser = new Browser(sb.url);
  const response = await browser.login(user.name, user.password);
  expect(response.status).toBe(302);
  return browser;
}

function base(extra: Record<string, string> = {}): Record<string, string> {
  return { response_type: "code", client_id: WIKIPORT_CLIENT.key, ...extra };
}

async function errorPage(response: Response) {
  expect(response.headers.get("content-type")).toContain("text/html");
  const page = await response.text();
  const pick = (cls: string) => {
    const found = page.match(new RegExp(`class="${cls}">([^<]*)<`))?.[1];
    return found === undefined ? null : unescapeHtml(found);
  };
  return { error: pick("oauth-error"), description: pick("oauth-error-description"), hint: pick("oauth-error-hint") };
}

/** The E-code line of an error page and where its link goes (docs/wikimedia-protocol.md §11.1). */
function eCodeLine(page: string): { text: string; href: string } | null {
  const found = page.match(/<p class="mw-mwoautherror-details">([^<]*)<a href="([^"]*)">([^<]*)<\/a><\/p>/);
  return found ? { text: `${found[1]}${found[3]}`, href: found[2]! } : null;
}

describe("authorize: parameter validation", () => {
  it.each([
    ["response_type", { client_id: WIKIPORT_CLIENT.key }, 'Invalid request: The "response_type" parameter must be set.'],
    ["response_type", { response_type: "token", client_id: WIKIPORT_CLIENT.key }, 'Invalid request: Unrecognized value for parameter "response_type": token.'],
    ["client_id", { response_type: "code" }, 'Invalid request: The "client_id" parameter must be set.'],
    ["code_challenge_method", base({ code_challenge: pkcePair().challenge, code_challenge_method: "S512" }), 'Invalid request: Unrecognized value for parameter "code_challenge_method": S512.'],
  ])("answers a bad %s with a 400 HTML page", async (param, params, description) => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, params as Record<string, string>));
    expect(response.status).toBe(400);
    expect(await errorPage(response)).toEqual({ error: "invalid_request", description, hint: `Check the \`${param}\` parameter` });
  });
});

describe("authorize: login", () => {
  it("sends an anonymous visitor to Special:UserLogin with a way back, then on to the dialog", async () => {
    const browser = new Browser(sb.url);
    const start = authorizeUrl(sb, base({ state: "s1" }));
    const toLogin = await browser.get(start);
    expect(toLogin.status).toBe(307);
    const login = new URL(toLogin.headers.get("location")!);
    expect(login.pathname).toBe(`/${META}/wiki/Special:UserLogin`);
    expect(login.searchParams.get("returnto")).toBe("Special:OAuth/rest_redirect");
    expect(new URLSearchParams(login.searchParams.get("returntoquery")!).get("rest_url")).toBe(start);

    const loginPage = await browser.get(login.toString());
    const fields = hiddenFields(await loginPage.text());
    fields.set("wpName1", DEMO_USERS.editor.name);
    fields.set("wpPassword1", DEMO_USERS.editor.password);
    const afterLogin = await browser.post(login.pathname, fields);
    expect(afterLogin.status).toBe(302);
    const restRedirect = await browser.get(afterLogin.headers.get("location")!);
    expect(restRedirect.status).toBe(302);
    expect(restRedirect.headers.get("location")).toBe(start);
    const toDialog = await browser.get(start);
    expect(toDialog.status).toBe(307);
    const dialog = new URL(toDialog.headers.get("location")!);
    expect(dialog.pathname).toBe(`/${META}/wiki/Special:OAuth/approve`);
    expect(dialog.searchParams.get("oauth_version")).toBe("2");
    expect(dialog.searchParams.get("client_id")).toBe(WIKIPORT_CLIENT.key);
    expect(dialog.searchParams.get("returnto")).toBe(`/${META}/w/rest.php/oauth2/authorize`);
  });

  it("refuses to bounce the login to anything but an authorize URL of the sandbox", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(`/${META}/wiki/Special:OAuth/rest_redirect?rest_url=${encodeURIComponent("https://evil.example/x")}`);
    expect(response.status).toBe(400);
  });
});

describe("authorize: client and redirect_uri", () => {
  it("answers an unknown client with a 401 invalid_client page", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ client_id: "0".repeat(32) })));
    expect(response.status).toBe(401);
    expect(await errorPage(response.clone())).toEqual({ error: "invalid_client", description: "Client authentication failed", hint: null });
    expect(eCodeLine(await response.text())).toEqual({ text: "Unknown OAuth key, E006", href: "https://www.mediawiki.org/wiki/Help:OAuth/Errors#E006" });
  });

  it.each([
    ["a different path", `${CALLBACK}/x`],
    ["a prefix of it", "http://localhost:3000/api/auth/callback"],
    ["another port on localhost (not a loopback IP)", "http://localhost:3001/api/auth/callback/wikimedia"],
  ])("answers a redirect_uri that is %s with a 401 page and no redirect", async (_what, uri) => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ redirect_uri: uri, state: "s" })));
    expect(response.status).toBe(401);
    expect(response.headers.get("location")).toBeNull();
    expect((await errorPage(response)).error).toBe("invalid_client");
  });

  it("matches a loopback callback on any port, for 127.0.0.1 and [::1] only", async () => {
    sb.sandbox.store.state.clients.find((c) => c.key === PUBLIC_TEST_CLIENT.key)!.callbackUrl = "http://127.0.0.1/callback";
    const browser = await signedInBrowser();
    const { challenge } = pkcePair();
    const params = { response_type: "code", client_id: PUBLIC_TEST_CLIENT.key, code_challenge: challenge, code_challenge_method: "S256" };
    const ok = await browser.get(authorizeUrl(sb, { ...params, redirect_uri: "http://127.0.0.1:51234/callback" }));
    expect(ok.status).toBe(307);
    const otherPath = await browser.get(authorizeUrl(sb, { ...params, redirect_uri: "http://127.0.0.1:51234/other" }));
    expect(otherPath.status).toBe(401);

    sb.sandbox.store.state.clients.find((c) => c.key === PUBLIC_TEST_CLIENT.key)!.callbackUrl = "http://[::1]:8080/cb";
    expect((await browser.get(authorizeUrl(sb, { ...params, redirect_uri: "http://[::1]:9999/cb" }))).status).toBe(307);
    sb.sandbox.store.state.clients.find((c) => c.key === PUBLIC_TEST_CLIENT.key)!.callbackUrl = "http://localhost:8080/cb";
    expect((await browser.get(authorizeUrl(sb, { ...params, redirect_uri: "http://localhost:9999/cb" }))).status).toBe(401);
  });

  it("uses the registered callback when redirect_uri is omitted", async () => {
    const { location } = await obtainCode(sb);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
  });
});

describe("authorize: scopes", () => {
  it("redirects an unknown scope as invalid_scope, with the state", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ scope: "basic nosuchgrant", state: "xyz", redirect_uri: CALLBACK })));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      state: "xyz", error: "invalid_scope", error_description: "The requested scope is invalid, unknown, or malformed",
      hint: "Check the `nosuchgrant` scope",
    });
  });

  it("drops known grants the client did not register, and #default means all registered grants", async () => {
    const browser = await signedInBrowser();
    const narrowed = await browser.get(authorizeUrl(sb, base({ scope: "basic editpage delete" })));
    expect(new URL(narrowed.headers.get("location")!).searchParams.get("scope")).toBe("basic editpage");
    const all = await browser.get(authorizeUrl(sb, base()));
    expect(new URL(all.headers.get("location")!).searchParams.get("scope")).toBe("basic editpage createeditmovepage editmywatchlist viewmywatchlist");
  });

  it("lists the grants with human descriptions on a real form with Allow and Cancel", async () => {
    const browser = await signedInBrowser();
    const toDialog = await browser.get(authorizeUrl(sb, base({ scope: "basic editmywatchlist" })));
    const page = await (await browser.get(toDialog.headers.get("location")!)).text();
    expect(page).toContain("Wikiport");
    expect(page).toContain("Basic rights");
    expect(page).toContain("Edit your watchlist");
    expect(page).not.toContain("Create, edit, and move pages");
    expect(page).toMatch(/<form method="post">/);
    expect(page).toMatch(/<button type="submit" name="accept" value="1" class="primary">Allow<\/button>/);
    expect(page).toMatch(/<button type="submit" name="cancel" value="1">Cancel<\/button>/);
    expect(hiddenFields(page, `name="accept"`).get("wpEditToken")).toBeTruthy();
  });
});

describe("authorize: consent", () => {
  it("Allow stores the approval and redirects with code and state", async () => {
    const { code, state, location } = await obtainCode(sb, { state: "st4te", redirect_uri: CALLBACK });
    expect(state).toBe("st4te");
    expect(code).toMatch(/^def50200[0-9a-f]{200,}$/);
    expect([...location.searchParams.keys()].sort()).toEqual(["code", "state"]);
    expect(sb.sandbox.store.state.approvals.some((a) => a.clientKey === WIKIPORT_CLIENT.key && a.userId === DEMO_USERS.editor.id)).toBe(true);
  });

  it("leaves state out of the redirect when none was sent", async () => {
    const { location } = await obtainCode(sb);
    expect([...location.searchParams.keys()]).toEqual(["code"]);
  });

  it("Cancel redirects with unauthorized_client and without the state", async () => {
    const browser = await signedInBrowser();
    const response = await consent(browser, authorizeUrl(sb, base({ state: "keep-me", redirect_uri: CALLBACK })), "Cancel");
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: "unauthorized_client", error_description: "User has rejected the request from client application",
    });
  });

  it("Cancel without a redirect_uri in the request shows an error page instead", async () => {
    const browser = await signedInBrowser();
    const response = await consent(browser, authorizeUrl(sb, base({ state: "s" })), "Cancel");
    expect(response.status).toBe(400);
    expect(response.headers.get("location")).toBeNull();
    expect((await errorPage(response)).error).toBe("unauthorized_client");
  });

  it("rejects a dialog post without the session's CSRF token", async () => {
    const browser = await signedInBrowser();
    const toDialog = await browser.get(authorizeUrl(sb, base()));
    const dialogUrl = toDialog.headers.get("location")!;
    const fields = hiddenFields(await (await browser.get(dialogUrl)).text(), `name="accept"`);
    fields.set("wpEditToken", "forged+\\");
    fields.set("accept", "1");
    expect((await browser.post(dialogUrl, fields)).status).toBe(400);
    expect(sb.sandbox.store.state.approvals).toEqual([]);
  });

  it("asks again when approval_pass=1 is sent without a stored approval", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ approval_pass: "1" })));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe(`/${META}/wiki/Special:OAuth/approve`);
  });

  it("skips the dialog for a confidential identity-only consumer already approved with the same grants", async () => {
    const wikiport = sb.sandbox.store.state.clients.find((c) => c.key === WIKIPORT_CLIENT.key)!;
    wikiport.grants = ["mwoauth-authonly"];
    const browser = await signedInBrowser();
    await consent(browser, authorizeUrl(sb, base()), "Allow");
    const toDialog = await browser.get(authorizeUrl(sb, base({ state: "again" })));
    const back = await browser.get(toDialog.headers.get("location")!);
    expect(back.status).toBe(302);
    expect(new URL(back.headers.get("location")!).searchParams.get("approval_pass")).toBe("1");
    const final = await browser.get(back.headers.get("location")!);
    expect(new URL(final.headers.get("location")!).searchParams.get("state")).toBe("again");
  });

  it("lets a blocked user sign in and authorize", async () => {
    const { code } = await obtainCode(sb, {}, DEMO_USERS.blocked);
    expect(code).toMatch(/^def502/);
  });

  it("works on every wiki's rest.php, not only Meta", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base(), "de.wikipedia.org"));
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!).pathname).toBe("/de.wikipedia.org/wiki/Special:OAuth/approve");
  });
});

describe("authorize: consumers the user cannot use", () => {
  function addClient(patch: Record<string, unknown>) {
    const client = { ...sb.sandbox.store.state.clients[0]!, key: "a".repeat(32), ...patch };
    sb.sandbox.store.state.clients.push(client);
    return client;
  }

  it.each([
    ["disabled", { stage: "disabled" }, "Connected OAuth app not approved, E005"],
    ["proposed by someone else", { stage: "proposed", ownerId: DEMO_USERS.admin.id }, "Connected OAuth app not approved, E005"],
    ["owner-only", { ownerOnly: true, ownerId: DEMO_USERS.editor.id }, "Owner-only OAuth consumer, E010"],
  ])("answers a %s consumer with access_denied 401 and its E-code", async (_what, patch, eCode) => {
    const client = addClient(patch);
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ client_id: client.key })));
    expect(response.status).toBe(401);
    const code = eCode.slice(-4);
    expect(eCodeLine(await response.clone().text())).toEqual({ text: eCode, href: `https://www.mediawiki.org/wiki/Help:OAuth/Errors#${code}` });
    expect(await errorPage(response)).toEqual({
      error: "access_denied", description: "The resource owner or authorization server denied the request.",
      hint: `Client ${client.key} is not usable by user with ID ${DEMO_USERS.editor.id}`,
    });
  });

  it("lets the owner use a consumer that is still proposed", async () => {
    const client = addClient({ stage: "proposed", ownerId: DEMO_USERS.editor.id });
    const browser = await signedInBrowser();
    expect((await browser.get(authorizeUrl(sb, base({ client_id: client.key })))).status).toBe(307);
  });
});

describe("authorize: PKCE", () => {
  it("requires a code challenge from a public client", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, { response_type: "code", client_id: PUBLIC_TEST_CLIENT.key }));
    expect(response.status).toBe(400);
    expect(await errorPage(response)).toMatchObject({ error: "invalid_request", hint: "Code challenge must be provided for public clients" });
  });

  it("rejects a challenge that breaks RFC 7636 syntax", async () => {
    const browser = await signedInBrowser();
    const response = await browser.get(authorizeUrl(sb, base({ code_challenge: "short", code_challenge_method: "S256" })));
    expect(response.status).toBe(400);
    expect((await errorPage(response)).hint).toBe("Code challenge must follow the specifications of RFC-7636.");
  });

  it.each(["S256", "plain"] as const)("completes a public client's flow with %s", async (method) => {
    const { verifier, challenge } = pkcePair(method);
    const params: Record<string, string> = { client_id: PUBLIC_TEST_CLIENT.key, code_challenge: challenge, redirect_uri: PUBLIC_TEST_CLIENT.callback };
    // League defaults the method to plain when only a challenge is sent.
    if (method === "S256") params.code_challenge_method = "S256";
    const { code } = await obtainCode(sb, params);
    const bad = await tokenRequest(sb, { grant_type: "authorization_code", client_id: PUBLIC_TEST_CLIENT.key, code, redirect_uri: PUBLIC_TEST_CLIENT.callback, code_verifier: pkcePair().verifier });
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ error: "invalid_grant", error_description: expect.any(String), hint: "Failed to verify `code_verifier`." });
    const good = await tokenRequest(sb, { grant_type: "authorization_code", client_id: PUBLIC_TEST_CLIENT.key, code, redirect_uri: PUBLIC_TEST_CLIENT.callback, code_verifier: verifier });
    expect(good.status).toBe(200);
    expect(good.body.refresh_token).toMatch(/^def502/);
  });

  it("lets a confidential client use PKCE without having to", async () => {
    const { verifier, challenge } = pkcePair();
    const { code } = await obtainCode(sb, { code_challenge: challenge, code_challenge_method: "S256" });
    const result = await tokenRequest(sb, { grant_type: "authorization_code", code, code_verifier: verifier, ...WIKIPORT_AUTH });
    expect(result.status).toBe(200);
  });
});
