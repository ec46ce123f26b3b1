/**
 * From a request for a card to its complete answer: rate limit, options, wiki and title, the card's data
 * (through the server cache), then the HTML with its own headers, or a message card with the right status
 * (400/404/429/502/503) — never an error page or a stack trace. No cookie is read and none is needed: the
 * card is public article text read with Wikiport's app token. The wiring to this process (configuration,
 * database, request layer) is in server.ts; tests pass their own dependencies.
 */
import { createHash } from "node:crypto";
import { clientAddress } from "@/lib/security/client-address";
import type { Logger } from "@/lib/log";
import type { RateLimiter } from "@/lib/rate-limit";
import type { DescribedError } from "@/lib/wikimedia/errors";
import { parsePageAddress } from "@/lib/wikimedia/address";
import { parseSite, type Site } from "@/lib/wikimedia/sites";
import type { CardCache } from "./cache";
import { cardHeaders, safeOrigins, type Framing } from "./csp";
import { isWellFormedEmbedId } from "./embed-id";
import { CARD_CSS_HASH } from "./styles";
import { FRAME_SCRIPT_HASH } from "./frame-script";
import type { Translator } from "@/lib/i18n/translate";
import type { CardErrorKind, CardMessageValues } from "./messages";
import { CARD_LANGUAGES, cardTranslator, DEFAULT_OPTIONS, followsReader, parseCardOptions, storedCardOptions, type CardOptions } from "./options";
import { renderCard, renderMessage, type CardEmbed } from "./render";

/** What a registered widget's row must provide (lib/widget/registry.ts's `Widget`). */
export interface RegisteredWidget {
  id: string;
  wiki: string;
  title: string;
  allowedOrigins: string[];
  options: { theme?: unknown; layout?: unknown; lang?: unknown };
  watchButton: boolean;
  updatedAt: Date;
}

export interface CardResponder {
  cache: CardCache;
  /** Wikiport's origin (WIKIPORT_URL). */
  appOrigin: string;
  /** Where thumbnails may come from (lib/articles/media.ts). */
  mediaPrefix: string;
  limiter: RateLimiter;
  /** WIKIPORT_TRUSTED_PROXY_HOPS: which X-Forwarded-For entry is the client's (lib/security/client-address.ts). */
  trustedProxyHops: number;
  getWidget(id: string): Promise<RegisteredWidget | null>;
  log?: Pick<Logger, "warn">;
}

/** Public cards may be kept by browsers and CDNs for a while, then served stale while they revalidate. */
export const PUBLIC_CACHE_CONTROL = "public, max-age=300, stale-while-revalidate=86400";
/**
 * A registered widget is revalidated on every view (cheap: a 304 on a matching ETag), so a change to its
 * allow-list, or its deletion, takes effect at once: `frame-ancestors` is a security control.
 */
export const REGISTERED_CACHE_CONTROL = "no-cache";
/** Changes whenever the card's markup, style or script changes, so old ETags stop matching after a deploy. */
const RENDER_VERSION = createHash("sha256").update(`3\n${CARD_CSS_HASH}\n${FRAME_SCRIPT_HASH}`).digest("base64url").slice(0, 12);


/** The `lang` option of a query whose options may be wrong as a whole, so a message card still speaks it. */
function languageOf(query: URLSearchParams): CardOptions["lang"] {
  const lang = query.get("lang");
  return CARD_LANGUAGES.find((code) => code === lang) ?? DEFAULT_OPTIONS.lang;
}

/** A card's language and whether it came from the request's `Accept-Language` (then caches must vary on it). */
interface CardWords {
  t: Translator;
  vary: boolean;
}

function wordsFor(options: CardOptions, request: { headers: Pick<Headers, "get"> } | string | null): CardWords {
  const acceptLanguage = typeof request === "string" || request === null ? request : request.headers.get("accept-language");
  return { t: cardTranslator(options.lang, acceptLanguage), vary: followsReader(options.lang) };
}

function languageHeaders(words: CardWords): Record<string, string> {
  return { "Content-Language": words.t.language, ...(words.vary ? { Vary: "Accept-Language" } : {}) };
}

function etagOf(parts: readonly (string | number)[]): string {
  return `"${createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 27)}"`;
}

