/**
 * One vocabulary for everything that can go wrong when Wikiport talks to a wiki. Callers switch on
 * `code` (stable, asserted by tests), show `message` (a sentence a person can act on, never a stack
 * trace or a token), and may read the upstream facts (`status`, `apiCode`, `errorKey`) for logs.
 * The REST and Action API mappings live next to their clients; this module only knows the shape.
 */
import { ReconnectNeededError, WikimediaUnavailableError } from "./token-errors";
import type { FailureParams } from "@/lib/i18n/errors";
import { hasBrand } from "@/lib/process-wide";

export type WikimediaErrorCode =
  /** The connection failed (refused, reset, DNS). */
  | "network"
  /** No answer within the per-request timeout or the caller's deadline. */
  | "timeout"
  /** 429, or MediaWiki's `ratelimited`; `retryAfterSeconds` when Wikimedia said how long to wait. */
  | "rate_limited"
  /** Replication lag above our `maxlag=5` (docs/wikimedia-protocol.md §5.4); always carries retry-after. */
  | "maxlag"
  /** The wiki is read-only for maintenance. */
  | "readonly"
  /** 5xx, or an edge error page instead of an API answer. */
  | "wikimedia_unavailable"
  /** An answer Wikiport cannot read: not JSON, cut off, or not the documented shape. */
  | "bad_response"
  /** The user's grant is gone: they must sign in with Wikimedia again. */
  | "reconnect_needed"
  /** A URL outside the allow-list: refused before any connection (docs/security-requirements.md items 9 and 36). */
  | "forbidden_host"
  | "not_found"
  | "invalid_title"
  | "permission_denied"
  | "blocked"
  | "protected"
  | "edit_conflict"
  /** An undo the wiki could not apply: later edits changed the same lines (`undofailure`, §5.4). */
  | "undo_failed"
  /** The page exists already (a create-only write). */
  | "page_exists"
  | "abuse_filter"
  | "captcha"
  /** Any other API error; `message` carries the wiki's own explanation. */
  | "api_error";

export interface BlockDetails {
  id: number | null;
  by: string | null;
  reason: string | null;
  /** ISO timestamp, or "infinite". */
  expiry: string | null;
  partial: boolean;
}

export interface AbuseFilterDetails {
  id: string | null;
  description: string | null;
  /** A warning lets the same edit through when it is submitted again (docs/wikimedia-protocol.md §5.4). */
  warning: boolean;
}

export interface ConflictDetails {
  /** Revision the edit was based on; Wikimedia may omit it (UpdateHandler::getConflictData). */
  baseRevisionId: number | null;
  currentRevisionId: number | null;
}

export interface WikimediaErrorDetails {
  /** The wiki the call went to, e.g. en.wikipedia.org. */
  host?: string;
  status?: number;
  /** Action API error code, or REST `actionModuleErrorCode`. */
  apiCode?: string;
  /** REST `errorKey`. */
  errorKey?: string;
  retryAfterSeconds?: number;
  /** The wiki's own explanation (plaintext), when it gave one. */
  upstreamText?: string;
  block?: BlockDetails;
  abuseFilter?: AbuseFilterDetails;
  conflict?: ConflictDetails;
  /** Overrides the default sentence for the code. */
  message?: string;
  /**
   * Which of the code's situations the overriding sentence describes, so it can be said in the reader's
   * language (lib/i18n/errors.ts `FAILURE_SITUATIONS`).
   */
  detail?: string;
  /** Further values that situation's sentence names (the host and the upstream facts are added from above). */
  params?: FailureParams;
  cause?: unknown;
}

function wiki(host: string | undefined): string {
  return host ?? "the wiki";
}

