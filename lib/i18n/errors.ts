import type { MessageKey } from "./catalog";
import type { Translator } from "./translate";

/**
 * The values a failure's sentence names, as data: the layers below keep them next to their English
 * `message`, so the sentence can be rebuilt in any language without reading the English.
 */
export interface FailureParams {
  /** The wiki concerned, e.g. de.wikipedia.org. */
  host?: string;
  /** What the person typed, quoted back to them (a wiki's name). */
  input?: string;
  revisionId?: number;
  section?: number;
  /** The longest page title Wikiport accepts (lib/wikimedia/titles.ts). */
  maxLength?: number;
  /** An API token scope. */
  scope?: string;
  /** The wiki's own explanation, in the wiki's words (content, not interface text). */
  upstreamText?: string;
  block?: { by: string | null; reason: string | null; expiry: string | null };
  /** A Wikimedia user name, and another one it is compared with. */
  username?: string;
  otherUsername?: string;
  /** Names listed in the sentence (grants), as they are written in the API: not translated. */
  list?: string[];
  /** An ISO timestamp the sentence names (said as a date in the reader's language). */
  date?: string;
  /** The line of a list the person typed (1-based), with `input` its text. */
  line?: number;
  /** The abuse filter rule's public description, when the wiki gave one. */
  rule?: string | null;
  /** Whether the abuse filter only warned (saving again goes through). */
  warning?: boolean;
}

/**
 * A failure as the layers below describe it: a stable code, an English sentence (for logs and the API's
 * English), how long to wait, and, where one code covers several situations, which one (`detail`) with
 * the values its sentence names (`params`).
 */
export interface Failure {
  code: string;
  message: string;
  retryAfterSeconds?: number;
  detail?: string;
  params?: FailureParams;
  /**
   * The failure underneath, when this one only sorts it for its caller (a personal token's test call that
   * Wikimedia refused): the person is told the underlying failure's sentence.
   */
  reason?: Failure;
}

/** Every code and situation a person can be told about, as `code` or `code/detail`. */
export const FAILURE_SITUATIONS = [
  // lib/wikimedia/errors.ts
  "network",
  "timeout",
  "timeout/unconfirmed-edit",
  "timeout/unconfirmed-undo",
  "rate_limited",
  "maxlag",
  "readonly",
  "wikimedia_unavailable",
  "wikimedia_unavailable/database",
  "wikimedia_unavailable/app-token-refused",
  "wikimedia_unavailable/app-token-not-ready",
  "wikimedia_unavailable/sign-in-service",
  "bad_response",
  "bad_response/unconfirmed-edit",
  "bad_response/unconfirmed-undo",
  "reconnect_needed",
  "forbidden_host",
  "not_found",
  "not_found/revision",
  "not_found/section",
  "invalid_title",
  "invalid_title/too-long",
  "invalid_title/empty",
  "permission_denied",
  "blocked",
  "protected",
  "edit_conflict",
  "undo_failed",
  "page_exists",
  "abuse_filter",
  "captcha",
  "api_error",
  "api_error/edit-stopped",
  "api_error/bad-token",
  "internal",
  // lib/wikimedia/sites.ts
  "invalid_site/not-host-name",
  "invalid_site/not-wikimedia",
  // lib/server-actions/result.ts, lib/security/rate-limits.ts
  "signed_out",
  "invalid_input",
  "rate_limited/actions",
  "rate_limited/edits",
  // lib/api-tokens
  "invalid_user",
  "invalid_name",
  "invalid_scopes",
  "invalid_expiry",
  "unknown_user",
  "malformed/api-token",
  "unknown/api-token",
  "revoked/api-token",
  "expired/api-token",
  "insufficient_scope",
  // lib/personal-tokens
  "no_token/personal-token",
  "unsealable/personal-token",
  "anonymous/personal-token",
  "rejected/personal-token-test",
  "rejected/personal-token-verify",
  "wikimedia_unavailable/personal-token-verify",
  "unusable_profile/personal-token-verify",
  "malformed/personal-token-empty",
  "malformed/personal-token-too-long",
  "malformed/personal-token-client-key",
  "malformed/personal-token-client-secret",
  "malformed/personal-token-not-jwt",
  "malformed/personal-token-unreadable",
  "different_account",
  "missing_grants",
  "expires",
  // lib/account/wiki-accounts.ts
  "reconnect_needed/wiki-accounts",
  "wikimedia_unavailable/wiki-accounts",
  // lib/widget/origins.ts, lib/widget/registry.ts
  "invalid_origins/wildcard",
  "invalid_origins/policy-characters",
  "invalid_origins/no-scheme",
  "invalid_origins/not-origin",
  "invalid_origins/not-url",
  "invalid_origins/plain-http",
  "invalid_origins/not-https",
  "invalid_origins/bad-host",
  "invalid_origins/host-characters",
  "invalid_origins/none",
  "invalid_origins/too-many",
  "invalid_user/widget",
  "invalid_wiki",
  "invalid_options",
  "invalid_name/widget-empty",
  "invalid_name/widget-too-long",
  "invalid_name/widget-control",
  "invalid_title/widget-empty",
  "invalid_title/widget-too-long",
  "invalid_title/widget-invalid",
  "not_found/widget",
  // lib/api (the JSON API's own refusals)
  "unauthorized/missing-token",
  "rate_limited/api-auth-failures",
  "rate_limited/api-token",
  "payload_too_large",
  "invalid_request/json",
  "invalid_request/path",
  "invalid_request/query",
  "invalid_request/body",
  // lib/security/request-line.ts, answered before routing (proxy.ts)
  "invalid_request/malformed-path",
] as const;