/** RFC 9110 If-None-Match: a list of (possibly weak) tags, or `*`. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((candidate) => {
    const tag = candidate.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}

const UNAVAILABLE = new Set(["network", "timeout", "wikimedia_unavailable", "rate_limited", "maxlag", "readonly", "reconnect_needed"]);

/** An upstream failure as a message kind and status: the wiki's trouble is 502/503, never 500. */
export function failureOf(error: DescribedError): { kind: CardErrorKind; status: number } {
  if (error.code === "not_found") return { kind: "not_found", status: 404 };
  if (error.code === "invalid_title") return { kind: "invalid_title", status: 400 };
  if (error.code === "forbidden_host") return { kind: "unknown_wiki", status: 404 };
  if (UNAVAILABLE.has(error.code)) return { kind: "unavailable", status: 503 };
  return { kind: "upstream", status: 502 };
}

type MessageExtra = { values?: CardMessageValues; retryAfter?: number; embed?: CardEmbed };

function messageCard(
  where: Pick<CardResponder, "appOrigin" | "mediaPrefix">,
  status: number,
  kind: CardErrorKind,
  options: CardOptions,
  words: CardWords,
  framing: Framing,
  extra: MessageExtra = {},
): Response {
  const html = renderMessage({
    kind,
    options,
    t: words.t,
    appOrigin: where.appOrigin,
    ...(extra.values ? { values: extra.values } : {}),
    ...(extra.embed ? { embed: extra.embed } : {}),
  });
  const headers: Record<string, string> = {
    ...cardHeaders({ mediaPrefix: where.mediaPrefix, framing }),
    ...languageHeaders(words),
    // A wrong address stays wrong for a while; trouble upstream or a rate limit must not be cached.
    "Cache-Control": status === 400 || status === 404 ? "public, max-age=60" : "no-store",
  };
  if (extra.retryAfter !== undefined) headers["Retry-After"] = String(extra.retryAfter);
  return new Response(html, { status, headers });
}

/**
 * The card for an `/embed/` address whose percent-encoding is broken. Next.js cannot route such a path
 * (it answers a bare 500), so proxy.ts answers with this before it tries, in the card's own style.
 */
export function badAddressCard(where: Pick<CardResponder, "appOrigin" | "mediaPrefix">, url: URL, acceptLanguage: string | null): Response {
  // Framed like the card the address was meant to be: a public card anywhere, so the embedding page
  // shows why; a registered widget's nowhere, as for any unknown embed id.
  const framing: Framing = url.pathname.startsWith("/embed/w/") ? { kind: "none" } : { kind: "any" };
  const options = { ...DEFAULT_OPTIONS, lang: languageOf(url.searchParams) };
  return messageCard(where, 400, "bad_address", options, wordsFor(options, acceptLanguage), framing);
}

