import { describe, expect, it } from "vitest";
import { curlExamples, editWalkthrough } from "./examples";
import { API_ROUTES, type ApiRoute } from "./schemas";

const BASE = "https://wikiport.example.org";
const routes = Object.entries(API_ROUTES) as [string, ApiRoute][];

describe("the API guide's curl examples", () => {
  it.each(routes)("%s: its example input is valid for the route's own schemas", (_name, route) => {
    if (route.params) expect(route.params.safeParse(route.example.params).success).toBe(true);
    if (route.query) expect(route.query.safeParse(route.example.query).success).toBe(true);
    if (route.body) expect(route.body.safeParse(route.example.body).success).toBe(true);
  });

  it("has one command per route, with the base URL, method and a token placeholder only", () => {
    const examples = curlExamples(BASE);
    expect(examples.map((e) => `${e.method} ${e.path}`)).toEqual(routes.map(([, r]) => `${r.method} ${r.path}`));
    for (const example of examples) {
      expect(example.command).toMatch(new RegExp(`^curl${example.method === "GET" ? "" : ` -X ${example.method}`} "${BASE}/api/v1/`));
      expect(example.command).toContain('-H "Authorization: Bearer $WIKIPORT_TOKEN"');
      expect(example.command).not.toMatch(/wkp_[0-9A-Za-z]/);
    }
    const edit = examples.find((e) => e.operationId === "editPage")!.command;
    expect(edit).toContain(`"${BASE}/api/v1/wikis/en.wikipedia.org/pages/Wikipedia:Sandbox"`);
    expect(edit).toContain(`--data '${JSON.stringify(API_ROUTES.editPage.example.body)}'`);
    expect(examples.find((e) => e.operationId === "searchPages")!.command).toContain("/search?q=solar+system&limit=5");
  });

  it("walks through an edit: the revision read first is the base of the save", () => {
    const script = editWalkthrough(BASE);
    expect(script).toContain(`BASE_REVISION=$(curl -s "${BASE}/api/v1/wikis/en.wikipedia.org/pages/Wikipedia:Sandbox"`);
    expect(script).toContain(`jq -n --argjson base "$BASE_REVISION" '{source: "Hello from my script, through Wikiport.", comment: "Trying the Wikiport API", baseRevisionId: $base}'`);
    expect(script).toContain('curl -s -X PUT "https://wikiport.example.org/api/v1/wikis/en.wikipedia.org/pages/Wikipedia:Sandbox"');
  });
});
