import { describe, expect, it } from "vitest";
import { z } from "zod";
import { invalidRequest, problem, problemFromDescribed, problemResponse, PROBLEM_CONTENT_TYPE } from "./problem";

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
});
