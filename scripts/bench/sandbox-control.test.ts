import { describe, expect, it } from "vitest";
import { countByEndpoint, type LoggedRequest } from "./sandbox-control";

const logged = (seq: number, endpoint: string): LoggedRequest => ({ seq, endpoint, method: "GET", path: "/", status: 200 });

describe("countByEndpoint", () => {
  it("counts upstream requests per endpoint, most frequent first", () => {
    const requests = [logged(1, "rest/page/with_html"), logged(2, "oauth2/access_token"), logged(3, "rest/page/with_html")];
    expect(countByEndpoint(requests)).toBe("rest/page/with_html×2, oauth2/access_token×1");
    expect(countByEndpoint([])).toBe("");
  });
});