export type FailureSituation = (typeof FAILURE_SITUATIONS)[number];

type Sentence = (t: Translator, f: Failure, host: string) => string;

/** The wait as its own sentence, as the English says it today (seconds under a minute, else minutes). */
function retry(t: Translator, seconds: number | undefined): string {
  if (seconds === undefined) return t.msg("wikiport-failure-retry-moment");
  if (seconds < 60) return t.msg("wikiport-failure-retry-seconds", Math.max(1, Math.ceil(seconds)));
  return t.msg("wikiport-failure-retry-minutes", Math.ceil(seconds / 60));
}

function blocked(t: Translator, f: Failure, host: string): string {
  const block = f.params?.block;
  const sentences = [block?.by ? t.msg("wikiport-failure-blocked-by", host, block.by) : t.msg("wikiport-failure-blocked", host)];
  if (block?.reason) sentences.push(t.msg("wikiport-failure-blocked-reason", block.reason));
  const expiry = block?.expiry;
  if (expiry && expiry !== "infinite" && expiry !== "infinity") {
    const when = new Date(expiry);
    sentences.push(t.msg("wikiport-failure-blocked-expiry", Number.isNaN(when.getTime()) ? expiry : t.date(when)));
  } else if (expiry) {
    sentences.push(t.msg("wikiport-failure-blocked-infinite"));
  }
  sentences.push(t.msg("wikiport-failure-blocked-appeal"));
  return sentences.join(" ");
}

function abuseFilter(t: Translator, f: Failure, host: string): string {
  const rule = f.params?.rule;
  if (f.params?.warning) {
    return rule ? t.msg("wikiport-failure-abuse-filter-warning-rule", host, rule) : t.msg("wikiport-failure-abuse-filter-warning", host);
  }
  return rule ? t.msg("wikiport-failure-abuse-filter-disallow-rule", host, rule) : t.msg("wikiport-failure-abuse-filter-disallow", host);
}

/** A bad line of an allow-list, prefixed with where it is when the failure says so. */
function originLine(t: Translator, f: Failure, problem: string): string {
  return f.params?.line !== undefined ? t.msg("wikiport-failure-widget-origin-line", f.params.line, f.params.input ?? "", problem) : problem;
}

