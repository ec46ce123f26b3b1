/**
 * Choosing the interface language, as a wiki does (docs/decisions/027-interface-languages.md): `uselang`,
 * then the person's choice, then their Wikimedia language, then Accept-Language; MediaWiki's fallback
 * chains for the words; qqx only for one page.
 */
import { describe, expect, it } from "vitest";
import { acceptedLanguages, chooseLanguage, shippedLanguageOf } from "./negotiate";
import { translatorFor } from "./translate";

const words = (sources: Parameters<typeof chooseLanguage>[0]) => translatorFor(chooseLanguage(sources));

describe("the interface language of a request", () => {
  it("follows uselang, then the choice, then Wikimedia's, then Accept-Language", () => {
    const all = { uselang: "fr", chosen: "he", wikimedia: "de", acceptLanguage: "es" };
    expect(chooseLanguage(all)).toBe("fr");
    expect(chooseLanguage({ ...all, uselang: null })).toBe("he");
    expect(chooseLanguage({ ...all, uselang: null, chosen: null })).toBe("de");
    expect(chooseLanguage({ acceptLanguage: "es" })).toBe("es");
    expect(chooseLanguage({})).toBe("en");
  });

  it("reads Accept-Language by its q-values, not its order", () => {
    expect(acceptedLanguages("fr;q=0.5, de;q=0.9, *;q=0.1, es;q=0")).toEqual(["de", "fr"]);
    expect(chooseLanguage({ acceptLanguage: "fr;q=0.5, de;q=0.9" })).toBe("de");
  });

  it("goes on to the next preference past a language it cannot show", () => {
    expect(chooseLanguage({ acceptLanguage: "sw, ja;q=0.9, es;q=0.8" })).toBe("es");
    expect(chooseLanguage({ chosen: "sw", wikimedia: "xx-nonsense", acceptLanguage: "ar" })).toBe("ar");
    expect(chooseLanguage({ uselang: "<script>", acceptLanguage: "de" })).toBe("de");
  });

  it("speaks a regional or related language through MediaWiki's fallback chain", () => {
    const austrian = words({ acceptLanguage: "de-AT" });
    expect(austrian.language).toBe("de");
    expect(austrian.msg("wikiport-header-sign-out")).toBe("Abmelden");
    expect(shippedLanguageOf("de-at")).toBe("de");

    const swiss = words({ wikimedia: "gsw" });
    expect(swiss.msg("wikiport-header-watchlist")).toBe("Beobachtungsliste");
    expect(shippedLanguageOf("gsw")).toBe("de");

    // What browsers in Israel send: Hebrew, so right to left (a regional tag once came out left to right).
    const israeli = words({ acceptLanguage: "he-IL,he;q=0.9,en-US;q=0.8" });
    expect([israeli.language, israeli.dir]).toEqual(["he", "rtl"]);

    const egyptian = words({ acceptLanguage: "arz" });
    expect(egyptian.msg("wikiport-header-watchlist")).toBe("قائمة المراقبة");
    expect(egyptian.dir).toBe("rtl");
    expect(shippedLanguageOf("arz")).toBe("ar");
  });

  it("shows message keys (qqx) only when uselang asks for them", () => {
    expect(chooseLanguage({ chosen: "qqx", acceptLanguage: "de" })).toBe("de");
    expect(chooseLanguage({ wikimedia: "qqx" })).toBe("en");
    expect(chooseLanguage({ acceptLanguage: "qqx, fr;q=0.5" })).toBe("fr");
    const keys = words({ uselang: "qqx", chosen: "he" });
    expect(keys.msg("wikiport-header-sign-out")).toBe("(wikiport-header-sign-out)");
    expect(keys.dir).toBe("ltr");
    expect(shippedLanguageOf("qqx")).toBe("en");
  });

  it("says a user's gender where the language needs it ({{GENDER:}})", () => {
    const hebrew = translatorFor("he");
    expect(hebrew.msg("wikiport-header-signed-in-as", "Ada", "female")).toBe("מחוברת בתור Ada");
    expect(hebrew.msg("wikiport-header-signed-in-as", "Ada", "male")).toBe("מחובר בתור Ada");
    expect(hebrew.msg("wikiport-header-signed-in-as", "Ada", "unknown")).toBe("מחובר/ת בתור Ada");
    expect(translatorFor("en").msg("wikiport-header-signed-in-as", "Ada", "female")).toBe("Signed in as Ada");
  });
});
