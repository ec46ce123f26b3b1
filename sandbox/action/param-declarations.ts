/**
 * What each api.php module accepts, copied from its getAllowedParams() in MediaWiki 1.39 (CORE includes/api/)
 * for the modules the sandbox serves, in the same order (the first invalid parameter is the one reported).
 * Wikimedia's extensions' modules (TextExtracts, PageImages, ShortDescription) from their own sources.
 * param-validator.ts applies these; modules read their values afterwards.
 */
import type { ModuleParams } from "./param-validator";
import { LIMIT_BIG1, LIMIT_BIG2 } from "./param-validator";

const limit = (max = LIMIT_BIG1, max2 = max === LIMIT_BIG1 ? LIMIT_BIG2 : max) => ({ type: "limit", min: 1, max, max2 }) as const;
const flag = { type: "boolean" } as const;
const text = { type: "string" } as const;

/** ApiMain::getAllowedParams (the printer's own, format/formatversion/callback/utf8/ascii, are not here). */
export function mainParams(actions: readonly string[]): ModuleParams {
  return {
    action: { type: actions },
    maxlag: { type: "integer" },
    smaxage: { type: "integer", min: 0 },
    maxage: { type: "integer", min: 0 },
    assert: { type: ["anon", "user", "bot"] },
    assertuser: text,
    requestid: text,
    servedby: flag,
    curtimestamp: flag,
    responselanginfo: flag,
    origin: text,
    uselang: text,
    variant: text,
    errorformat: { type: ["bc", "html", "none", "plaintext", "raw", "wikitext"] },
    errorlang: text,
    errorsuselocal: flag,
  };
}

/** ApiPageSet: the pages a module acts on, for the modules that take a set (query, watch). */
const PAGE_SET_PARAMS: ModuleParams = {
  titles: { type: "string", multi: true },
  pageids: { type: "integer", multi: true },
  revids: { type: "integer", multi: true },
  generator: text,
  redirects: flag,
  converttitles: flag,
};

/** ApiQuery with its ApiPageSet. */
export const QUERY_PARAMS: ModuleParams = {
  indexpageids: flag,
  export: flag,
  exportnowrap: flag,
  exportschema: text,
  iwurl: flag,
  continue: text,
  rawcontinue: flag,
  ...PAGE_SET_PARAMS,
};

const REVISION_PROPS = [
  "ids", "flags", "timestamp", "user", "userid", "size", "slotsize", "sha1", "slotsha1", "contentmodel", "comment",
  "parsedcomment", "content", "tags", "roles", "parsetree",
];

