import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeWikimediaError, WikimediaError } from "@/lib/wikimedia/errors";
import { editConflictProblem, invalidRequest, problem, problemFromDescribed, problemLanguage, problemResponse, PROBLEM_CONTENT_TYPE } from "./problem";

describe("problem+json", () => {
  it("builds RFC 9457 members with a stable code that extensions cannot overwrite", () => {
    const body = problem(409, "edit_conflict", "Someone else changed this page.", { code: "hijack", status: 200, currentRevisionId: 7 });
    expect(body).toEqual({
      type: "https://wikiport.dev/problems/edit-conflict",
      title: "Edit conflict",
      status: 409,
      detail: "Someone else changed this page.",
      code: "edit_conflict",
      currentRevisionId: 7,
    });
  });

  it("answers with the problem content type and status", async () => {
    const response = problemResponse(problem(404, "not_found", "No such page."), { "x-extra": "1" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
    expect(response.headers.get("x-extra")).toBe("1");
    expect(await response.json()).toMatchObject({ code: "not_found", status: 404 });
  });

  it("lists zod issues as errors without echoing the rejected value", () => {
    const parsed = z.object({ source: z.string() }).safeParse({ source: 42_424_242 });
    expect(parsed.success).toBe(false);
    const body = invalidRequest("body", parsed.error!.issues);
    expect(body.code).toBe("invalid_request");
    expect(body.status).toBe(400);
    expect(body.errors).toEqual([expect.objectContaining({ in: "body", path: ["source"], code: "invalid_type" })]);
    expect(JSON.stringify(body)).not.toContain("42424242");
  });

  it.each([
    ["not_found", 404, "not_found"],
    ["edit_conflict", 409, "edit_conflict"],
    ["blocked", 403, "blocked"],
    ["protected", 403, "protected"],
    ["reconnect_needed", 403, "reconnect_needed"],
    ["rate_limited", 429, "rate_limited"],
    ["wikimedia_unavailable", 503, "wikimedia_unavailable"],
    ["timeout", 502, "wikimedia_unavailable"],
    ["internal", 500, "internal"],
  ] as const)("maps the request layer's %s to %i %s", (code, status, apiCode) => {
    const { body } = problemFromDescribed({ code, message: "A sentence." });
    expect(body).toMatchObject({ status, code: apiCode, detail: "A sentence." });
  });

  it("passes Wikimedia's wait on as Retry-After", () => {
    const { body, headers } = problemFromDescribed({ code: "maxlag", message: "Busy.", retryAfterSeconds: 4.2 });
    expect(headers).toEqual({ "retry-after": "5" });
    expect(body.retryAfterSeconds).toBe(5);
  });

  it("says detail in the language of Accept-Language, with Content-Language and Vary, and keeps the rest", async () => {
    const german = problemLanguage(new Request("http://localhost/api/v1/me", { headers: { "accept-language": "fr;q=0.4, de" } }));
    expect(german.language).toBe("de");
    const { body, headers } = problemFromDescribed(describeWikimediaError(new WikimediaError("maxlag", { host: "de.wikipedia.org", retryAfterSeconds: 5 })));
    const response = problemResponse(body, headers, german);
    expect(response.headers.get("content-language")).toBe("de");
    expect(response.headers.get("vary")).toBe("Accept-Language");
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({
      type: "https://wikiport.dev/problems/wikimedia-unavailable",
      title: "Wikimedia unavailable",
      status: 503,
      code: "wikimedia_unavailable",
      retryAfterSeconds: 5,
      detail: "de.wikipedia.org ist gerade stark ausgelastet. Versuche es in 5 Sekunden noch einmal.",
    });

    const conflict = await problemResponse(editConflictProblem("de.wikipedia.org", 1, 2), {}, german).json();
    expect(conflict).toMatchObject({ code: "edit_conflict", title: "Edit conflict", baseRevisionId: 1, currentRevisionId: 2, detail: expect.stringMatching(/^Jemand anderes hat diese Seite geändert/) });
    const parsed = z.object({ source: z.string() }).safeParse({});
    const invalid = await problemResponse(invalidRequest("body", parsed.error!.issues), {}, problemLanguage(new Request("http://localhost/", { headers: { "accept-language": "he" } }))).json();
    expect(invalid).toMatchObject({ code: "invalid_request", title: "Invalid request", detail: "גוף הבקשה אינו תקין." });
  });

  it("keeps English, and says so, for a detail given as text or a request asking for no language Wikiport speaks", async () => {
    const english = problemLanguage(new Request("http://localhost/", { headers: { "accept-language": "sw" } }));
    const response = problemResponse(problemFromDescribed(describeWikimediaError(new WikimediaError("not_found", { host: "en.wikipedia.org" }))).body, {}, english);
    expect(response.headers.get("content-language")).toBe("en");
    expect(await response.json()).toMatchObject({ detail: "That page does not exist on en.wikipedia.org. Check the title, or create the page." });
    const text = problemResponse(problem(404, "not_found", "No such page."), {}, problemLanguage(new Request("http://localhost/", { headers: { "accept-language": "de" } })));
    expect(text.headers.get("content-language")).toBe("en");
    expect(await text.json()).toMatchObject({ detail: "No such page." });
  });
});