function wait(seconds: number | undefined): string {
  if (seconds === undefined) return "in a moment";
  if (seconds < 60) return `in ${Math.max(1, Math.ceil(seconds))} second${Math.ceil(seconds) === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `in ${minutes} minute${minutes === 1 ? "" : "s"}`;
}

function blockSentence(host: string | undefined, block: BlockDetails | undefined): string {
  let sentence = `You are blocked from editing ${wiki(host)}`;
  if (block?.by) sentence += ` by ${block.by}`;
  sentence += block?.reason ? `. Reason given: "${block.reason}".` : ".";
  if (block?.expiry && block.expiry !== "infinite" && block.expiry !== "infinity") sentence += ` The block ends ${block.expiry}.`;
  else if (block?.expiry) sentence += " The block does not expire.";
  return `${sentence} You can appeal it on the wiki.`;
}

/** The default sentence for each code (style.md practice 10: a message a user can act on). */
function defaultMessage(code: WikimediaErrorCode, d: WikimediaErrorDetails): string {
  const host = d.host;
  switch (code) {
    case "network":
      return `Wikiport could not connect to ${wiki(host)}. Check back in a moment.`;
    case "timeout":
      return `${host ?? "The wiki"} did not answer in time. Try again in a moment.`;
    case "rate_limited":
      return `Wikimedia asked Wikiport to slow down. Try again ${wait(d.retryAfterSeconds)}.`;
    case "maxlag":
      return `${host ?? "The wiki"} is under heavy load right now. Try again ${wait(d.retryAfterSeconds)}.`;
    case "readonly":
      return `${host ?? "The wiki"} is read-only for maintenance. Try again later; your text was not saved.`;
    case "wikimedia_unavailable":
      return `${host ?? "The wiki"} is having technical problems. Try again in a few minutes.`;
    case "bad_response":
      return `${host ?? "The wiki"} sent an answer Wikiport could not read. Try again; if it keeps happening, tell us.`;
    case "reconnect_needed":
      return "Your Wikimedia connection has ended. Sign in with Wikimedia again to reconnect.";
    case "forbidden_host":
      return "Wikiport only connects to Wikimedia's own wikis, and this address is not one of them.";
    case "not_found":
      return `That page does not exist on ${wiki(host)}. Check the title, or create the page.`;
    case "invalid_title":
      return "That is not a valid page title. Titles cannot contain characters such as # < > [ ] | { }.";
    case "permission_denied":
      return d.upstreamText ?? `You do not have permission to do this on ${wiki(host)}.`;
    case "blocked":
      return blockSentence(host, d.block);
    case "protected":
      return "This page is protected: only some users can edit it. You can suggest your change on its talk page.";
    case "edit_conflict":
      return "Someone else changed this page while you were editing. Review their change, then apply yours again.";
    case "undo_failed":
      return "This edit cannot be undone automatically: later edits changed the same lines. Open the page's editor to change it by hand.";
    case "page_exists":
      return "A page with this title already exists. Open it and edit it instead.";
    case "abuse_filter": {
      const rule = d.abuseFilter?.description ? ` (rule: "${d.abuseFilter.description}")` : "";
      return d.abuseFilter?.warning
        ? `${host ?? "The wiki"}'s abuse filter flagged this edit${rule}. If your edit is constructive, save it again to confirm.`
        : `${host ?? "The wiki"}'s abuse filter stopped this edit${rule}. Change the text, or ask the wiki's administrators.`;
    }
    case "captcha":
      return `${host ?? "The wiki"} wants a CAPTCHA solved before saving this edit (usually because it adds external links). Make this edit on the wiki itself.`;
    case "api_error":
      return d.upstreamText ?? `${host ?? "The wiki"} refused the request.`;
  }
}

const IS_WIKIMEDIA_ERROR: unique symbol = Symbol.for("wikiport.WikimediaError");

export class WikimediaError extends Error {
  /** Recognised by every module runtime's copy of this class: the request layer is one per process (lib/process-wide.ts). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasBrand(value, IS_WIKIMEDIA_ERROR);
  }
  readonly [IS_WIKIMEDIA_ERROR] = true;
  override name = "WikimediaError";
  readonly host: string | undefined;
  readonly status: number | undefined;
  readonly apiCode: string | undefined;
  readonly errorKey: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly upstreamText: string | undefined;
  readonly block: BlockDetails | undefined;
  readonly abuseFilter: AbuseFilterDetails | undefined;
  readonly conflict: ConflictDetails | undefined;
  readonly detail: string | undefined;
  readonly params: FailureParams | undefined;

  constructor(
    readonly code: WikimediaErrorCode,
    details: WikimediaErrorDetails = {},
  ) {
    super(details.message ?? defaultMessage(code, details), details.cause === undefined ? undefined : { cause: details.cause });
    this.host = details.host;
    this.status = details.status;
    this.apiCode = details.apiCode;
    this.errorKey = details.errorKey;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.upstreamText = details.upstreamText;
    this.block = details.block;
    this.abuseFilter = details.abuseFilter;
    this.conflict = details.conflict;
    this.detail = details.detail;
    this.params = details.params;
  }

  /** Whether trying the same request later may work without the user changing anything. */
  get transient(): boolean {
    return ["network", "timeout", "rate_limited", "maxlag", "readonly", "wikimedia_unavailable", "bad_response"].includes(this.code);
  }
}

