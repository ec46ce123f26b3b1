import ar from "@/i18n/ar.json" with { type: "json" };
import de from "@/i18n/de.json" with { type: "json" };
import en from "@/i18n/en.json" with { type: "json" };
import es from "@/i18n/es.json" with { type: "json" };
import fr from "@/i18n/fr.json" with { type: "json" };
import he from "@/i18n/he.json" with { type: "json" };
import type { ShippedLanguage } from "./languages";

/** A message key: one of English's (i18n/en.json), so the compiler refuses a key that does not exist. */
export type MessageKey = Exclude<keyof typeof en, "@metadata">;

export type Messages = Partial<Record<MessageKey, string>> & { "@metadata"?: unknown };

/**
 * Every shipped language's messages, in the JSON "banana" format translatewiki.net reads (one file per
 * language under i18n/, `qqq.json` documenting each message). Bundled with the code, so a server and a
 * built app never read files at run time.
 */
export const CATALOG: Record<ShippedLanguage, Messages> = { en, de, fr, es, he, ar };