/** Query submodules by name: their prefix and parameters. */
export const QUERY_SUBMODULES: Readonly<Record<string, { prefix: string; params: ModuleParams }>> = {
  info: {
    prefix: "in",
    params: {
      prop: {
        type: ["protection", "talkid", "watched", "watchers", "visitingwatchers", "notificationtimestamp", "subjectid", "associatedpage", "url", "readable", "preload", "displaytitle", "varianttitles", "linkclasses"],
        multi: true,
      },
      linkcontext: text,
      testactions: { type: "string", multi: true },
      testactionsdetail: { type: ["boolean", "full", "quick"] },
      continue: text,
    },
  },
  revisions: {
    prefix: "rv",
    params: {
      prop: { type: REVISION_PROPS, multi: true },
      slots: { type: ["main"], multi: true, all: "*" },
      limit: limit(),
      expandtemplates: flag,
      generatexml: flag,
      parse: flag,
      section: text,
      diffto: text,
      difftotext: text,
      difftotextpst: flag,
      contentformat: text,
      startid: { type: "integer" },
      endid: { type: "integer" },
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      dir: { type: ["newer", "older"] },
      user: text,
      excludeuser: text,
      tag: text,
      continue: text,
    },
  },
  extracts: {
    prefix: "ex",
    params: {
      chars: { type: "integer", min: 1, max: 1200 },
      sentences: { type: "integer", min: 1, max: 10 },
      limit: limit(20),
      intro: flag,
      plaintext: flag,
      sectionformat: { type: ["plain", "wiki", "raw"] },
      continue: { type: "integer" },
    },
  },
  pageimages: {
    prefix: "pi",
    params: {
      prop: { type: ["thumbnail", "name", "original"], multi: true },
      thumbsize: { type: "integer" },
      limit: limit(50),
      license: { type: ["free", "any"] },
      continue: { type: "integer" },
      langcode: text,
    },
  },
  description: {
    prefix: "desc",
    params: {
      continue: { type: "integer" },
      prefersource: { type: ["local", "central"] },
    },
  },
  search: {
    prefix: "sr",
    params: {
      search: { type: "string", required: true },
      namespace: { type: "namespace", multi: true, all: "*" },
      limit: limit(),
      offset: { type: "integer", min: 0 },
      qiprofile: text,
      what: { type: ["title", "text", "nearmatch"] },
      info: { type: ["totalhits", "suggestion", "rewrittenquery"], multi: true },
      prop: {
        type: ["size", "wordcount", "timestamp", "snippet", "titlesnippet", "redirecttitle", "redirectsnippet", "sectiontitle", "sectionsnippet", "isfilematch", "categorysnippet", "score", "hasrelated", "extensiondata"],
        multi: true,
      },
      interwiki: flag,
      enablerewrites: flag,
      sort: text,
    },
  },
  allpages: {
    prefix: "ap",
    params: {
      from: text,
      continue: text,
      to: text,
      prefix: text,
      namespace: { type: "namespace" },
      filterredir: { type: ["all", "redirects", "nonredirects"] },
      minsize: { type: "integer" },
      maxsize: { type: "integer" },
      prtype: { type: ["edit", "move", "upload"], multi: true },
      prlevel: { type: ["", "autoconfirmed", "sysop"], multi: true },
      prfiltercascade: { type: ["cascading", "noncascading", "all"] },
      limit: limit(),
      dir: { type: ["ascending", "descending"] },
      filterlanglinks: { type: ["withlanglinks", "withoutlanglinks", "all"] },
      prexpiry: { type: ["indefinite", "definite", "all"] },
    },
  },
  watchlistraw: {
    prefix: "wr",
    params: {
      continue: text,
      namespace: { type: "namespace", multi: true },
      limit: limit(),
      prop: { type: ["changed"], multi: true },
      show: { type: ["changed", "!changed"], multi: true },
      owner: text,
      token: text,
      dir: { type: ["ascending", "descending"] },
      fromtitle: text,
      totitle: text,
    },
  },
  watchlist: {
    prefix: "wl",
    params: {
      allrev: flag,
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      namespace: { type: "namespace", multi: true },
      user: text,
      excludeuser: text,
      dir: { type: ["newer", "older"] },
      limit: limit(),
      prop: {
        type: ["ids", "title", "flags", "user", "userid", "comment", "parsedcomment", "timestamp", "patrol", "sizes", "notificationtimestamp", "loginfo", "tags", "expiry"],
        multi: true,
      },
      show: {
        type: ["minor", "!minor", "bot", "!bot", "anon", "!anon", "patrolled", "!patrolled", "autopatrolled", "!autopatrolled", "unread", "!unread"],
        multi: true,
      },
      type: { type: ["edit", "new", "log", "external", "categorize"], multi: true },
      owner: text,
      token: text,
      continue: text,
    },
  },
  usercontribs: {
    prefix: "uc",
    params: {
      limit: limit(),
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      continue: text,
      user: { type: "string", multi: true },
      userids: { type: "integer", multi: true },
      userprefix: text,
      iprange: text,
      dir: { type: ["newer", "older"] },
      namespace: { type: "namespace", multi: true },
      prop: { type: ["ids", "title", "timestamp", "comment", "parsedcomment", "size", "sizediff", "flags", "patrolled", "tags"], multi: true },
      show: { type: ["minor", "!minor", "patrolled", "!patrolled", "autopatrolled", "!autopatrolled", "top", "!top", "new", "!new"], multi: true },
      tag: text,
      toponly: flag,
    },
  },
  recentchanges: {
    prefix: "rc",
    params: {
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      dir: { type: ["newer", "older"] },
      namespace: { type: "namespace", multi: true },
      user: text,
      excludeuser: text,
      tag: text,
      prop: { type: ["user", "userid", "comment", "parsedcomment", "flags", "timestamp", "title", "ids", "sizes", "redirect", "patrolled", "loginfo", "tags", "sha1"], multi: true },
      show: {
        type: ["minor", "!minor", "bot", "!bot", "anon", "!anon", "redirect", "!redirect", "patrolled", "!patrolled", "unpatrolled", "autopatrolled", "!autopatrolled"],
        multi: true,
      },
      limit: limit(),
      type: { type: ["edit", "new", "log", "external", "categorize"], multi: true },
      toponly: flag,
      title: text,
      continue: text,
      generaterevisions: flag,
      slot: { type: ["main"] },
    },
  },
  categorymembers: {
    prefix: "cm",
    params: {
      title: text,
      pageid: { type: "integer" },
      prop: { type: ["ids", "title", "sortkey", "sortkeyprefix", "type", "timestamp"], multi: true },
      namespace: { type: "namespace", multi: true },
      type: { type: ["page", "subcat", "file"], multi: true },
      continue: text,
      limit: limit(),
      sort: { type: ["sortkey", "timestamp"] },
      dir: { type: ["asc", "desc", "ascending", "descending", "newer", "older"] },
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      starthexsortkey: text,
      endhexsortkey: text,
      startsortkeyprefix: text,
      endsortkeyprefix: text,
      startsortkey: text,
      endsortkey: text,
    },
  },
  backlinks: {
    prefix: "bl",
    params: {
      title: text,
      pageid: { type: "integer" },
      continue: text,
      namespace: { type: "namespace", multi: true },
      dir: { type: ["ascending", "descending"] },
      filterredir: { type: ["all", "redirects", "nonredirects"] },
      limit: limit(),
      redirect: flag,
    },
  },
  linkshere: {
    prefix: "lh",
    params: {
      prop: { type: ["pageid", "title", "redirect"], multi: true },
      namespace: { type: "namespace", multi: true },
      show: { type: ["redirect", "!redirect"], multi: true },
      limit: limit(),
      continue: text,
    },
  },
  logevents: {
    prefix: "le",
    params: {
      prop: { type: ["ids", "title", "type", "user", "userid", "timestamp", "comment", "parsedcomment", "details", "tags"], multi: true },
      // Core's log types and the Wikimedia extensions' ones the sandbox names ($wgLogTypes).
      type: { type: ["", "abusefilter", "block", "contentmodel", "create", "delete", "gblblock", "gblrights", "globalauth", "import", "managetags", "merge", "move", "newusers", "patrol", "protect", "rights", "suppress", "tag", "upload"] },
      action: text,
      start: { type: "timestamp" },
      end: { type: "timestamp" },
      dir: { type: ["newer", "older"] },
      user: text,
      title: text,
      namespace: { type: "namespace" },
      prefix: text,
      tag: text,
      limit: limit(),
      continue: text,
    },
  },
  tokens: {
    prefix: "",
    params: {
      type: { type: ["createaccount", "csrf", "login", "patrol", "rollback", "userrights", "watch"], multi: true, all: "*" },
    },
  },
  userinfo: {
    prefix: "ui",
    params: {
      prop: {
        type: ["blockinfo", "hasmsg", "groups", "groupmemberships", "implicitgroups", "rights", "changeablegroups", "options", "editcount", "ratelimits", "theoreticalratelimits", "email", "realname", "acceptlang", "registrationdate", "unreadcount", "centralids", "latestcontrib"],
        multi: true,
        all: "*",
      },
      attachedwiki: text,
    },
  },
  // CentralAuth ApiQueryGlobalUserInfo.
  globaluserinfo: {
    prefix: "gui",
    params: {
      user: text,
      id: { type: "integer" },
      prop: { type: ["groups", "rights", "merged", "unattached", "editcount"], multi: true },
    },
  },
  siteinfo: {
    prefix: "si",
    params: {
      prop: {
        type: ["general", "namespaces", "namespacealiases", "specialpagealiases", "magicwords", "interwikimap", "dbrepllag", "statistics", "usergroups", "libraries", "extensions", "fileextensions", "rightsinfo", "restrictions", "languages", "languagevariants", "skins", "extensiontags", "functionhooks", "showhooks", "variables", "protocols", "defaultoptions", "uploaddialog"],
        multi: true,
      },
      filteriw: { type: ["local", "!local"] },
      showalldb: flag,
      numberingroup: flag,
      inlanguagecode: text,
    },
  },
};

