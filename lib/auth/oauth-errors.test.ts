import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { eCodeFrom, eCodeSchema, helpUrl, OAUTH_E_CODES } from "./oauth-errors";
import { guardAuthRoutes } from "./route-guard";

const APP = "https://wikiport.example";

/** The guard in front of handlers that must not be reached: an error callback never gets to Auth.js. */
function guarded() {
  const reached: string[] = [];
  const handler = async (request: NextRequest) => {
    reached.push(request.nextUrl.pathname);
    return new Response("auth.js");
  };
  return { routes: guardAuthRoutes({ GET: handler, POST: handler }, () => APP), reached };
}

async function callback(query: Record<string, string>): Promise<string | null> {
  const { routes, reached } = guarded();
  const response = await routes.GET(new NextRequest(`${APP}/api/auth/callback/wikimedia?${new URLSearchParams(query)}`));
  expect(response.status).toBe(302);
  expect(reached).toEqual([]);
  return response.headers.get("location");
}

describe("OAuth E-codes", () => {
  it("links each code to its anchor on mediawiki.org's Help:OAuth/Errors", () => {
    expect(helpUrl("E007")).toBe("https://www.mediawiki.org/wiki/Help:OAuth/Errors#E007");
    expect(Object.keys(OAUTH_E_CODES)).toEqual(["E001", "E002", "E003", "E004", "E005", "E006", "E007", "E008", "E009", "E010", "E011", "E012"]);
  });

  it("finds the code in the extension's error text, and only codes it knows", () => {
    expect(eCodeFrom([null, "Insufficient OAuth user rights, E007"])).toBe("E007");
    expect(eCodeFrom(["Unified login needed, [https://www.mediawiki.org/wiki/Help:OAuth/Errors#E008 E008]"])).toBe("E008");
    expect(eCodeFrom(["E999 is not one", "nor is XE0070"])).toBeNull();
    expect(eCodeSchema.safeParse("constructor").success).toBe(false);
  });

  it("sends Wikimedia's refusal to the sign-in page with its E-code", async () => {
    expect(await callback({ error: "access_denied" })).toBe(`${APP}/sign-in?error=Cancelled`);
    expect(await callback({ error: "invalid_request", error_description: "Your account is not allowed… Insufficient OAuth user rights, E007" })).toBe(
      `${APP}/sign-in?error=WikimediaRefused&code=E007`,
    );
    expect(await callback({ error: "invalid_request", hint: "Owner-only OAuth consumer, E010" })).toBe(`${APP}/sign-in?error=WikimediaRefused&code=E010`);
    expect(await callback({ error: "server_error", error_description: "<b>E042</b>" })).toBe(`${APP}/sign-in?error=WikimediaRefused`);
  });
});
