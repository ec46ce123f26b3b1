/**
 * The card's own words in each interface language it speaks (`?lang=`). The article's text stays in the
 * wiki's language; only labels and messages change. `{name}` placeholders are filled by `t()`.
 */
import type { CardLanguage } from "./options";

export type CardErrorKind = "bad_option" | "bad_address" | "unknown_wiki" | "not_found" | "invalid_title" | "unknown_widget" | "upstream" | "unavailable" | "rate_limited";

interface CardMessages {
  dir: "ltr" | "rtl";
  frameTitle: string;
  readOnWikiport: string;
  readOnWiki: string;
  /** Licence line: {title} links to the page, {wiki} is its host, {licence} links to the licence. */
  attribution: string;
  imageAlt: string;
  watch: string;
  watching: string;
  errorTitle: Record<CardErrorKind, string>;
  errorText: Record<CardErrorKind, string>;
}

const en: CardMessages = {
  dir: "ltr",
  frameTitle: "Wikiport article card",
  readOnWikiport: "Read on Wikiport",
  readOnWiki: "Read on {wiki}",
  attribution: "Text from {title} on {wiki}, available under the {licence} licence; additional terms may apply.",
  imageAlt: "Image for {title}",
  watch: "Watch",
  watching: "Watching",
  errorTitle: {
    bad_option: "This card's settings are not valid",
    bad_address: "This card's address is not valid",
    unknown_wiki: "Unknown wiki",
    not_found: "Article not found",
    invalid_title: "Not a valid title",
    unknown_widget: "Widget not found",
    upstream: "The wiki sent an unexpected answer",
    unavailable: "The wiki is not available right now",
    rate_limited: "Too many requests",
  },
  errorText: {
    bad_option: "{detail} Check the address of the card.",
    bad_address: "It has a broken percent-encoding: each % must start a valid encoded UTF-8 character, such as %25 for % itself. Check the address of the card.",
    unknown_wiki: "{detail}",
    not_found: "There is no page called \u201c{title}\u201d on {wiki}.",
    invalid_title: "\u201c{title}\u201d cannot be a page title on {wiki}.",
    unknown_widget: "No widget has this address. It may have been deleted by its owner.",
    upstream: "Wikiport could not read the article from {wiki}. Try again later.",
    unavailable: "Wikiport could not reach {wiki}. Try again in a few minutes.",
    rate_limited: "This card was loaded too often from your address. Try again in {seconds} seconds.",
  },
};

const de: CardMessages = {
  dir: "ltr",
  frameTitle: "Wikiport-Artikelkarte",
  readOnWikiport: "Auf Wikiport lesen",
  readOnWiki: "Auf {wiki} lesen",
  attribution: "Text aus {title} auf {wiki}, verfügbar unter der Lizenz {licence}; zusätzliche Bedingungen können gelten.",
  imageAlt: "Bild zu {title}",
  watch: "Beobachten",
  watching: "Beobachtet",
  errorTitle: {
    bad_option: "Die Einstellungen dieser Karte sind ungültig",
    bad_address: "Die Adresse dieser Karte ist ungültig",
    unknown_wiki: "Unbekanntes Wiki",
    not_found: "Artikel nicht gefunden",
    invalid_title: "Kein gültiger Titel",
    unknown_widget: "Widget nicht gefunden",
    upstream: "Das Wiki hat unerwartet geantwortet",
    unavailable: "Das Wiki ist gerade nicht erreichbar",
    rate_limited: "Zu viele Anfragen",
  },
  errorText: {
    bad_option: "{detail} Bitte die Adresse der Karte prüfen.",
    bad_address: "Sie enthält eine fehlerhafte Prozent-Kodierung: Jedes % muss ein gültig kodiertes UTF-8-Zeichen einleiten, etwa %25 für % selbst. Bitte die Adresse der Karte prüfen.",
    unknown_wiki: "{detail}",
    not_found: "Auf {wiki} gibt es keine Seite namens \u201e{title}\u201c.",
    invalid_title: "\u201e{title}\u201c kann auf {wiki} kein Seitentitel sein.",
    unknown_widget: "Unter dieser Adresse gibt es kein Widget. Vielleicht wurde es von seinem Besitzer gelöscht.",
    upstream: "Wikiport konnte den Artikel nicht von {wiki} lesen. Bitte später erneut versuchen.",
    unavailable: "Wikiport konnte {wiki} nicht erreichen. Bitte in ein paar Minuten erneut versuchen.",
    rate_limited: "Diese Karte wurde von deiner Adresse zu oft geladen. Bitte in {seconds} Sekunden erneut versuchen.",
  },
};

const he: CardMessages = {
  dir: "rtl",
  frameTitle: "כרטיס ערך של Wikiport",
  readOnWikiport: "לקריאה ב־Wikiport",
  readOnWiki: "לקריאה ב־{wiki}",
  attribution: "הטקסט מתוך {title} ב־{wiki}, זמין לפי רישיון {licence}; ייתכן שיחולו תנאים נוספים.",
  imageAlt: "תמונה עבור {title}",
  watch: "מעקב",
  watching: "במעקב",
  errorTitle: {
    bad_option: "ההגדרות של הכרטיס אינן תקינות",
    bad_address: "הכתובת של הכרטיס אינה תקינה",
    unknown_wiki: "ויקי לא מוכר",
    not_found: "הערך לא נמצא",
    invalid_title: "כותרת לא תקינה",
    unknown_widget: "הווידג׳ט לא נמצא",
    upstream: "הוויקי שלח תשובה לא צפויה",
    unavailable: "הוויקי אינו זמין כרגע",
    rate_limited: "יותר מדי בקשות",
  },
  errorText: {
    bad_option: "{detail} כדאי לבדוק את כתובת הכרטיס.",
    bad_address: "יש בה קידוד אחוזים פגום: כל % חייב לפתוח תו UTF-8 מקודד תקין, למשל %25 עבור % עצמו. כדאי לבדוק את כתובת הכרטיס.",
    unknown_wiki: "{detail}",
    not_found: "אין דף בשם „{title}” ב־{wiki}.",
    invalid_title: "„{title}” אינו יכול להיות כותרת של דף ב־{wiki}.",
    unknown_widget: "אין ווידג׳ט בכתובת הזאת. ייתכן שבעליו מחק אותו.",
    upstream: "Wikiport לא הצליח לקרוא את הערך מ־{wiki}. נסו שוב מאוחר יותר.",
    unavailable: "Wikiport לא הצליח להתחבר אל {wiki}. נסו שוב בעוד כמה דקות.",
    rate_limited: "הכרטיס נטען יותר מדי פעמים מהכתובת שלך. נסו שוב בעוד {seconds} שניות.",
  },
};

export const CARD_MESSAGES: Record<CardLanguage, CardMessages> = { en, de, he };

export function messagesFor(lang: CardLanguage): CardMessages {
  return CARD_MESSAGES[lang];
}

/** Fills `{name}` placeholders; the caller escapes the result for HTML. */
export function t(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