export function createCardResponder(deps: CardResponder) {
  function message(request: Request, status: number, kind: CardErrorKind, options: CardOptions, framing: Framing, extra: MessageExtra = {}): Response {
    return messageCard(deps, status, kind, options, wordsFor(options, request), framing, extra);
  }

  /** The reader's address once the embed limit lets it through, or the 429 card. */
  async function limited(request: Request, options: CardOptions, framing: Framing): Promise<{ reader: string } | { refusal: Response }> {
    const reader = clientAddress(request.headers, deps.trustedProxyHops);
    const decision = await deps.limiter.take(`embed:${reader}`);
    if (decision.ok) return { reader };
    return {
      refusal: message(request, 429, "rate_limited", options, framing, { values: { seconds: decision.retryAfterSeconds }, retryAfter: decision.retryAfterSeconds }),
    };
  }

  async function card(
    request: Request,
    input: { site: Site; title: string; reader: string; options: CardOptions; framing: Framing; cacheControl: string; embed?: CardEmbed; version: string },
  ): Promise<Response> {
    const words = wordsFor(input.options, request);
    // Queued under the reader's address, like that reader's article pages: a card takes turns with one
    // client's flood of page reads instead of waiting behind it (docs/decisions/019-fair-reading.md).
    const result = await deps.cache.summary(input.site, input.title, input.reader);
    if (!result.ok) {
      const failure = failureOf(result.error);
      if (failure.status >= 500) deps.log?.warn("widget.upstream_failed", { wiki: input.site.host, code: result.error.code });
      return message(request, failure.status, failure.kind, input.options, input.framing, {
        values: { wiki: input.site.host, title: input.title.replaceAll("_", " ") },
        ...(failure.status === 503 && result.error.retryAfterSeconds !== undefined ? { retryAfter: result.error.retryAfterSeconds } : {}),
        ...(input.embed ? { embed: input.embed } : {}),
      });
    }
    const summary = result.value;
    const { theme, layout } = input.options;
    // The language the card is said in, not the option: two readers of an `auto` card are two renderings.
    const language = words.t.language;
    const etag = etagOf([RENDER_VERSION, deps.appOrigin, input.site.host, summary.revisionId, theme, layout, language, input.version]);
    const headers = {
      ...cardHeaders({ mediaPrefix: deps.mediaPrefix, framing: input.framing }),
      ...languageHeaders(words),
      "Cache-Control": input.cacheControl,
      ETag: etag,
    };
    if (matchesEtag(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const html = deps.cache.rendered(`${input.site.host}\n${summary.revisionId}\n${theme}\n${layout}\n${language}\n${input.version}`, () =>
      renderCard({ site: input.site, summary, options: input.options, t: words.t, appOrigin: deps.appOrigin, ...(input.embed ? { embed: input.embed } : {}) }),
    );
    return new Response(request.method === "HEAD" ? null : html, { status: 200, headers });
  }

  return {
    /** `/embed/<site>/<title>?theme=&layout=&lang=`: framable anywhere (see csp.ts). */
    async publicCard(request: Request, site: string, titleSegments: readonly string[]): Promise<Response> {
      const framing: Framing = { kind: "any" };
      const query = new URL(request.url).searchParams;
      const fallback: CardOptions = { ...DEFAULT_OPTIONS, lang: languageOf(query) };
      const admitted = await limited(request, fallback, framing);
      if ("refusal" in admitted) return admitted.refusal;
      const parsed = parseCardOptions(query);
      if (!parsed.ok) return message(request, 400, "bad_option", fallback, framing, { values: { option: parsed.error.option } });
      const options = parsed.options;
      // Next.js has decoded the params once already; a path it could not decode never gets here (proxy.ts).
      const page = parsePageAddress(site, titleSegments);
      if (!page.ok && page.error.code === "invalid_site") {
        return message(request, 404, "unknown_wiki", options, framing, { values: { failure: page.error } });
      }
      if (!page.ok) {
        return message(request, 400, "invalid_title", options, framing, { values: { wiki: site, title: titleSegments.join("/").slice(0, 100) } });
      }
      const { address } = page;
      return card(request, {
        site: address.site,
        title: address.title.dbKey,
        reader: admitted.reader,
        options,
        framing,
        cacheControl: PUBLIC_CACHE_CONTROL,
        version: "public",
      });
    },

    /**
     * `/embed/w/<embedId>`: wiki, title, options and Watch button from the widget's row; framable only by
     * its allowed origins. Query parameters are ignored: the owner's choices are not the embedder's to change.
     */
    async registeredCard(request: Request, embedId: string): Promise<Response> {
      const unknown: Framing = { kind: "none" };
      const admitted = await limited(request, DEFAULT_OPTIONS, unknown);
      if ("refusal" in admitted) return admitted.refusal;
      const widget = isWellFormedEmbedId(embedId) ? await deps.getWidget(embedId) : null;
      if (!widget) return message(request, 404, "unknown_widget", DEFAULT_OPTIONS, unknown);
      const framing: Framing = { kind: "origins", origins: widget.allowedOrigins };
      const options = storedCardOptions(widget.options);
      // The card's script posts to these origins: the same re-checked list as the header, never a stored value as is.
      const embed: CardEmbed = { id: widget.id, allowedOrigins: safeOrigins(widget.allowedOrigins), watchButton: widget.watchButton };
      const site = parseSite(widget.wiki);
      if (!site.ok) return message(request, 404, "unknown_wiki", options, framing, { values: { failure: site.error }, embed });
      return card(request, {
        site: site.site,
        title: widget.title,
        reader: admitted.reader,
        options,
        framing,
        cacheControl: REGISTERED_CACHE_CONTROL,
        embed,
        version: `w:${widget.id}:${widget.updatedAt.getTime()}:${widget.watchButton ? 1 : 0}:${widget.allowedOrigins.join(" ")}`,
      });
    },
  };
}

export type CardResponderApi = ReturnType<typeof createCardResponder>;
