/**
 * Groups give rights; OAuth grants narrow them. A token can use a right only if the user has it and one
 * of the token's grants includes it (SessionProvider::getAllowedUserRights). Tables follow MediaWiki
 * core's defaults (DefaultSettings $wgGroupPermissions, GrantsInfo) for the rights the sandbox checks.
 */
const GROUP_RIGHTS: Record<string, readonly string[]> = {
  "*": ["read", "createaccount", "writeapi"],
  user: [
    "read", "edit", "createpage", "createtalk", "writeapi", "minoredit", "applychangetags", "changetags",
    "editmyoptions", "editmywatchlist", "viewmywatchlist", "viewmyprivateinfo", "editmyprivateinfo",
    "purge", "move", "movefile", "upload", "reupload", "sendemail", "editcontentmodel",
  ],
  autoconfirmed: ["autoconfirmed", "editsemiprotected", "skipcaptcha"],
  confirmed: ["autoconfirmed", "editsemiprotected", "skipcaptcha"],
  bot: ["bot", "autoconfirmed", "editsemiprotected", "nominornewtalk", "autopatrol", "apihighlimits", "noratelimit", "skipcaptcha"],
  sysop: [
    "editprotected", "protect", "delete", "undelete", "block", "blockemail", "patrol", "autopatrol",
    "rollback", "editinterface", "ipblock-exempt", "noratelimit", "apihighlimits", "suppressredirect",
    "mergehistory", "import", "deletedhistory", "deletedtext", "editsemiprotected", "autoconfirmed",
    "skipcaptcha", "abusefilter-modify",
  ],
  bureaucrat: ["userrights", "noratelimit"],
};

export const GRANT_RIGHTS: Record<string, readonly string[]> = {
  basic: [
    "read", "writeapi", "autoconfirmed", "autopatrol", "editsemiprotected", "ipblock-exempt",
    "nominornewtalk", "purge", "patrolmarks", "unwatchedpages", "autocreateaccount", "skipcaptcha",
  ],
  highvolume: ["bot", "apihighlimits", "noratelimit", "markbotedits"],
  editpage: ["edit", "minoredit", "applychangetags", "changetags", "editcontentmodel"],
  createeditmovepage: [
    "edit", "minoredit", "applychangetags", "changetags", "editcontentmodel", "createpage", "createtalk",
    "move", "move-rootuserpages", "move-subpages", "move-categorypages", "suppressredirect", "delete-redirect",
  ],
  editprotected: ["edit", "minoredit", "editprotected"],
  editmywatchlist: ["editmywatchlist"],
  viewmywatchlist: ["viewmywatchlist"],
  privateinfo: ["viewmyprivateinfo"],
  editmyoptions: ["editmyoptions"],
  uploadfile: ["upload", "reupload-own"],
  patrol: ["patrol"],
  rollback: ["rollback"],
  delete: ["delete", "deletedhistory", "deletedtext", "undelete"],
  protect: ["protect", "editprotected"],
  blockusers: ["block", "blockemail"],
  sendemail: ["sendemail"],
  oauthmanageownclient: ["mwoauthproposeconsumer", "mwoauthupdateownconsumer"],
  "mwoauth-authonly": [],
  "mwoauth-authonlyprivate": [],
};

/** Every grant name the scope repository knows (ScopeRepository::$allowedScopes). */
export const KNOWN_GRANTS: readonly string[] = ["#default", ...Object.keys(GRANT_RIGHTS)];

/** Effective groups, as the profile endpoint lists them: always `*` and `user` for accounts. */
export function effectiveGroups(groups: readonly string[]): string[] {
  return ["*", "user", ...groups.filter((group) => group !== "*" && group !== "user")];
}

export function rightsOfGroups(groups: readonly string[]): Set<string> {
  const rights = new Set<string>();
  for (const group of effectiveGroups(groups)) for (const right of GROUP_RIGHTS[group] ?? []) rights.add(right);
  return rights;
}

/** Rights a token may use: the user's rights narrowed to what its grants allow. */
export function rightsForGrants(userRights: ReadonlySet<string>, grants: readonly string[]): Set<string> {
  const allowed = new Set<string>();
  for (const grant of grants) for (const right of GRANT_RIGHTS[grant] ?? []) allowed.add(right);
  return new Set([...userRights].filter((right) => allowed.has(right)));
}
