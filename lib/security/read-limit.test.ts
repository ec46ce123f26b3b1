/**
 * The per-address limit on page reads (proxy.ts, READ_RATE_LIMIT): the flooding address is refused with a
 * 429 a person can read and a Retry-After, and another address is not.
 */
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/db/testing";
import { translatorFor } from "@/lib/i18n/translate";
import { createReadLimiter, isLimitedRead, limitRead } from "./rate-limits";
import { refusalLanguage } from "./refusal-language";

const english = translatorFor("en");

const testDb = useTestDb();

describe("page reads per client address", () => {
  it("answers 429 to the address past its share, and not to another address", async () => {
    const clock = { now: 1_000_000 };
    const limiter = createReadLimiter({ db: () => testDb.db, secret: "read-limit-test" }, () => clock.now, { capacity: 5, refillPerMinute: 6 });
    const flood = await Promise.all(Array.from({ length: 8 }, () => limitRead(limiter, "198.51.100.7", english)));
    expect(flood.filter((answer) => answer === null)).toHaveLength(5);
    const refused = flood.filter((answer): answer is Response => answer !== null);
    expect(refused.map((answer) => answer.status)).toEqual([429, 429, 429]);
    expect(refused[0]!.headers.get("retry-after")).toBe("10");
    expect(refused[0]!.headers.get("cache-control")).toBe("no-store");
    expect(await refused[0]!.text()).toBe("Too many pages read from your address in a short time. Try again in 10 seconds.\n");
    expect(await limitRead(limiter, "203.0.113.9", english)).toBeNull();
    // A person reads the refusal in their browser's language.
    const hebrew = await limitRead(limiter, "198.51.100.7", refusalLanguage(new Headers({ "accept-language": "he-IL,he;q=0.9,en;q=0.8" })));
    expect(await hebrew!.text()).toBe("יותר מדי דפים נקראו מהכתובת שלך בזמן קצר. נא לנסות שוב בעוד 10 שניות.\n");
    expect(hebrew!.headers.get("content-language")).toBe("he");
    expect(hebrew!.headers.get("vary")).toBe("Accept-Language");
    clock.now += 10_000;
    expect(await limitRead(limiter, "198.51.100.7", english)).toBeNull();
  });

  it("counts GET and HEAD of /wiki/ addresses only", () => {
    expect(isLimitedRead("GET", "/wiki/en.wikipedia.org/Moon")).toBe(true);
    expect(isLimitedRead("HEAD", "/wiki/en.wikipedia.org/Moon")).toBe(true);
    expect(isLimitedRead("POST", "/wiki/en.wikipedia.org/Moon")).toBe(false);
    expect(isLimitedRead("GET", "/embed/en.wikipedia.org/Moon")).toBe(false);
    expect(isLimitedRead("GET", "/wikipedia")).toBe(false);
  });
});
