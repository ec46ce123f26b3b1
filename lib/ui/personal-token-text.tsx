/**
 * The personal API token's facts in the interface language: its rate limit and the warnings about it.
 * lib/personal-tokens says them in English for logs; these are the same facts, worded for the page.
 */
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";
import { rateLimitTier, type RateLimit } from "@/lib/personal-tokens/claims";
import type { PersonalTokenWarning } from "@/lib/personal-tokens/warnings";

const PER_UNIT: Record<string, MessageKey> = {
  second: "wikiport-token-rate-limit-per-second",
  minute: "wikiport-token-rate-limit-per-minute",
  hour: "wikiport-token-rate-limit-per-hour",
  day: "wikiport-token-rate-limit-per-day",
};

/** e.g. "default tier: 5,000 requests per hour"; the tier's name is Meta's identifier, left as it is. */
export function rateLimitText(t: Translator, rateLimit: RateLimit | null): string {
  if (!rateLimit) return t.msg("wikiport-token-rate-limit-unstated");
  const unit = rateLimit.unit.toLowerCase();
  const count = rateLimit.requestsPerUnit;
  const key = Object.hasOwn(PER_UNIT, unit) ? PER_UNIT[unit] : undefined;
  const amount = key ? t.msg(key, count, t.number(count)) : t.msg("wikiport-token-rate-limit-per-other", count, t.number(count), unit);
  const tier = rateLimitTier(rateLimit);
  return tier ? t.msg("wikiport-token-rate-limit-tier", tier, amount) : amount;
}

export const WARNING_TITLE_KEYS: Record<PersonalTokenWarning["code"], MessageKey> = {
  different_account: "wikiport-token-warning-different-account-title",
  missing_grants: "wikiport-token-warning-missing-grants-title",
  expires: "wikiport-token-warning-expires-title",
};

/** A warning's sentence, with the names, grants and date isolated; `viewer` is the account signed in to Wikiport. */
export function WarningText({ t, warning, viewer }: { t: Translator; warning: PersonalTokenWarning; viewer: string }) {
  switch (warning.code) {
    case "different_account":
      return (
        <Message
          t={t}
          k="wikiport-token-warning-different-account"
          elements={[<bdi key="token">{warning.tokenUsername}</bdi>, <bdi key="viewer">{viewer}</bdi>]}
        />
      );
    case "missing_grants":
      return (
        <Message
          t={t}
          k="wikiport-token-warning-missing-grants"
          elements={[
            <code key="grants" dir="ltr">
              {warning.missing.join(", ")}
            </code>,
          ]}
          params={[warning.missing.length]}
        />
      );
    case "expires":
      return (
        <Message
          t={t}
          k="wikiport-token-warning-expires"
          elements={[
            <time key="date" dateTime={warning.expiresAt.toISOString()}>
              {t.date(warning.expiresAt, { dateStyle: "long", timeZone: "UTC" })}
            </time>,
          ]}
        />
      );
  }
}
