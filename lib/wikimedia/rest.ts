/**
 * The core REST API v1 of a wiki (`/w/rest.php/v1/…`, docs/wikimedia-protocol.md §6): pages, history, search
 * and page writes. Every answer is parsed with zod into typed results; every error envelope becomes a
 * `WikimediaError`. Writes with OAuth carry no CSRF token (core answers 400
 * `rest-extraneous-csrf-token` if they do, §4).
 */
import { z } from "zod";
import { codeForApiError, WikimediaError, type WikimediaErrorCode } from "./errors";
import { parseJsonBody, wikiOf, type Credential, type WikiResponse, type WikimediaHttp } from "./http";
import { siteUrls, type Site } from "./sites";
import { titleSegment } from "./titles";

export interface RestClientOptions {
  http: WikimediaHttp;
}

/** Per call: the deadline (epoch ms) shared by redirects, retries and a token refresh. */
export interface CallOptions {
  deadline?: number;
}

const licenseSchema = z.object({ url: z.string(), title: z.string() });

const pageMetadataSchema = z.object({
  id: z.number().int(),
  key: z.string(),
  title: z.string(),
  latest: z.object({ id: z.number().int(), timestamp: z.string() }),
  content_model: z.string(),
  license: licenseSchema,
  html_url: z.string().optional(),
  redirect_target: z.string().optional(),
});

const pageSourceSchema = pageMetadataSchema.extend({ source: z.string() });
const pageWithHtmlSchema = pageMetadataSchema.extend({ html: z.string() });

const historySchema = z.object({
  revisions: z.array(
    z.object({
      id: z.number().int(),
      timestamp: z.string(),
      minor: z.boolean(),
      size: z.number().int(),
      comment: z.string().nullable(),
      user: z.object({ id: z.number().int().nullable(), name: z.string().nullable() }).nullable(),
      delta: z.number().int().nullable(),
    }),
  ),
  latest: z.string(),
  older: z.string().optional(),
  newer: z.string().optional(),
});

const searchSchema = z.object({
  pages: z.array(
    z.object({
      id: z.number().int(),
      key: z.string(),
      title: z.string(),
      excerpt: z.string().nullable(),
      matched_title: z.string().nullable(),
      description: z.string().nullable(),
      thumbnail: z
        .object({ mimetype: z.string(), width: z.number().nullable(), height: z.number().nullable(), url: z.string() })
        .passthrough()
        .nullable(),
    }),
  ),
});

/**
 * The Attribution API's answer (§6.12): only `essential` is relied on, the rest is best-effort, as its
 * README says of a beta module.
 */