/** One message per situation; every key is written out, so the message tests find it (no keys built from strings). */
const SENTENCES: Record<FailureSituation, Sentence> = {
  network: (t, _f, host) => t.msg("wikiport-failure-network", host),
  timeout: (t, _f, host) => t.msg("wikiport-failure-timeout", host),
  "timeout/unconfirmed-edit": (t, _f, host) => t.msg("wikiport-failure-timeout-unconfirmed-edit", host),
  "timeout/unconfirmed-undo": (t, _f, host) => t.msg("wikiport-failure-unconfirmed-undo", host),
  rate_limited: (t, f) => t.msg("wikiport-failure-rate-limited", retry(t, f.retryAfterSeconds)),
  maxlag: (t, f, host) => t.msg("wikiport-failure-maxlag", host, retry(t, f.retryAfterSeconds)),
  readonly: (t, _f, host) => t.msg("wikiport-failure-readonly", host),
  wikimedia_unavailable: (t, _f, host) => t.msg("wikiport-failure-wikimedia-unavailable", host),
  "wikimedia_unavailable/database": (t) => t.msg("wikiport-failure-wikimedia-unavailable-database"),
  "wikimedia_unavailable/app-token-refused": (t) => t.msg("wikiport-failure-wikimedia-unavailable-app-token-refused"),
  "wikimedia_unavailable/app-token-not-ready": (t) => t.msg("wikiport-failure-wikimedia-unavailable-app-token-not-ready"),
  "wikimedia_unavailable/sign-in-service": (t) => t.msg("wikiport-failure-wikimedia-unavailable-sign-in-service"),
  bad_response: (t, _f, host) => t.msg("wikiport-failure-bad-response", host),
  "bad_response/unconfirmed-edit": (t, _f, host) => t.msg("wikiport-failure-bad-response-unconfirmed-edit", host),
  "bad_response/unconfirmed-undo": (t, _f, host) => t.msg("wikiport-failure-unconfirmed-undo", host),
  reconnect_needed: (t) => t.msg("wikiport-failure-reconnect-needed"),
  forbidden_host: (t) => t.msg("wikiport-failure-forbidden-host"),
  not_found: (t, _f, host) => t.msg("wikiport-failure-not-found", host),
  "not_found/revision": (t, f, host) => t.msg("wikiport-failure-not-found-revision", host, f.params?.revisionId ?? "?"),
  "not_found/section": (t, f) => t.msg("wikiport-failure-not-found-section", f.params?.section ?? "?"),
  // The characters are a parameter: in a message, banana-i18n would read them as markup.
  invalid_title: (t) => t.msg("wikiport-failure-invalid-title", "# < > [ ] | { }"),
  "invalid_title/too-long": (t, f) => t.msg("wikiport-failure-invalid-title-too-long", f.params?.maxLength ?? 512),
  "invalid_title/empty": (t) => t.msg("wikiport-failure-invalid-title-empty"),
  permission_denied: (t, f, host) =>
    f.params?.upstreamText
      ? t.msg("wikiport-failure-permission-denied-explained", host, f.params.upstreamText)
      : t.msg("wikiport-failure-permission-denied", host),
  blocked,
  protected: (t) => t.msg("wikiport-failure-protected"),
  edit_conflict: (t) => t.msg("wikiport-failure-edit-conflict"),
  undo_failed: (t) => t.msg("wikiport-failure-undo-failed"),
  page_exists: (t) => t.msg("wikiport-failure-page-exists"),
  abuse_filter: abuseFilter,
  captcha: (t, _f, host) => t.msg("wikiport-failure-captcha", host),
  api_error: (t, f, host) =>
    f.params?.upstreamText ? t.msg("wikiport-failure-api-error-explained", host, f.params.upstreamText) : t.msg("wikiport-failure-api-error", host),
  "api_error/edit-stopped": (t, _f, host) => t.msg("wikiport-failure-api-error-edit-stopped", host),
  "api_error/bad-token": (t) => t.msg("wikiport-failure-api-error-bad-token"),
  internal: (t) => t.msg("wikiport-failure-internal"),
  "invalid_site/not-host-name": (t, f) => t.msg("wikiport-failure-invalid-site-not-host-name", f.params?.input ?? ""),
  "invalid_site/not-wikimedia": (t, f) => t.msg("wikiport-failure-invalid-site-not-wikimedia", f.params?.input ?? ""),
  signed_out: (t) => t.msg("wikiport-failure-signed-out"),
  invalid_input: (t) => t.msg("wikiport-failure-invalid-input"),
  "rate_limited/actions": (t, f) => t.msg("wikiport-failure-rate-limited-actions", f.retryAfterSeconds ?? 1),
  "rate_limited/edits": (t, f) => t.msg("wikiport-failure-rate-limited-edits", f.retryAfterSeconds ?? 1),
  invalid_user: (t) => t.msg("wikiport-failure-invalid-user"),
  invalid_name: (t) => t.msg("wikiport-failure-invalid-name"),
  invalid_scopes: (t) => t.msg("wikiport-failure-invalid-scopes"),
  invalid_expiry: (t) => t.msg("wikiport-failure-invalid-expiry"),
  unknown_user: (t) => t.msg("wikiport-failure-unknown-user"),
  "malformed/api-token": (t) => t.msg("wikiport-failure-malformed-api-token"),
  "unknown/api-token": (t) => t.msg("wikiport-failure-unknown-api-token"),
  "revoked/api-token": (t) => t.msg("wikiport-failure-revoked-api-token"),
  "expired/api-token": (t) => t.msg("wikiport-failure-expired-api-token"),
  insufficient_scope: (t, f) => t.msg("wikiport-failure-insufficient-scope", f.params?.scope ?? ""),
  "no_token/personal-token": (t) => t.msg("wikiport-failure-personal-token-no-token"),
  "unsealable/personal-token": (t) => t.msg("wikiport-failure-personal-token-unsealable"),
  "anonymous/personal-token": (t) => t.msg("wikiport-failure-personal-token-anonymous"),
  "rejected/personal-token-test": (t) => t.msg("wikiport-failure-personal-token-rejected-test"),
  "rejected/personal-token-verify": (t) => t.msg("wikiport-failure-personal-token-rejected-verify"),
  "wikimedia_unavailable/personal-token-verify": (t) => t.msg("wikiport-failure-personal-token-meta-unavailable"),
  "unusable_profile/personal-token-verify": (t) => t.msg("wikiport-failure-personal-token-unusable-profile"),
  "malformed/personal-token-empty": (t) => t.msg("wikiport-failure-personal-token-malformed-empty"),
  "malformed/personal-token-too-long": (t) => t.msg("wikiport-failure-personal-token-malformed-too-long"),
  "malformed/personal-token-client-key": (t) => t.msg("wikiport-failure-personal-token-malformed-client-key"),
  "malformed/personal-token-client-secret": (t) => t.msg("wikiport-failure-personal-token-malformed-client-secret"),
  "malformed/personal-token-not-jwt": (t) => t.msg("wikiport-failure-personal-token-malformed-not-jwt"),
  "malformed/personal-token-unreadable": (t) => t.msg("wikiport-failure-personal-token-malformed-unreadable"),
  different_account: (t, f) =>
    f.params?.otherUsername
      ? t.msg("wikiport-failure-personal-token-different-account", f.params.username ?? "", f.params.otherUsername)
      : t.msg("wikiport-failure-personal-token-different-account-unnamed", f.params?.username ?? ""),
  missing_grants: (t, f) => t.msg("wikiport-failure-personal-token-missing-grants", (f.params?.list ?? []).join(", ")),
  expires: (t, f) => t.msg("wikiport-failure-personal-token-expires", f.params?.date ? t.date(new Date(f.params.date), { dateStyle: "long" }) : ""),
  "reconnect_needed/wiki-accounts": (t) => t.msg("wikiport-failure-wiki-accounts-reconnect"),
  "wikimedia_unavailable/wiki-accounts": (t) => t.msg("wikiport-failure-wiki-accounts-unavailable"),
  "invalid_origins/wildcard": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-wildcard")),
  "invalid_origins/policy-characters": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-policy-characters")),
  "invalid_origins/no-scheme": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-no-scheme")),
  "invalid_origins/not-origin": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-not-origin")),
  "invalid_origins/not-url": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-not-url")),
  "invalid_origins/plain-http": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-plain-http")),
  "invalid_origins/not-https": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-not-https")),
  "invalid_origins/bad-host": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-bad-host")),
  "invalid_origins/host-characters": (t, f) => originLine(t, f, t.msg("wikiport-failure-widget-origin-host-characters")),
  "invalid_origins/none": (t) => t.msg("wikiport-failure-widget-origins-none"),
  "invalid_origins/too-many": (t, f) => t.msg("wikiport-failure-widget-origins-too-many", f.params?.maxLength ?? 0),
  "invalid_user/widget": (t) => t.msg("wikiport-failure-widget-invalid-user"),
  invalid_wiki: (t) => t.msg("wikiport-failure-widget-invalid-wiki"),
  invalid_options: (t, f) => {
    const [themes = "", layouts = "", languages = ""] = f.params?.list ?? [];
    return t.msg("wikiport-failure-widget-invalid-options", themes, layouts, languages);
  },
  "invalid_name/widget-empty": (t) => t.msg("wikiport-failure-widget-name-empty"),
  "invalid_name/widget-too-long": (t, f) => t.msg("wikiport-failure-widget-name-too-long", f.params?.maxLength ?? 100),
  "invalid_name/widget-control": (t) => t.msg("wikiport-failure-widget-name-control"),
  "invalid_title/widget-empty": (t) => t.msg("wikiport-failure-widget-title-empty"),
  "invalid_title/widget-too-long": (t, f) => t.msg("wikiport-failure-widget-title-too-long", f.params?.maxLength ?? 255),
  "invalid_title/widget-invalid": (t) => t.msg("wikiport-failure-widget-title-invalid"),
  "not_found/widget": (t) => t.msg("wikiport-failure-widget-not-found"),
  "unauthorized/missing-token": (t) => t.msg("wikiport-api-missing-token"),
  "rate_limited/api-auth-failures": (t, f) => t.msg("wikiport-api-too-many-failures", f.retryAfterSeconds ?? 1),
  "rate_limited/api-token": (t, f) => t.msg("wikiport-api-token-rate-limited", f.retryAfterSeconds ?? 1),
  payload_too_large: (t) => t.msg("wikiport-api-payload-too-large"),
  "invalid_request/json": (t) => t.msg("wikiport-api-invalid-json"),
  "invalid_request/path": (t) => t.msg("wikiport-api-invalid-path"),
  "invalid_request/query": (t) => t.msg("wikiport-api-invalid-query"),
  "invalid_request/body": (t) => t.msg("wikiport-api-invalid-body"),
  "invalid_request/malformed-path": (t) => t.msg("wikiport-refusal-malformed-path"),
};

