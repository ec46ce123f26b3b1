import { describe, expect, it } from "vitest";
import { parseSite } from "@/lib/wikimedia/sites";
import { parsePageTitle } from "@/lib/wikimedia/titles";
import { describeWikimediaError, WikimediaError, type WikimediaErrorCode } from "@/lib/wikimedia/errors";
import { WikimediaUnavailableError } from "@/lib/wikimedia/token-errors";
import { tooManyActions } from "@/lib/server-actions/result";
import { tooManyEdits } from "@/lib/security/rate-limits";
import { pastedTokenProblem, pastedTokenSchema } from "@/lib/personal-tokens/claims";
import { describeFailure, FAILURE_SITUATIONS, failureSituation, type Failure } from "./errors";
import { SHIPPED_LANGUAGES } from "./languages";
import { translatorFor } from "./translate";

const en = translatorFor("en");
const de = translatorFor("de");
const he = translatorFor("he");

/** A failure of each situation, with every value a sentence may name. */
function sample(situation: string): Failure {
  const [code = "", detail] = situation.split("/");
  return {
    code,
    message: `English for ${situation}`,
    retryAfterSeconds: 30,
    ...(detail ? { detail } : {}),
    params: {
      host: "de.wikipedia.org", input: "example.org", revisionId: 42, section: 3, maxLength: 512, scope: "edit",
      username: "Ana", otherUsername: "Ben", list: ["editpage"], date: "2030-01-02T00:00:00Z",
    },
  };
}

/** Every code of the request layer: the compiler refuses this list if a code is added without being listed. */
const WIKIMEDIA_CODES = {
  network: 1, timeout: 1, rate_limited: 1, maxlag: 1, readonly: 1, wikimedia_unavailable: 1, bad_response: 1, reconnect_needed: 1,
  forbidden_host: 1, not_found: 1, invalid_title: 1, permission_denied: 1, blocked: 1, protected: 1, edit_conflict: 1, undo_failed: 1,
  page_exists: 1, abuse_filter: 1, captcha: 1, api_error: 1,
} satisfies Record<WikimediaErrorCode, 1>;

