import { describe, expect, it } from "vitest";
import { useSandbox } from "../testing";
import { callApi } from "./api-client";

const sb = useSandbox();

describe("edits made with an OAuth token", () => {
  it("carry the `OAuth CID: <id>` change tag, in the revision's tags as the Action API shows them", async () => {
    const bearer = await sb.token("Ada Editor");
    const tokens = await callApi(sb.wiki(), { action: "query", meta: "tokens", formatversion: "2" }, { bearer });
    const edit = await callApi(
      sb.wiki(),
      { action: "edit", title: "Tagged page", text: "Made through OAuth.", summary: "tag test", token: tokens.body.query.tokens.csrftoken, formatversion: "2" },
      { bearer, method: "POST" },
    );
    expect(edit.body.edit.result).toBe("Success");
    const history = await callApi(sb.wiki(), {
      action: "query", prop: "revisions", titles: "Tagged page|Solar System", rvprop: "ids|tags", formatversion: "2",
    });
    const tagsOf = (title: string) =>
      history.body.query.pages.find((page: { title: string }) => page.title === title).revisions[0].tags as string[];
    // Wikiport is the first consumer registered in the sandbox's seed, so its id is 1.
    expect(tagsOf("Tagged page")).toEqual(["OAuth CID: 1"]);
    // Seeded edits were made in the browser: no OAuth tag.
    expect(tagsOf("Solar System").some((tag) => tag.startsWith("OAuth CID:"))).toBe(false);
  });
});