const attributionSchema = z
  .object({
    essential: z
      .object({
        title: z.string(),
        link: z.string(),
        license: licenseSchema,
        /** Set for media files (Commons), not for articles. */
        credit: z.string().optional(),
      })
      .passthrough(),
    source_wiki: z.object({ site_name: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

/** CORE Rest/ErrorFormatter (§6.2): keyed errors, or `message` for exceptions nobody localized. */
const errorEnvelopeSchema = z
  .object({
    errorKey: z.string().optional(),
    messageTranslations: z.record(z.string(), z.string()).optional(),
    message: z.string().optional(),
    httpCode: z.number().optional(),
    actionModuleErrorCode: z.string().optional(),
  })
  .passthrough();

export interface PageMetadata {
  id: number;
  /** Prefixed DB key, e.g. `Solar_System`. */
  key: string;
  title: string;
  latest: { id: number; timestamp: string };
  contentModel: string;
  license: { url: string; title: string };
  /** Title of the wiki redirect that led here, when one was followed. */
  redirectedFrom: string | null;
}

export interface PageSource extends PageMetadata {
  source: string;
}

export interface PageWithHtml extends PageMetadata {
  html: string;
}

export interface AttributionSignals {
  title: string;
  link: string;
  license: { url: string; title: string };
  credit: string | null;
  /** e.g. "English Wikipedia". */
  siteName: string | null;
}

export interface Revision {
  id: number;
  timestamp: string;
  minor: boolean;
  size: number;
  comment: string | null;
  user: { id: number | null; name: string | null } | null;
  delta: number | null;
}

export interface History {
  revisions: Revision[];
  /** Pass as `olderThan` for the next (older) page; null on the last page. */
  olderThan: number | null;
  newerThan: number | null;
}

export interface SearchHit {
  id: number;
  key: string;
  title: string;
  /** HTML with `<span class="searchmatch">`: sanitize before showing. */
  excerpt: string | null;
  matchedTitle: string | null;
  description: string | null;
  thumbnail: { url: string; width: number | null; height: number | null; mimetype: string } | null;
}

export interface PageWrite {
  page: PageSource;
  /** 201 from Wikimedia: the page did not exist before. */
  created: boolean;
}

/** The page title in a `/v1/page/{title}[/…]` URL, with spaces. */
function titleFromUrl(url: URL): string | null {
  const match = /\/rest\.php\/v1\/page\/([^/]+)/.exec(url.pathname);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!).replaceAll("_", " ");
  } catch {
    return null;
  }
}

function parseBody<T>(response: WikiResponse, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(parseJsonBody(response));
  if (!parsed.success) {
    throw new WikimediaError("bad_response", { host: wikiOf(response.url), status: response.status, cause: parsed.error });
  }
  return parsed.data;
}

/** The REST error envelope (§6.2, §6.6) in the taxonomy. */
export function restErrorFrom(response: WikiResponse): WikimediaError {
  const host = wikiOf(response.url);
  const parsed = errorEnvelopeSchema.safeParse(parseJsonBody(response));
  if (!parsed.success) return new WikimediaError("bad_response", { host, status: response.status });
  const envelope = parsed.data;
  const translations = envelope.messageTranslations ?? {};
  const text = translations.en ?? Object.values(translations)[0] ?? envelope.message;
  const errorKey = envelope.errorKey;
  const apiCode = envelope.actionModuleErrorCode;
  const details = {
    host,
    status: response.status,
    ...(errorKey !== undefined ? { errorKey } : {}),
    ...(apiCode !== undefined ? { apiCode } : {}),
    ...(text !== undefined ? { upstreamText: text } : {}),
  };
  const error = (code: WikimediaErrorCode, extra: Partial<ConstructorParameters<typeof WikimediaError>[1]> = {}) =>
    new WikimediaError(code, { ...details, ...extra });

  if (errorKey?.startsWith("mwoauth-")) return error(codeForApiError(errorKey));
  if (apiCode) return error(codeForApiError(apiCode));
  switch (response.status) {
    case 404:
      return error(errorKey === "rest-invalid-title" ? "invalid_title" : "not_found");
    case 409:
      // EditHandler::mapActionModuleResult: a hook's soft failure (ConfirmEdit's CAPTCHA) is a 409 with
      // `rest-edit-conflict`; it is not a conflict in the text and must not be shown as one (§6.6).
      if (errorKey === "rest-edit-conflict") return error("captcha");
      if (errorKey === "rest-update-cannot-create-page" || errorKey === "apierror-articleexists") return error("page_exists");
      // A 409 names no revisions (docs/wikimedia-protocol.md §6.6): the caller reads the page again.
      return error("edit_conflict", { conflict: { baseRevisionId: null, currentRevisionId: null } });
    case 403:
      if (errorKey === "protectedpagetext" || errorKey?.includes("protected")) return error("protected");
      if (errorKey?.startsWith("rest-permission-denied")) return error("permission_denied");
      return error("api_error");
    case 429:
      return error("rate_limited");
    case 400:
      if (errorKey === "apierror-invalidtitle") return error("invalid_title");
      return error("api_error");
    default:
      return error("api_error");
  }
}

export function createRestClient(options: RestClientOptions) {
  const { http } = options;

  function base(site: Site): string {
    return `${siteUrls(site, http.wikiUrlTemplate).rest}/v1`;
  }

  async function get<T>(as: Credential, url: string, schema: z.ZodType<T>, call: CallOptions): Promise<{ data: T; response: WikiResponse }> {
    const response = await http.send(as, { url, ...(call.deadline !== undefined ? { deadline: call.deadline } : {}) });
    if (response.status < 200 || response.status >= 300) throw restErrorFrom(response);
    return { data: parseBody(response, schema), response };
  }

  function metadata(data: z.infer<typeof pageMetadataSchema>, redirectedFrom: string | null): PageMetadata {
    return {
      id: data.id,
      key: data.key,
      title: data.title,
      latest: data.latest,
      contentModel: data.content_model,
      license: data.license,
      redirectedFrom,
    };
  }

  /**
   * Source and bare forms do not redirect: a wiki redirect shows as `redirect_target` (with
   * `redirect=no`, so at most one hop, T389588). Follow it when it stays on the same wiki.
   */
  async function getFollowing<T extends z.infer<typeof pageMetadataSchema>>(
    as: Credential,
    site: Site,
    url: string,
    schema: z.ZodType<T>,
    call: CallOptions & { followRedirect?: boolean },
  ): Promise<{ data: T; redirectedFrom: string | null }> {
    const first = await get(as, url, schema, call);
    const target = first.data.redirect_target;
    if (!target || call.followRedirect === false) return { data: first.data, redirectedFrom: null };
    const targetUrl = new URL(target, first.response.url);
    if (wikiOf(targetUrl) !== site.host) return { data: first.data, redirectedFrom: null };
    const second = await get(as, targetUrl.toString(), schema, call);
    return { data: second.data, redirectedFrom: first.data.title };
  }

  return {
    /** `GET /v1/page/{title}`: metadata and wikitext. */
    async getPageSource(as: Credential, site: Site, title: string, call: CallOptions & { followRedirect?: boolean } = {}): Promise<PageSource> {
      const { data, redirectedFrom } = await getFollowing(as, site, `${base(site)}/page/${titleSegment(title)}`, pageSourceSchema, call);
      return { ...metadata(data, redirectedFrom), source: data.source };
    },

    /** `GET /v1/page/{title}/with_html`: metadata and Parsoid HTML (unsanitized). */
    async getPageWithHtml(as: Credential, site: Site, title: string, call: CallOptions = {}): Promise<PageWithHtml> {
      const { data, response } = await get(as, `${base(site)}/page/${titleSegment(title)}/with_html`, pageWithHtmlSchema, call);
      const wikiRedirect = response.hops.find((hop) => hop.status === 307);
      return { ...metadata(data, wikiRedirect ? titleFromUrl(wikiRedirect.from) : null), html: data.html };
    },

    /** `GET /v1/page/{title}/history`: 20 revisions, newest first (§6.4). */
    async getHistory(
      as: Credential,
      site: Site,
      title: string,
      query: { olderThan?: number; newerThan?: number; filter?: "anonymous" | "bot" | "reverted" | "minor" } & CallOptions = {},
    ): Promise<History> {
      const params = new URLSearchParams();
      if (query.olderThan !== undefined) params.set("older_than", String(query.olderThan));
      if (query.newerThan !== undefined) params.set("newer_than", String(query.newerThan));
      if (query.filter) params.set("filter", query.filter);
      const search = params.toString();
      const url = `${base(site)}/page/${titleSegment(title)}/history${search ? `?${search}` : ""}`;
      const { data } = await get(as, url, historySchema, query);
      const relative = (link: string | undefined, name: string) => {
        const value = link ? new URL(link, "http://x").searchParams.get(name) : null;
        return value !== null && /^\d+$/.test(value) ? Number(value) : null;
      };
      return { revisions: data.revisions, olderThan: relative(data.older, "older_than"), newerThan: relative(data.newer, "newer_than") };
    },

    /**
     * `GET /attribution/v0-beta/pages/{title}/signals` (§6.12): the licence and credit Wikimedia asks
     * reusers to show. A beta route, missing on wikis without the module (a 404 like any unknown path).
     */
    async getAttributionSignals(as: Credential, site: Site, title: string, call: CallOptions = {}): Promise<AttributionSignals> {
      const url = `${siteUrls(site, http.wikiUrlTemplate).rest}/attribution/v0-beta/pages/${titleSegment(title)}/signals`;
      const { data } = await get(as, url, attributionSchema, call);
      return {
        title: data.essential.title,
        link: data.essential.link,
        license: data.essential.license,
        credit: data.essential.credit ?? null,
        siteName: data.source_wiki?.site_name ?? null,
      };
    },

    /** `GET /v1/search/page?q=&limit=` (§6.5). */
    async search(as: Credential, site: Site, q: string, query: { limit?: number } & CallOptions = {}): Promise<SearchHit[]> {
      const params = new URLSearchParams({ q });
      if (query.limit !== undefined) params.set("limit", String(query.limit));
      const { data } = await get(as, `${base(site)}/search/page?${params.toString()}`, searchSchema, query);
      return data.pages.map((hit) => ({
        id: hit.id,
        key: hit.key,
        title: hit.title,
        excerpt: hit.excerpt,
        matchedTitle: hit.matched_title,
        description: hit.description,
        thumbnail: hit.thumbnail
          ? { url: hit.thumbnail.url, width: hit.thumbnail.width, height: hit.thumbnail.height, mimetype: hit.thumbnail.mimetype }
          : null,
      }));
    },

    /**
     * `PUT /v1/page/{title}` (§6.6). With `latestRevisionId` it updates (baserevid + nocreate: a stale
     * base gives `edit_conflict`); without, it can only create (`page_exists` otherwise).
     */
    async putPage(
      as: Credential,
      site: Site,
      title: string,
      edit: { source: string; comment: string; latestRevisionId?: number; contentModel?: string } & CallOptions,
    ): Promise<PageWrite> {
      const body: Record<string, unknown> = { source: edit.source, comment: edit.comment };
      if (edit.latestRevisionId !== undefined) body.latest = { id: edit.latestRevisionId };
      if (edit.contentModel !== undefined) body.content_model = edit.contentModel;
      return write(as, `${base(site)}/page/${titleSegment(title)}`, body, edit);
    },

  };

  async function write(as: Credential, url: string, body: Record<string, unknown>, call: CallOptions): Promise<PageWrite> {
    const response = await http.send(as, {
      url,
      method: "PUT",
      // JSON only, with JSON types enforced: latest.id must be an integer (§6.6).
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      ...(call.deadline !== undefined ? { deadline: call.deadline } : {}),
    });
    if (response.status !== 200 && response.status !== 201) throw restErrorFrom(response);
    const data = parseBody(response, pageSourceSchema);
    return { page: { ...metadata(data, null), source: data.source }, created: response.status === 201 };
  }
}

export type RestClient = ReturnType<typeof createRestClient>;
