import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";

const sb = useSandbox();
const rest = () => `${sb.wiki()}/rest.php/v1`;

async function put(title: string, body: unknown, token?: string | null, headers: Record<string, string> = {}) {
  return fetch(`${rest()}/page/${title}`, {
    method: "PUT",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function post(body: unknown, token?: string) {
  return fetch(`${rest()}/page`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
}

async function latestOf(title: string) {
  return (await (await fetch(`${rest()}/page/${title}`)).json()) as { latest: { id: number }; source: string };
}

describe("PUT /v1/page/{title}", () => {
  it("updates a page given the base revision and answers 200 with the new metadata and source", async () => {
    const token = await sb.token("Ada Editor");
    const before = await latestOf("Moon");
    const response = await put("Moon", { source: `${before.source}\nMore text.`, comment: "expand", latest: { id: before.latest.id } }, token);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(Object.keys(body).sort()).toEqual(["content_model", "id", "key", "latest", "license", "source", "title"]);
    expect(body.latest.id).toBeGreaterThan(before.latest.id);
    expect(body.source).toBe(`${before.source}\nMore text.`);
    const history = await (await fetch(`${rest()}/page/Moon/history`)).json();
    expect(history.revisions[0]).toMatchObject({ id: body.latest.id, comment: "expand", user: { id: 1001, name: "Ada Editor" } });
  });

  it("creates a page without `latest` and answers 201", async () => {
    const token = await sb.token("Ada Editor");
    const response = await put("Mars", { source: "'''Mars''' is the fourth planet.", comment: "new article" }, token);
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ key: "Mars", title: "Mars", source: "'''Mars''' is the fourth planet." });
    expect((await fetch(`${rest()}/page/Mars/bare`)).status).toBe(200);
  });

  it("refuses to overwrite an existing page without `latest`: 409 rest-update-cannot-create-page", async () => {
    const token = await sb.token("Ada Editor");
    const response = await put("Moon", { source: "x", comment: "" }, token);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ errorKey: "rest-update-cannot-create-page", httpCode: 409, httpReason: "Conflict" });
    expect(body.messageTranslations.en).toContain('"latest"');
  });

  it("answers 404 when `latest` is given for a page that does not exist", async () => {
    const token = await sb.token("Ada Editor");
    const response = await put("No_such_page", { source: "x", comment: "", latest: { id: 100 } }, token);
    expect(response.status).toBe(404);
  });

  it("answers an edit conflict with 409 and the plain error envelope: no revision ids (UpdateHandler::getConflictData)", async () => {
    const admin = await sb.token("Ana Admin");
    const editor = await sb.token("Ada Editor");
    const base = await latestOf("Sun");
    const theirs = base.source.replace("The '''Sun''' is the [[star]]", "The '''Sun''' is the nearest [[star]]");
    const first = await put("Sun", { source: theirs, comment: "theirs", latest: { id: base.latest.id } }, admin);
    expect(first.status).toBe(200);
    const mine = base.source.replace("The '''Sun''' is the [[star]]", "The '''Sun''' is a [[star]]");
    const response = await put("Sun", { source: mine, comment: "mine", latest: { id: base.latest.id } }, editor);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body).toMatchObject({ httpCode: 409, httpReason: "Conflict" });
    expect(typeof body.errorKey).toBe("string");
    expect(body.actionModuleErrorCode).toBeUndefined();
    for (const invented of ["base", "current", "local", "remote"]) expect(body).not.toHaveProperty(invented);
  });

  it("merges concurrent edits to different parts of a page", async () => {
    const editor = await sb.token("Ada Editor");
    const admin = await sb.token("Ana Admin");
    const base = await latestOf("Solar_System");
    const theirs = base.source.replace("== See also ==", "== See also ==\n* [[Sun]]");
    expect((await put("Solar_System", { source: theirs, comment: "theirs", latest: { id: base.latest.id } }, admin)).status).toBe(200);
    const mine = base.source.replace("The '''Solar System''' is", "The '''Solar System''' (our home) is");
    const response = await put("Solar_System", { source: mine, comment: "mine", latest: { id: base.latest.id } }, editor);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.source).toContain("(our home)");
    expect(body.source).toContain("* [[Sun]]");
  });

  it("answers a null edit with 200 and the current revision", async () => {
    const token = await sb.token("Ada Editor");
    const before = await latestOf("Moon");
    const response = await put("Moon", { source: before.source, comment: "", latest: { id: before.latest.id } }, token);
    expect(response.status).toBe(200);
    expect((await response.json()).latest.id).toBe(before.latest.id);
  });

  it("rejects a CSRF token sent with an OAuth bearer token", async () => {
    const token = await sb.token("Ada Editor");
    const before = await latestOf("Moon");
    const response = await put("Moon", { source: "x", comment: "", latest: { id: before.latest.id }, token: "+\\" }, token);
    expect(response.status).toBe(400);
    expect((await response.json()).errorKey).toBe("rest-extraneous-csrf-token");
  });

  it("requires a CSRF token from sessions that are not OAuth", async () => {
    const missing = await put("Moon", { source: "x", comment: "" });
    expect(missing.status).toBe(403);
    expect((await missing.json()).errorKey).toBe("rest-badtoken-missing");
    const wrong = await put("Moon", { source: "x", comment: "", token: "0123456789abcdef0123456789abcdef6543210a+\\" });
    expect(wrong.status).toBe(403);
    expect((await wrong.json()).errorKey).toBe("rest-badtoken");
    // The anonymous token passes the CSRF check; action=edit then refuses the logged-out edit.
    const current = await latestOf("Moon");
    const anonymous = await put("Moon", { source: "x", comment: "", latest: { id: current.latest.id }, token: "+\\" });
    expect(anonymous.status).toBe(400);
    expect((await anonymous.json()).actionModuleErrorCode).toBe("permissiondenied");
  });

  it("refuses an invalid bearer token with the 403 OAuth envelope", async () => {
    const response = await put("Moon", { source: "x", comment: "" }, "garbage.token.here");
    expect(response.status).toBe(403);
    expect((await response.json()).errorKey).toBe("mwoauth-invalid-authorization");
  });

  it("requires a JSON object body", async () => {
    const token = await sb.token("Ada Editor");
    const empty = await fetch(`${rest()}/page/Moon`, { method: "PUT", headers: { authorization: `Bearer ${token}` } });
    expect(empty.status).toBe(411);
    expect((await empty.json()).errorKey).toBe("rest-request-body-expected");
    const form = await put("Moon", "source=x&comment=y", token, { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect((await form.json()).errorKey).toBe("rest-unsupported-content-type");
    const broken = await put("Moon", '{"source": "x",', token);
    expect(broken.status).toBe(400);
    expect((await broken.json()).errorKey).toBe("rest-json-body-parse-error");
    const array = await put("Moon", "[1, 2]", token);
    expect(array.status).toBe(400);
  });

  it("validates the body's fields and their JSON types", async () => {
    const token = await sb.token("Ada Editor");
    const noSource = await put("Moon", { comment: "" }, token);
    expect(noSource.status).toBe(400);
    expect(await noSource.json()).toMatchObject({ error: "parameter-validation-failed", name: "source", failureCode: "missingparam" });
    const noComment = await put("Moon", { source: "x" }, token);
    expect(await noComment.json()).toMatchObject({ name: "comment", failureCode: "missingparam" });
    const stringId = await put("Moon", { source: "x", comment: "", latest: { id: "123" } }, token);
    expect(stringId.status).toBe(400);
    expect(await stringId.json()).toMatchObject({ error: "parameter-validation-failed", name: "latest", failureCode: "badinteger" });
    const model = await put("Moon", { source: "x", comment: "", content_model: "no-such-model" }, token);
    expect(model.status).toBe(400);
    expect((await model.json()).errorKey).toBe("rest-bad-content-model");
  });

  it("maps protection to 403 and other action errors to 400 with actionModuleErrorCode", async () => {
    const newcomer = await sb.token("Nico Newcomer");
    const earth = await latestOf("Earth");
    const semi = await put("Earth", { source: "x", comment: "", latest: { id: earth.latest.id } }, newcomer);
    expect(semi.status).toBe(403);
    expect((await semi.json()).actionModuleErrorCode).toBeUndefined();
    const editor = await sb.token("Ada Editor");
    const main = await latestOf("Main_Page");
    expect((await put("Main_Page", { source: "x", comment: "", latest: { id: main.latest.id } }, editor)).status).toBe(403);

    const blocked = await sb.token("Blake Blocked");
    const moon = await latestOf("Moon");
    const block = await put("Moon", { source: "x", comment: "", latest: { id: moon.latest.id } }, blocked);
    expect(block.status).toBe(400);
    expect(await block.json()).toMatchObject({ actionModuleErrorCode: "blocked", httpCode: 400 });

    const filtered = await put("Moon", { source: `${moon.source}\nbuy cheap watches`, comment: "", latest: { id: moon.latest.id } }, editor);
    expect(filtered.status).toBe(400);
    expect((await filtered.json()).actionModuleErrorCode).toBe("abusefilter-disallowed");

    const editOnly = await sb.token("Ada Editor", ["basic", "editpage"]);
    const cantCreate = await put("Brand_new_page", { source: "x", comment: "" }, editOnly);
    expect(cantCreate.status).toBe(400);
    expect((await cantCreate.json()).actionModuleErrorCode).toBe("cantcreate");
  });

  it("turns a CAPTCHA soft failure into 409 rest-edit-conflict, not a content conflict", async () => {
    const newcomer = await sb.token("Nico Newcomer");
    const moon = await latestOf("Moon");
    const response = await put("Moon", { source: `${moon.source}\n[https://spam.example buy]`, comment: "", latest: { id: moon.latest.id } }, newcomer);
    expect(response.status).toBe(409);
    const body = await response.json();
    expect(body.errorKey).toBe("rest-edit-conflict");
    expect(body.base).toBeUndefined();
  });

  it("answers 429 when the edit rate limit is hit", async () => {
    const newcomer = await sb.token("Nico Newcomer");
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const { latest, source } = await latestOf("Moon");
      statuses.push((await put("Moon", { source: `${source}\nLine ${i}.`, comment: "", latest: { id: latest.id } }, newcomer)).status);
    }
    expect(statuses.slice(0, 8)).toEqual(Array(8).fill(200));
    expect(statuses[8]).toBe(429);
  });

  it("logs writes under rest/page/put and honours injected faults", async () => {
    await sb.control("POST", "/faults", { endpoint: "rest/page/put", kind: "status", status: 500 });
    const token = await sb.token("Ada Editor");
    const response = await put("Moon", { source: "x", comment: "" }, token);
    expect(response.status).toBe(500);
    expect((await response.json()).reqId).toEqual(expect.any(String));
  });
});