/** ApiEditPage (the token, which ApiMain checks after these, is handled by tokens.ts). */
export const EDIT_PARAMS: ModuleParams = {
  title: text,
  pageid: { type: "integer" },
  section: text,
  sectiontitle: text,
  text,
  summary: text,
  tags: { type: "string", multi: true },
  minor: flag,
  notminor: flag,
  bot: flag,
  baserevid: { type: "integer" },
  basetimestamp: { type: "timestamp" },
  starttimestamp: { type: "timestamp" },
  recreate: flag,
  createonly: flag,
  nocreate: flag,
  watch: flag,
  unwatch: flag,
  watchlist: { type: ["watch", "unwatch", "preferences", "nochange"] },
  watchlistexpiry: text,
  md5: text,
  prependtext: text,
  appendtext: text,
  undo: { type: "integer", min: 0 },
  undoafter: { type: "integer", min: 0 },
  redirect: flag,
  contentformat: text,
  contentmodel: text,
  captchaid: text,
  captchaword: text,
};

/** ApiWatch with its page set. */
export const WATCH_PARAMS: ModuleParams = {
  title: text,
  expiry: text,
  unwatch: flag,
  continue: text,
  labels: text,
  ...PAGE_SET_PARAMS,
};

const PARSE_PROPS = [
  "text", "langlinks", "categories", "categorieshtml", "links", "templates", "images", "externallinks", "sections", "revid",
  "displaytitle", "subtitle", "headhtml", "modules", "jsconfigvars", "encodedjsconfigvars", "indicators", "iwlinks",
  "wikitext", "properties", "limitreportdata", "limitreporthtml", "parsetree", "parsewarnings", "parsewarningshtml", "headitems",
];

/** ApiParse. */
export const PARSE_PARAMS: ModuleParams = {
  title: text,
  text,
  revid: { type: "integer" },
  summary: text,
  page: text,
  pageid: { type: "integer" },
  redirects: flag,
  oldid: { type: "integer" },
  prop: { type: PARSE_PROPS, multi: true },
  wrapoutputclass: text,
  parsoid: flag,
  pst: flag,
  onlypst: flag,
  effectivelanglinks: flag,
  section: text,
  sectiontitle: text,
  disablepp: flag,
  disablelimitreport: flag,
  disableeditsection: flag,
  disablestylededuplication: flag,
  showstrategykeys: flag,
  generatexml: flag,
  preview: flag,
  sectionpreview: flag,
  disabletoc: flag,
  useskin: text,
  contenttype: text,
  contentformat: text,
  contentmodel: text,
};

/** ApiLogin (lgpassword and lgtoken must be posted, which modules.ts checks). */
export const LOGIN_PARAMS: ModuleParams = {
  name: text,
  password: text,
  domain: text,
  token: text,
};
