/** meta=tokens, meta=userinfo and meta=siteinfo (CORE ApiQueryTokens, ApiQueryUserInfo, ApiQuerySiteinfo). */
import { localAccount } from "../accounts";
import { activeBlock } from "../auth";
import { blockInfo, MAX_ARTICLE_BYTES } from "../content/edit";
import { isoTimestamp, namespaceName } from "../content/pages";
import { effectiveGroups } from "../rights";
import type { Api } from "./context";
import { contentKey, warn } from "./context";
import { makeToken, TOKEN_SALTS } from "./tokens";
import { userOptions } from "../user-options";

/** A version string of the kind Wikimedia's weekly train deploys. */
export const GENERATOR = "MediaWiki 1.46.0-wmf.14";

/** ApiMain::lacksSameOriginSecurity: JSONP, anonymous CORS or the Treat-as-Untrusted header. */
export function lacksSameOriginSecurity(api: Api): boolean {
  return api.params.raw("origin") === "*" || api.params.raw("callback") !== undefined || api.ctx.req.headers["treat-as-untrusted"] !== undefined;
}

export function metaTokens(api: Api): Record<string, string> | undefined {
  const requested = api.params.multi("type");
  const types = requested.length === 0 ? ["csrf"] : requested;
  const known = types.includes("*") ? Object.keys(TOKEN_SALTS) : types.filter((type) => type in TOKEN_SALTS);
  if (lacksSameOriginSecurity(api)) {
    warn(api, "query+tokens", "tokens-origin", "Tokens may not be obtained when the same-origin policy is not applied.");
    return undefined;
  }
  const tokens: Record<string, string> = {};
  for (const type of known) tokens[`${type}token`] = makeToken(api, type);
  return tokens;
}

const USERINFO_PROPS = [
  "blockinfo", "hasmsg", "groups", "groupmemberships", "implicitgroups", "rights", "changeablegroups", "options",
  "editcount", "ratelimits", "theoreticalratelimits", "email", "realname", "acceptlang", "registrationdate",
  "unreadcount", "centralids", "latestcontrib", "cancreateaccount",
];

export function metaUserInfo(api: Api): Record<string, unknown> {
  const requested = api.params.multi("uiprop");
  const props = new Set(requested.includes("*") ? USERINFO_PROPS : requested);
  const viewer = api.viewer;
  const info: Record<string, unknown> = {};
  if (viewer.kind !== "user") {
    info.id = 0;
    info.name = api.ctx.req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
    info.anon = true;
  } else {
    // The account on this wiki (ApiQueryUserInfo: the local user's id; the central id is under centralids).
    info.id = localAccount(api.store, viewer.user.id, api.wiki.host)?.localId ?? viewer.user.id;
    info.name = viewer.user.name;
  }
  const user = viewer.kind === "user" ? viewer.user : null;
  if (props.has("blockinfo") && user) {
    const block = activeBlock(api.store, user.id);
    if (block) Object.assign(info, blockInfo(block));
  }
  if (props.has("hasmsg")) info.messages = false;
  if (props.has("groups")) info.groups = user ? effectiveGroups(user.groups) : ["*"];
  if (props.has("implicitgroups")) info.implicitgroups = user ? ["*", "user", ...user.groups.filter((g) => g === "autoconfirmed")] : ["*"];
  if (props.has("rights")) info.rights = [...viewer.rights];
  // ApiQueryUserInfo: UserOptionsLookup::getOptions, every preference with the defaults filled in; an
  // anonymous user gets the defaults (docs/wikimedia-protocol.md §5.10).
  if (props.has("options")) info.options = userOptions(api.wiki, user);
  if (props.has("changeablegroups")) info.changeablegroups = { add: [], remove: [], "add-self": [], "remove-self": [] };
  // ApiQueryUserInfo: an anonymous user has made 0 edits, not none.
  if (props.has("editcount")) info.editcount = user ? user.editCount : 0;
  if (props.has("ratelimits")) {
    info.ratelimits = viewer.rights.has("noratelimit") ? {} : viewer.rights.has("autoconfirmed") ? {} : { edit: { newbie: { hits: 8, seconds: 60 } } };
  }
  // ApiQueryUserInfo shows private data only with `viewmyprivateinfo` (the `privateinfo` grant).
  const mayViewPrivate = viewer.rights.has("viewmyprivateinfo");
  if (props.has("realname") && user && mayViewPrivate) info.realname = user.realName;
  if (props.has("email") && user && mayViewPrivate) {
    info.email = user.email;
    if (user.emailConfirmed) info.emailauthenticated = isoTimestamp(user.registered);
  }
  if (props.has("registrationdate") && user) info.registrationdate = isoTimestamp(user.registered);
  if (props.has("centralids") && user) {
    info.centralids = { CentralAuth: user.id, local: info.id };
    info.attachedlocal = { CentralAuth: true, local: true };
  }
  if (props.has("cancreateaccount")) info.cancreateaccount = viewer.kind !== "user";
  return info;
}

interface NamespaceInfo {
  id: number;
  canonical?: string;
  content?: boolean;
}

/** The namespaces content/pages.ts parses; siteinfo must agree with the title parser clients mirror. */
const NAMESPACES: NamespaceInfo[] = [
  { id: -1, canonical: "Special" },
  { id: 0, content: true },
  { id: 1, canonical: "Talk" },
  { id: 2, canonical: "User" },
  { id: 3, canonical: "User talk" },
  { id: 4, canonical: "Project" },
  { id: 5, canonical: "Project talk" },
  { id: 6, canonical: "File" },
  { id: 8, canonical: "MediaWiki" },
  { id: 10, canonical: "Template" },
  { id: 12, canonical: "Help" },
  { id: 14, canonical: "Category" },
];

