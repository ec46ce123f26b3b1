import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { cardCsp, cardHeaders, frameAncestors, normalizeOrigin } from "./csp";
import { FRAME_SCRIPT, FRAME_SCRIPT_HASH } from "./frame-script";
import { frameJavaScript, totalJavaScriptBytes } from "./js-bytes";
import { CARD_CSS, CARD_CSS_HASH } from "./styles";

const MEDIA = "https://upload.wikimedia.org/";

function directives(csp: string): Map<string, string> {
  return new Map(csp.split(";").map((part) => part.trim().split(/\s+(.*)/).slice(0, 2) as [string, string]));
}

describe("card CSP", () => {
  it("allows nothing by default, images from the media host, and only the card's own style and script", () => {
    const csp = directives(cardCsp({ mediaPrefix: MEDIA, framing: { kind: "any" } }));
    expect(csp.get("default-src")).toBe("'none'");
    expect(csp.get("img-src")).toBe(MEDIA);
    expect(csp.get("style-src")).toBe(CARD_CSS_HASH);
    expect(csp.get("script-src")).toBe(FRAME_SCRIPT_HASH);
    expect(csp.get("base-uri")).toBe("'none'");
    expect(csp.get("form-action")).toBe("'none'");
    expect(csp.get("frame-ancestors")).toBe("*");
    expect([...csp.values()].join(" ")).not.toMatch(/unsafe-(inline|eval)/);
  });

  it("hashes exactly the inlined script and style", () => {
    expect(FRAME_SCRIPT_HASH).toBe(`'sha256-${createHash("sha256").update(FRAME_SCRIPT).digest("base64")}'`);
    expect(CARD_CSS_HASH).toBe(`'sha256-${createHash("sha256").update(CARD_CSS).digest("base64")}'`);
  });

  it("frames a registered widget by exactly its origins, and nothing for an unknown one", () => {
    expect(frameAncestors({ kind: "origins", origins: ["https://blog.example", "http://127.0.0.1:3303"] })).toBe("https://blog.example http://127.0.0.1:3303");
    expect(frameAncestors({ kind: "none" })).toBe("'none'");
    expect(frameAncestors({ kind: "origins", origins: [] })).toBe("'none'");
    // Stored values go into a header: anything that is not a bare origin is dropped, never passed through.
    expect(frameAncestors({ kind: "origins", origins: ["https://a.example; script-src *", "https://b.example/path", "javascript:alert(1)", "*", "https://c.example"] })).toBe(
      "https://c.example",
    );
  });

  it("normalizes origins strictly", () => {
    expect(normalizeOrigin("https://Blog.Example")).toBeNull();
    expect(normalizeOrigin("https://blog.example/")).toBe("https://blog.example");
    expect(normalizeOrigin("https://blog.example:443")).toBeNull();
    expect(normalizeOrigin("https://user@blog.example")).toBeNull();
    expect(normalizeOrigin("ftp://blog.example")).toBeNull();
  });

  it("sends the hardening headers", () => {
    expect(cardHeaders({ mediaPrefix: MEDIA, framing: { kind: "none" } })).toMatchObject({
      "Content-Type": "text/html; charset=utf-8",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Content-Security-Policy": expect.stringContaining("frame-ancestors 'none'"),
    });
  });
});

describe("frame script", () => {
  it("never posts to '*' and checks origins before acting", () => {
    expect(FRAME_SCRIPT).not.toMatch(/postMessage\([^)]*["']\*["']/);
    expect(FRAME_SCRIPT).toContain("e.origin!==o");
    expect(FRAME_SCRIPT).toContain("e.source!==w");
  });
});

describe("measuring a frame's JavaScript", () => {
  it("counts inline bytes and lists external scripts, ignoring data blocks", () => {
    const html = `<script>var a=1;</script><script type="application/json">{"x":1}</script><script src="/_next/static/chunks/main.js"></script><script type="module">é</script>`;
    const measured = frameJavaScript(html);
    expect(measured).toEqual({ inlineBytes: 8 + 2, inlineScripts: 2, externalScripts: ["/_next/static/chunks/main.js"] });
    expect(totalJavaScriptBytes(measured, [1000])).toBe(1010);
  });
});
