import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import Banana from "banana-i18n";
import { describe, expect, it } from "vitest";
import { SHIPPED_LANGUAGES } from "./languages";

const I18N = path.join(process.cwd(), "i18n");
const read = (language: string) => JSON.parse(readFileSync(path.join(I18N, `${language}.json`), "utf8")) as Record<string, unknown>;
const messagesOf = (language: string) =>
  Object.fromEntries(Object.entries(read(language)).filter(([key]) => key !== "@metadata")) as Record<string, string>;

const english = messagesOf("en");
const documentation = messagesOf("qqq");

/** Every source file the interface's words can be used from. */
function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The `$n` parameters and the magic words a message uses, which a translation must use alike. */
function shape(message: string) {
  const parameters = [...new Set([...message.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))].sort();
  const magic = [...new Set([...message.matchAll(/\{\{\s*(PLURAL|GENDER|GRAMMAR)\s*:\s*\$(\d+)/gi)].map((m) => `${m[1]!.toUpperCase()}:$${m[2]}`))].sort();
  return { parameters, magic };
}

describe("the message files", () => {
  it("document every English message in qqq.json, and nothing else", () => {
    expect(Object.keys(documentation).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(documentation)) expect(text.trim(), key).not.toBe("");
  });

  it("ship every language complete, with no message English does not have", () => {
    for (const language of SHIPPED_LANGUAGES) {
      expect(Object.keys(messagesOf(language)).sort(), language).toEqual(Object.keys(english).sort());
    }
  });

  it("give each translation the parameters and PLURAL/GENDER forms of its English message", () => {
    for (const language of SHIPPED_LANGUAGES) {
      for (const [key, text] of Object.entries(messagesOf(language))) {
        expect(shape(text), `${language}: ${key}`).toEqual(shape(english[key] ?? ""));
      }
    }
  });

  it("parse in every language (a message that does not parse would fall back to English)", () => {
    for (const language of SHIPPED_LANGUAGES) {
      const banana = new Banana(language, { messages: messagesOf(language) });
      for (const key of Object.keys(messagesOf(language))) expect(() => banana.i18n(key, "a", "b", "c", "d", "e"), `${language}: ${key}`).not.toThrow();
    }
  });

  it("hold no markup: messages are text, links and emphasis come from the code around them", () => {
    for (const language of [...SHIPPED_LANGUAGES, "qqq"]) {
      if (language === "qqq") continue;
      for (const [key, text] of Object.entries(messagesOf(language))) expect(text, `${language}: ${key}`).not.toMatch(/<[a-z/!]/i);
    }
  });

  it("are all used: every key appears in the code as written", () => {
    const code = ["app", "lib", "proxy.ts"].flatMap((entry) => {
      const full = path.join(process.cwd(), entry);
      return entry.endsWith(".ts") ? [full] : sourceFiles(full);
    }).map((file) => readFileSync(file, "utf8")).join("\n");
    const unused = Object.keys(english).filter((key) => !code.includes(`"${key}"`));
    expect(unused).toEqual([]);
  });
});
