import { cdxIconLanguage } from "@wikimedia/codex-icons";
import { AUTONYMS, directionOf, SHIPPED_LANGUAGES } from "@/lib/i18n/languages";
import { shippedLanguageOf } from "@/lib/i18n/negotiate";
import type { Translator } from "@/lib/i18n/translate";
import { Icon } from "@/lib/ui/icon";
import { chooseInterfaceLanguage } from "./language-actions";

/**
 * The interface language, chosen in the header: a plain form, so it works without JavaScript. Each
 * language is listed by its own name in its own language and direction (MediaWiki's autonyms), so that a
 * person finds theirs whatever the page is in now.
 */
export function LanguagePicker({ t }: { t: Translator }) {
  return (
    <form action={chooseInterfaceLanguage} className="flex items-center gap-1">
      <label htmlFor="wikiport-language" className="flex items-center text-cdx-subtle">
        <Icon icon={cdxIconLanguage} />
        <span className="sr-only">{t.msg("wikiport-language-label")}</span>
      </label>
      <select
        id="wikiport-language"
        name="language"
        defaultValue={shippedLanguageOf(t.language)}
        className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-1 py-1 text-sm"
      >
        {SHIPPED_LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code} dir={directionOf(code)}>
            {AUTONYMS[code]}
          </option>
        ))}
      </select>
      <button type="submit" className="cdx-button text-sm">
        {t.msg("wikiport-language-submit")}
      </button>
    </form>
  );
}
