import { describe, expect, it } from "vitest";
import { returnPath } from "@/lib/auth/return-path";
import { isVisitorView, visitorLanguage, type ViewRequest } from "./visitor-route";

function request(overrides: Partial<ViewRequest> & { query?: string } = {}): ViewRequest {
  const { query = "", ...rest } = overrides;
  return { method: "GET", pathname: "/wiki/en.wikipedia.org/Moon", searchParams: new URLSearchParams(query), signedIn: false, ...rest };
}

describe("which requests get the visitor's page built without React", () => {
  it("a visitor's GET or HEAD of a page, with or without ?action=view", () => {
    expect(isVisitorView(request())).toBe(true);
    expect(isVisitorView(request({ method: "HEAD" }))).toBe(true);
    expect(isVisitorView(request({ query: "action=view&oldid=3" }))).toBe(true);
  });

  it("never a request with a session cookie, another action, a POST, or another path", () => {
    expect(isVisitorView(request({ signedIn: true }))).toBe(false);
    expect(isVisitorView(request({ query: "action=edit" }))).toBe(false);
    expect(isVisitorView(request({ query: "action=history" }))).toBe(false);
    expect(isVisitorView(request({ query: "action=" }))).toBe(false);
    expect(isVisitorView(request({ method: "POST" }))).toBe(false);
    expect(isVisitorView(request({ pathname: "/wikipedia/Moon" }))).toBe(false);
    expect(isVisitorView(request({ pathname: "/search" }))).toBe(false);
  });
});

describe("the language of a visitor's page", () => {
  const choose = (query: string, cookie?: string, acceptLanguage: string | null = null) =>
    visitorLanguage({ searchParams: new URLSearchParams(query), cookie, acceptLanguage });

  it("is ?uselang for one page, then the picker's cookie, then Accept-Language, then English", () => {
    expect(choose("uselang=he", "fr", "de")).toBe("he");
    expect(choose("", "fr", "de-DE,de;q=0.9")).toBe("fr");
    expect(choose("", undefined, "de-CH,en;q=0.5")).toBe("de");
    expect(choose("", undefined, "sw")).toBe("en");
    expect(choose("uselang=qqx")).toBe("qqx");
  });

  it("ignores what names no language Wikiport can show", () => {
    expect(choose("uselang=%22%3E%3Cscript%3E", "x y", null)).toBe("en");
  });

  it("is never a tag that Intl refuses, which would fail the document's dates", () => {
    for (const tag of ["en-x", "de-1", "en-a"]) {
      const language = choose(`uselang=${tag}`);
      expect(() => new Intl.DateTimeFormat(language), tag).not.toThrow();
    }
  });
});

describe("where sign-in may come back to", () => {
  it("a Wikiport wiki page only", () => {
    expect(returnPath.safeParse("/wiki/en.wikipedia.org/Solar_System").success).toBe(true);
    expect(returnPath.safeParse("/wiki/en.wikipedia.org/A%26B%3Fc").success).toBe(true);
    for (const bad of ["https://evil.example/wiki/x", "//evil.example/wiki/", "/wiki/\\evil", "/dashboard", "/wiki/a b", "/wiki/a\u0000", "/wiki/é", `/wiki/${"a".repeat(2048)}`]) {
      expect(returnPath.safeParse(bad).success, bad).toBe(false);
    }
  });
});