describe("POST /v1/page", () => {
  it("creates a page: 201, the metadata with source, and a Location header", async () => {
    const token = await sb.token("Ada Editor");
    const response = await post({ title: "Jupiter", source: "'''Jupiter''' is the fifth planet.", comment: "new" }, token);
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`${rest()}/page/Jupiter`);
    const body = await response.json();
    expect(body).toMatchObject({ key: "Jupiter", title: "Jupiter", content_model: "wikitext", source: "'''Jupiter''' is the fifth planet." });
    expect(Number.isInteger(body.latest.id)).toBe(true);
  });

  it("normalizes the title it creates", async () => {
    const token = await sb.token("Ada Editor");
    const response = await post({ title: "saturn_(planet)", source: "Ringed.", comment: "" }, token);
    expect(response.status).toBe(201);
    expect((await response.json()).title).toBe("Saturn (planet)");
  });

  it("never overwrites: an existing title gives 409", async () => {
    const token = await sb.token("Ada Editor");
    const response = await post({ title: "Moon", source: "x", comment: "" }, token);
    expect(response.status).toBe(409);
    expect((await response.json()).errorKey).not.toBe("rest-update-cannot-create-page");
  });

  it("validates title, source and comment", async () => {
    const token = await sb.token("Ada Editor");
    expect(await (await post({ source: "x", comment: "" }, token)).json()).toMatchObject({ name: "title", failureCode: "missingparam" });
    expect(await (await post({ title: "X", comment: "" }, token)).json()).toMatchObject({ name: "source", failureCode: "missingparam" });
    const invalid = await post({ title: "Bad[title]", source: "x", comment: "" }, token);
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).actionModuleErrorCode).toBe("invalidtitle");
  });

  it("rejects a CSRF token sent with OAuth", async () => {
    const token = await sb.token("Ada Editor");
    const response = await post({ title: "Venus", source: "x", comment: "", token: "abc+\\" }, token);
    expect(response.status).toBe(400);
    expect((await response.json()).errorKey).toBe("rest-extraneous-csrf-token");
  });
});