/**
 * What a caller may show or send to a browser: a code, an English sentence, how long to wait, and the
 * facts the sentence names, so lib/i18n/errors.ts `describeFailure` can say it in the reader's language.
 */
export interface DescribedError {
  code: WikimediaErrorCode | "internal";
  message: string;
  retryAfterSeconds?: number;
  detail?: string;
  params?: FailureParams;
}

function paramsOf(error: WikimediaError): FailureParams | undefined {
  const params: FailureParams = {
    ...error.params,
    ...(error.host !== undefined ? { host: error.host } : {}),
    // Only where the sentence quotes it: an API error's explanation is the wiki's own text.
    ...(error.upstreamText !== undefined && (error.code === "api_error" || error.code === "permission_denied") ? { upstreamText: error.upstreamText } : {}),
    ...(error.block ? { block: { by: error.block.by, reason: error.block.reason, expiry: error.block.expiry } } : {}),
    ...(error.abuseFilter ? { rule: error.abuseFilter.description, warning: error.abuseFilter.warning } : {}),
  };
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * Turns anything thrown by the request layer into a `DescribedError`. The vault's own errors are
 * folded in, and an unexpected error becomes `internal` with a generic sentence, so no stack trace
 * or secret reaches a person.
 */
export function describeWikimediaError(error: unknown): DescribedError {
  const known = asWikimediaError(error);
  if (known) {
    const params = paramsOf(known);
    return {
      code: known.code,
      message: known.message,
      ...(known.retryAfterSeconds !== undefined ? { retryAfterSeconds: known.retryAfterSeconds } : {}),
      ...(known.detail !== undefined ? { detail: known.detail } : {}),
      ...(params ? { params } : {}),
    };
  }
  return { code: "internal", message: "Something went wrong in Wikiport. Try again; if it keeps happening, tell us." };
}

/** The token source's errors (token-errors.ts) as `WikimediaError`s; null for anything else. */
export function asWikimediaError(error: unknown): WikimediaError | null {
  if (error instanceof WikimediaError) return error;
  if (error instanceof ReconnectNeededError) return new WikimediaError("reconnect_needed", { cause: error });
  if (error instanceof WikimediaUnavailableError) {
    return new WikimediaError("wikimedia_unavailable", {
      message: error.message,
      detail: "sign-in-service",
      ...(error.retryAfterMs !== null ? { retryAfterSeconds: Math.ceil(error.retryAfterMs / 1000) } : {}),
      cause: error,
    });
  }
  return null;
}

/**
 * Action API error codes (also REST's `actionModuleErrorCode`) in the taxonomy. Codes follow
 * docs/wikimedia-protocol.md §4 and §5.4; anything else is `api_error` with the wiki's own text.
 */
const API_CODES: Record<string, WikimediaErrorCode> = {
  editconflict: "edit_conflict",
  protectedpage: "protected",
  cascadeprotected: "protected",
  protectedtitle: "protected",
  protectednamespace: "protected",
  "protectednamespace-interface": "protected",
  blocked: "blocked",
  autoblocked: "blocked",
  "mwoauth-invalid-authorization-blocked-user": "blocked",
  permissiondenied: "permission_denied",
  cantcreate: "permission_denied",
  readapidenied: "permission_denied",
  writeapidenied: "permission_denied",
  notloggedin: "permission_denied",
  "mwoauth-invalid-authorization-wrong-wiki": "permission_denied",
  "mwoauth-invalid-authorization-not-approved": "permission_denied",
  ratelimited: "rate_limited",
  maxlag: "maxlag",
  readonly: "readonly",
  // `assert=user` failed: the token no longer acts for the user (docs/wikimedia-protocol.md §5.4).
  assertuserfailed: "reconnect_needed",
  assertnameduserfailed: "reconnect_needed",
  // Still refused after user-token.ts refreshed once and retried once.
  "mwoauth-invalid-authorization": "reconnect_needed",
  "mwoauth-invalid-authorization-invalid-user": "reconnect_needed",
  missingtitle: "not_found",
  nosuchpageid: "not_found",
  nosuchrevid: "not_found",
  invalidtitle: "invalid_title",
  articleexists: "page_exists",
  undofailure: "undo_failed",
};

export function codeForApiError(apiCode: string): WikimediaErrorCode {
  // Own keys only: the code is the wiki's text, and `constructor` must not find Object's.
  if (Object.hasOwn(API_CODES, apiCode)) return API_CODES[apiCode]!;
  if (apiCode.startsWith("abusefilter-")) return "abuse_filter";
  if (apiCode.startsWith("internal_api_error")) return "wikimedia_unavailable";
  return "api_error";
}