describe("describeFailure", () => {
  it("has a sentence for every situation in every shipped language, never the English one in another language", () => {
    for (const situation of FAILURE_SITUATIONS) {
      const failure = sample(situation);
      expect(failureSituation(failure), situation).toBe(situation);
      const english = describeFailure(en, failure);
      expect(english, situation).not.toBe(failure.message);
      expect(english, situation).not.toMatch(/wikiport-|\$\d|\{\{/);
      for (const language of SHIPPED_LANGUAGES.filter((code) => code !== "en")) {
        const said = describeFailure(translatorFor(language), failure);
        expect(said, `${language}: ${situation}`).not.toMatch(/wikiport-|\$\d|\{\{/);
        expect(said, `${language}: ${situation}`).not.toBe(english);
      }
      // qqx shows which messages make the sentence.
      expect(describeFailure(translatorFor("qqx"), failure), situation).toMatch(/^\(wikiport-/);
    }
  });

  it("knows every code of the request layer, and says it in English as the request layer does", () => {
    for (const code of Object.keys(WIKIMEDIA_CODES) as WikimediaErrorCode[]) {
      expect(FAILURE_SITUATIONS, code).toContain(code);
      const described = describeWikimediaError(new WikimediaError(code, { host: "en.wikipedia.org", retryAfterSeconds: 30 }));
      expect(describeFailure(en, described), code).toBe(described.message);
    }
    expect(describeFailure(en, describeWikimediaError(new Error("boom")))).toBe("Something went wrong in Wikiport. Try again; if it keeps happening, tell us.");
  });

  it("says the other layers' failures in English as they do, from their data", () => {
    const failures: Failure[] = [
      describeWikimediaError(new WikimediaUnavailableError(null)),
      tooManyActions(1),
      tooManyActions(12),
      tooManyEdits(12),
    ];
    const site = parseSite("evil.example");
    if (!site.ok) failures.push(site.error);
    const host = parseSite("https://en.wikipedia.org/");
    if (!host.ok) failures.push(host.error);
    for (const input of ["", "x".repeat(600)]) {
      const title = parsePageTitle(input);
      if (!title.ok) failures.push(title.error);
    }
    for (const pasted of ["", "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef01234567", "Bearer abc", "x".repeat(9000)]) {
      const shape = pastedTokenSchema.safeParse(pasted);
      const issue = shape.error?.issues[0];
      if (issue) failures.push({ code: "malformed", message: issue.message, detail: pastedTokenProblem(issue) });
    }
    expect(failures).toHaveLength(13);
    for (const failure of failures) expect(describeFailure(en, failure)).toBe(failure.message);
  });

  it("says a wait in German and Hebrew with the plural the number needs", () => {
    const limited = (seconds: number) => describeWikimediaError(new WikimediaError("rate_limited", { retryAfterSeconds: seconds }));
    expect(describeFailure(de, limited(1))).toBe("Wikimedia hat Wikiport gebeten, langsamer zu machen. Versuche es in einer Sekunde noch einmal.");
    expect(describeFailure(de, limited(30))).toBe("Wikimedia hat Wikiport gebeten, langsamer zu machen. Versuche es in 30 Sekunden noch einmal.");
    expect(describeFailure(he, limited(1))).toBe("ויקימדיה ביקשה מ־Wikiport להאט. נא לנסות שוב בעוד שנייה אחת.");
    expect(describeFailure(he, limited(2))).toBe("ויקימדיה ביקשה מ־Wikiport להאט. נא לנסות שוב בעוד שתי שניות.");
    expect(describeFailure(he, limited(30))).toBe("ויקימדיה ביקשה מ־Wikiport להאט. נא לנסות שוב בעוד 30 שניות.");
    expect(describeFailure(he, limited(150))).toBe("ויקימדיה ביקשה מ־Wikiport להאט. נא לנסות שוב בעוד 3 דקות.");
    const lagged = describeWikimediaError(new WikimediaError("maxlag", { host: "de.wikipedia.org", retryAfterSeconds: 5 }));
    expect(describeFailure(de, lagged)).toBe("de.wikipedia.org ist gerade stark ausgelastet. Versuche es in 5 Sekunden noch einmal.");
    expect(describeFailure(de, tooManyEdits(1))).toContain("in einer Sekunde");
    expect(describeFailure(he, tooManyActions(2))).toContain("בעוד שתי שניות");
  });

  it("names the wiki, the title length and what was typed, in German and Hebrew", () => {
    const missing = describeWikimediaError(new WikimediaError("not_found", { host: "he.wikipedia.org" }));
    expect(describeFailure(de, missing)).toBe("Diese Seite gibt es auf he.wikipedia.org nicht. Prüfe den Titel oder lege die Seite an.");
    expect(describeFailure(he, missing)).toBe("הדף הזה אינו קיים ב־he.wikipedia.org. כדאי לבדוק את הכותרת, או ליצור את הדף.");
    const long = parsePageTitle("x".repeat(600));
    expect(!long.ok && describeFailure(de, long.error)).toBe("Ein Seitentitel hat höchstens 512 Zeichen.");
    expect(!long.ok && describeFailure(he, long.error)).toBe("כותרת דף יכולה להכיל לכל היותר 512 תווים.");
    const site = parseSite("evil.example");
    expect(!site.ok && describeFailure(de, site.error)).toBe("„evil.example“ ist kein Wiki von Wikimedia.");
  });

  it("builds a block's sentence from its facts, with the expiry as a date in the language", () => {
    const blocked = describeWikimediaError(
      new WikimediaError("blocked", { host: "de.wikipedia.org", block: { id: 1, by: "Ana", reason: "Vandalismus", expiry: "2030-01-02T03:04:05Z", partial: false } }),
    );
    const german = describeFailure(de, blocked);
    expect(german).toMatch(/^Du wurdest von Ana für Bearbeitungen auf de\.wikipedia\.org gesperrt\. Angegebener Grund: „Vandalismus“\. Die Sperre endet am .*2030.*\. Du kannst im Wiki Einspruch dagegen erheben\.$/);
    expect(german).not.toContain("2030-01-02T");
  });

  it("capitalises the unnamed wiki opening a sentence", () => {
    const timeout = describeWikimediaError(new WikimediaError("timeout"));
    expect(describeFailure(en, timeout)).toBe(timeout.message);
    expect(describeFailure(de, timeout)).toBe("Das Wiki hat nicht rechtzeitig geantwortet. Versuche es gleich noch einmal.");
  });

  it("keeps the English sentence of a code it does not know, and works with only a code and a message", () => {
    expect(describeFailure(de, { code: "no_such_code", message: "Something specific." })).toBe("Something specific.");
    // A failure that only sorts another one for its caller is told as the one underneath.
    const protectedPage = describeWikimediaError(new WikimediaError("protected", { host: "de.wikipedia.org" }));
    expect(describeFailure(de, { code: "refused", message: protectedPage.message, reason: protectedPage })).toMatch(/^Diese Seite ist geschützt/);
    expect(describeFailure(de, { code: "edit_conflict", message: "ignored" })).toBe(
      "Jemand anderes hat diese Seite geändert, während du sie bearbeitet hast. Sieh dir die Änderung an und übernimm dann deine erneut.",
    );
  });
});
