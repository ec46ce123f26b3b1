/**
 * Grant names and the human descriptions the consent dialog and the sandbox pages show (core GrantsInfo
 * messages `grant-*`, EXT `mwoauth-grant-*`).
 */
export const GRANT_DESCRIPTIONS: Record<string, string> = {
  "mwoauth-authonly": "User identity verification only, no ability to read pages or act on a user's behalf.",
  "mwoauth-authonlyprivate": "User identity verification only with access to real name and email address, no ability to read pages or act on a user's behalf.",
  basic: "Basic rights",
  highvolume: "High-volume (bot) access",
  editpage: "Edit existing pages",
  createeditmovepage: "Create, edit, and move pages",
  editprotected: "Edit protected pages",
  editmywatchlist: "Edit your watchlist",
  viewmywatchlist: "View your watchlist",
  privateinfo: "Access private information",
  editmyoptions: "Edit your user preferences and JSON configuration",
  uploadfile: "Upload new files",
  patrol: "Patrol changes to pages",
  rollback: "Rollback changes to pages",
  delete: "Delete pages, revisions, and log entries",
  protect: "Protect and unprotect pages",
  blockusers: "Block and unblock users",
  sendemail: "Send email to other users",
  oauthmanageownclient: "Manage your OAuth clients",
};

export function describeGrant(grant: string): string {
  return GRANT_DESCRIPTIONS[grant] ?? grant;
}

/** Grants that only identify the user (ScopeRepository pseudo-grants). */
export const AUTH_ONLY_GRANTS = ["mwoauth-authonly", "mwoauth-authonlyprivate"] as const;

/** Grants a "specific permissions" consumer can tick; `basic` is hidden and always added. */
export const SELECTABLE_GRANTS = [
  "highvolume", "editpage", "createeditmovepage", "editprotected", "editmywatchlist", "viewmywatchlist",
  "privateinfo", "editmyoptions", "uploadfile", "patrol", "rollback", "delete", "protect", "blockusers",
  "sendemail", "oauthmanageownclient",
] as const;
