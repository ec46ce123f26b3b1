/** Fidelity: the npm client m3api, unchanged, against the sandbox's api.php. */
import Session, { ApiErrors } from "m3api";
import { beforeEach, describe, expect, it } from "vitest";
import { createPages } from "../action/api-client";
import { useSandbox } from "../testing";

const sb = useSandbox();
const USER_AGENT = "WikiportSandboxTest/0.1 (test@example.org)";

beforeEach(async () => {
  await createPages(sb.wiki(), await sb.token("Ana Admin"), { "Fixture Earth": "'''Earth''' is the third planet." });
});

function session(options: Record<string, unknown> = {}) {
  // m3api warns through options.warn; any warning here would mean a sandbox shape it did not expect.
  const warnings: unknown[] = [];
  const s = new Session(
    `${sb.wiki()}/api.php`,
    { formatversion: 2, errorformat: "plaintext" },
    { userAgent: USER_AGENT, warn: (w: unknown) => warnings.push(w), ...options },
  );
  return { s, warnings };
}

describe("m3api against the sandbox", () => {
  it("reads anonymously", async () => {
    const { s, warnings } = session();
    const response = await s.request({ action: "query", titles: "fixture Earth", prop: "revisions", rvprop: "content", rvslots: "main" });
    expect(response.query.normalized).toEqual([{ fromencoded: false, from: "fixture Earth", to: "Fixture Earth" }]);
    expect(response.query.pages[0].revisions[0].slots.main.content).toBe("'''Earth''' is the third planet.");
    expect(warnings).toEqual([]);
  });

  it("reads and edits with a bearer token, fetching the CSRF token itself", async () => {
    const { s, warnings } = session({ accessToken: await sb.token("Ada Editor") });
    const me = await s.request({ action: "query", meta: "userinfo" });
    expect(me.query.userinfo.name).toBe("Ada Editor");
    const edit = await s.request(
      { action: "edit", title: "Fixture Earth", appendtext: "\nEdited by m3api.", summary: "m3api" },
      { method: "POST", tokenType: "csrf" },
    );
    expect(edit.edit).toMatchObject({ result: "Success", title: "Fixture Earth" });
    expect(warnings).toEqual([]);
  });

  it("raises the sandbox's errors as ApiErrors", async () => {
    const { s } = session({ accessToken: "garbage" });
    const failure = s.request({ action: "query", meta: "userinfo" });
    await expect(failure).rejects.toBeInstanceOf(ApiErrors);
    await expect(failure).rejects.toMatchObject({ errors: [{ code: "mwoauth-invalid-authorization" }] });
  });
});