function siteGeneral(api: Api): Record<string, unknown> {
  const origin = new URL(api.store.config.publicUrl);
  const wikiBase = `/${api.wiki.host}`;
  return {
    mainpage: "Main Page",
    base: `${api.store.config.publicUrl}${wikiBase}/wiki/Main_Page`,
    sitename: api.wiki.siteName,
    mainpageisdomainroot: false,
    // Settings of Wikimedia's production configuration that clients read (ApiQuerySiteinfo::appendGeneralInfo).
    imagewhitelistenabled: true,
    allunicodefixes: false,
    fixarabicunicode: true,
    fixmalayalamunicode: true,
    externallinktarget: false,
    nofollowlinks: true,
    nofollownsexceptions: [],
    nofollowdomainexceptions: ["mediawiki.org"],
    favicon: `//${origin.host}/static/favicon/wikipedia.ico`,
    galleryoptions: { imagesPerRow: 0, imageWidth: 120, imageHeight: 120, captionLength: true, showBytes: true, showDimensions: true, mode: "traditional" },
    imagelimits: { 0: { width: 320, height: 240 }, 1: { width: 640, height: 480 }, 2: { width: 800, height: 600 }, 3: { width: 1024, height: 768 }, 4: { width: 1280, height: 1024 }, 5: { width: 2560, height: 2048 } },
    thumblimits: { 0: 120, 1: 150, 2: 180, 3: 200, 4: 220, 5: 250, 6: 300, 7: 400 },
    logo: `//${origin.host}/static/images/project-logos/${api.wiki.dbname}.png`,
    generator: GENERATOR,
    phpversion: "8.3.26",
    phpsapi: "fpm-fcgi",
    dbtype: "mysql",
    dbversion: "10.11.11-MariaDB-log",
    langconversion: true,
    linkconversion: true,
    titleconversion: true,
    linkprefixcharset: "",
    linkprefix: "",
    linktrail: "/^([a-z]+)(.*)$/sD",
    legaltitlechars: " %!\"$&'()*,\\-.\\/0-9:;=?@A-Z\\\\^_`a-z~\\x80-\\xFF+",
    invalidusernamechars: "@:>=",
    case: "first-letter",
    lang: api.wiki.lang,
    fallback: [],
    rtl: api.wiki.dir === "rtl",
    fallback8bitEncoding: "windows-1252",
    readonly: false,
    writeapi: true,
    maxarticlesize: MAX_ARTICLE_BYTES,
    timezone: "UTC",
    timeoffset: 0,
    articlepath: `${wikiBase}/wiki/$1`,
    scriptpath: api.scriptPath,
    script: `${api.scriptPath}/index.php`,
    variantarticlepath: false,
    // Wikimedia's $wgServer is protocol-relative; clients must resolve it against the API URL.
    server: `//${origin.host}`,
    servername: origin.hostname,
    wikiid: api.wiki.dbname,
    time: isoTimestamp(api.store.now()),
    misermode: true,
    uploadsenabled: true,
    maxuploadsize: 5368709120,
    minuploadchunksize: 1024,
    centralidlookupprovider: "CentralAuth",
    allcentralidlookupproviders: ["central", "local", "CentralAuth"],
    interwikimagic: true,
    magiclinks: { ISBN: false, PMID: false, RFC: false },
    categorycollation: "uca-default-u-kn",
  };
}

function siteNamespaces(api: Api): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const ns of NAMESPACES) {
    out[String(ns.id)] = {
      id: ns.id,
      case: "first-letter",
      [contentKey(api, "name")]: namespaceName(api.wiki, ns.id),
      subpages: ns.id !== 0 && ns.id !== 6 && ns.id !== -1,
      ...(ns.canonical ? { canonical: ns.canonical } : {}),
      content: ns.content ?? false,
      nonincludable: false,
    };
  }
  return out;
}

function siteNamespaceAliases(api: Api): Record<string, unknown>[] {
  const aliases: { id: number; alias: string }[] = [{ id: 6, alias: "Image" }, { id: 7, alias: "Image talk" }, { id: 4, alias: "WP" }];
  if (api.wiki.fileNamespace !== "File") aliases.push({ id: 6, alias: "File" });
  return aliases.map((alias) => ({ id: alias.id, [contentKey(api, "alias")]: alias.alias }));
}

export function metaSiteInfo(api: Api): Record<string, unknown> {
  const requested = api.params.multi("siprop");
  const props = requested.length === 0 ? ["general"] : requested;
  const out: Record<string, unknown> = {};
  for (const prop of props) {
    if (prop === "general") out.general = siteGeneral(api);
    else if (prop === "namespaces") out.namespaces = siteNamespaces(api);
    else if (prop === "namespacealiases") out.namespacealiases = siteNamespaceAliases(api);
    else if (prop === "statistics") {
      const pages = api.store.state.pages.filter((p) => p.wiki === api.wiki.host);
      out.statistics = {
        pages: pages.length,
        articles: pages.filter((p) => p.ns === 0).length,
        edits: api.store.state.revisions.filter((r) => r.wiki === api.wiki.host).length,
        images: 0,
        users: api.store.state.users.length,
        activeusers: api.store.state.users.length,
        admins: api.store.state.users.filter((u) => u.groups.includes("sysop")).length,
        jobs: 0,
      };
    }
  }
  return out;
}
