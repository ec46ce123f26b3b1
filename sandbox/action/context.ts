/** What every api.php module gets: the request, the caller, the output conventions and the warning sink. */
import type { Viewer } from "../auth";
import type { Ctx } from "../http";
import type { SandboxStore } from "../store";
import type { Wiki } from "../wikis";
import type { RawMessage } from "./api-error";
import type { ApiParams } from "./request";

/** ApiMain::setCacheMode: who may keep the answer (private unless the module says otherwise). */
export type CacheMode = "private" | "public" | "anon-public-user-private";

export type ErrorFormat = "bc" | "plaintext" | "wikitext" | "html" | "raw" | "none";

export interface ApiWarning {
  /** The module path ("main", "query+revisions"); errorformat=bc keys warnings by its last part. */
  module: string;
  code: string;
  text: string;
  /** The message key and parameters for errorformat=raw; without it, `apiwarn-<code>` with none. */
  raw?: RawMessage;
  /** ApiMessage data, shown as `data` by the modern formats. */
  data?: Record<string, unknown>;
}

export interface Api {
  ctx: Ctx;
  store: SandboxStore;
  wiki: Wiki;
  params: ApiParams;
  viewer: Viewer;
  /** formatversion=2: real booleans, named content keys, arrays for page lists. */
  fv2: boolean;
  errorFormat: ErrorFormat;
  warnings: ApiWarning[];
  /** Extra response headers, e.g. Set-Cookie from action=login. */
  headers: Record<string, string | string[]>;
  /** `/en.wikipedia.org/w`, the wiki's $wgScriptPath in the sandbox. */
  scriptPath: string;
  cacheMode: CacheMode;
  /** The `maxage` that applies: the parameter for read modules, 0 for write modules (ApiMain::sendCacheHeaders). */
  cacheMaxAge: number;
}

const API_ANNOUNCE =
  "Subscribe to the mediawiki-api-announce mailing list at <https://lists.wikimedia.org/postorius/lists/mediawiki-api-announce.lists.wikimedia.org/> for notice of API deprecations and breaking changes.";

export function warn(api: Api, module: string, code: string, text: string, extra: { raw?: RawMessage; data?: Record<string, unknown> } = {}): void {
  // ApiBase::addDeprecation also adds, once per request, a main-module pointer to the announce list.
  if (code === "deprecation" && !api.warnings.some((w) => w.module === "main" && w.code === "apiwarn-deprecation-announce")) {
    api.warnings.unshift({ module: "main", code: "apiwarn-deprecation-announce", text: API_ANNOUNCE });
  }
  // ApiErrorFormatter::addWarningOrError adds the same warning only once.
  if (api.warnings.some((w) => w.module === module && w.code === code && w.text === text)) return;
  api.warnings.push({ module, code, text, ...extra });
}

/** The name a value is stored under in formatversion=1 (`*`) or 2 (a real key). */
export function contentKey(api: Api, fv2Name: string): string {
  return api.fv2 ? fv2Name : "*";
}