/**
 * The situation a failure names, or null for one this module does not know (yet): a detail it does not
 * know is not told as the code's usual sentence, which may say something else.
 */
export function failureSituation(failure: Pick<Failure, "code" | "detail">): FailureSituation | null {
  const candidate = failure.detail ? `${failure.code}/${failure.detail}` : failure.code;
  return Object.hasOwn(SENTENCES, candidate) ? (candidate as FailureSituation) : null;
}

/** What a sentence says when the failure did not name its wiki. */
const UNNAMED_WIKI: MessageKey = "wikiport-failure-unnamed-wiki";

/**
 * The sentence a person reads for a failure, in the interface language. A code this module does not know
 * keeps its English sentence rather than lose what it says.
 */
export function describeFailure(t: Translator, failure: Failure): string {
  if (failure.reason) return describeFailure(t, failure.reason);
  const situation = failureSituation(failure);
  if (!situation) return failure.message;
  const named = failure.params?.host;
  const host = named ?? t.msg(UNNAMED_WIKI);
  const sentence = SENTENCES[situation](t, failure, host);
  // "the wiki" opening a sentence is capitalised as any sentence's first word (languages without case keep it).
  if (!named && sentence.startsWith(host)) return sentence.charAt(0).toLocaleUpperCase(t.language) + sentence.slice(1);
  return sentence;
}

