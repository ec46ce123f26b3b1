/**
 * Response headers Wikimedia's answers carry, read one way for the whole request layer (api.php, rest.php
 * and the OAuth endpoints alike).
 */

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const MONTH = `(${MONTHS.join("|")})`;
const TIME = "(\\d{2}):(\\d{2}):(\\d{2})";
// The three forms RFC 9110 §5.6.7 says a recipient must accept: IMF-fixdate, which senders use, and the
// obsolete RFC 850 and asctime forms.
const IMF_FIXDATE = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\\d{2}) ${MONTH} (\\d{4}) ${TIME} GMT$`);
const RFC_850 = new RegExp(`^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), (\\d{2})-${MONTH}-(\\d{2}) ${TIME} GMT$`);
const ASCTIME = new RegExp(`^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ${MONTH} ([ \\d]\\d) ${TIME} (\\d{4})$`);
/** RFC 9110 §1.2: a delta-seconds above 2^31 may be taken as 2^31. */
const MAX_DELTA_SECONDS = 2 ** 31;

function utc(year: number, month: string, day: number, hours: string, minutes: string, seconds: string): number | undefined {
  const monthIndex = MONTHS.indexOf(month);
  const time = Date.UTC(year, monthIndex, day, Number(hours), Number(minutes), Number(seconds));
  const date = new Date(time);
  // Date.UTC rolls "31 Feb" or "25:00" over into the next day; such a date is not a date.
  const exact = date.getUTCDate() === day && date.getUTCHours() === Number(hours) && date.getUTCMinutes() === Number(minutes) && date.getUTCSeconds() === Number(seconds);
  return exact ? time : undefined;
}

/** An HTTP-date (RFC 9110 §5.6.7) as milliseconds since the epoch; undefined when it is not one. */
export function parseHttpDate(value: string, now = Date.now()): number | undefined {
  let match = IMF_FIXDATE.exec(value);
  if (match) return utc(Number(match[3]), match[2]!, Number(match[1]), match[4]!, match[5]!, match[6]!);
  match = RFC_850.exec(value);
  if (match) {
    // §5.6.7: a two-digit year more than 50 years in the future is the most recent past year ending so.
    const currentYear = new Date(now).getUTCFullYear();
    let year = Math.floor(currentYear / 100) * 100 + Number(match[3]);
    if (year > currentYear + 50) year -= 100;
    return utc(year, match[2]!, Number(match[1]), match[4]!, match[5]!, match[6]!);
  }
  match = ASCTIME.exec(value);
  if (match) return utc(Number(match[6]), match[1]!, Number(match[2]!.trim()), match[3]!, match[4]!, match[5]!);
  return undefined;
}

/**
 * `Retry-After` in whole seconds from `now` (RFC 9110 §10.2.3: delta-seconds, or an HTTP-date, which
 * counts as 0 once past); undefined when absent or neither form, such as "1.5", "-3" or "soon".
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  const trimmed = value?.trim();
  if (!trimmed) return undefined;
  if (/^\d+$/.test(trimmed)) return Math.min(Number(trimmed), MAX_DELTA_SECONDS);
  const date = parseHttpDate(trimmed, now);
  return date === undefined ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Codes in the `MediaWiki-API-Error` header (comma-separated, CORE ApiMain::handleException). */
export function apiErrorCodes(headers: Headers): string[] {
  return (headers.get("mediawiki-api-error") ?? "")
    .split(",")
    .map((code) => code.trim())
    .filter(Boolean);
}
