/**
 * meta=globaluserinfo (CentralAuth ApiQueryGlobalUserInfo): the global account, and with `guiprop=merged`
 * its attached local accounts: `wiki` (database name), `url` (the wiki's canonical server), the local
 * `id`, `timestamp` and `method` of attachment, `editcount`, `registration`, `groups` when it has any and
 * `blocked` when blocked there (docs/wikimedia-protocol.md §11.2). The sandbox's "canonical server" of a
 * wiki is its base path (`http://127.0.0.1:8787/en.wikipedia.org`), as everywhere else in the sandbox.
 */
import { accountsOf } from "../accounts";
import { activeBlock } from "../auth";
import { isoTimestamp } from "../content/pages";
import type { UserRecord } from "../state";
import type { SandboxStore } from "../store";
import { findWiki } from "../wikis";
import { ApiError } from "./api-error";
import type { Api } from "./context";

function findUser(store: SandboxStore, api: Api): UserRecord | null | "invalid" {
  const id = api.params.int("guiid");
  const name = api.params.get("guiuser") ?? (id === undefined ? (api.viewer.kind === "user" ? api.viewer.user.name : null) : undefined);
  if (name === null) return "invalid";
  if (name === undefined) return store.state.users.find((user) => user.id === id) ?? null;
  const canonical = name.replaceAll("_", " ").trim();
  return store.state.users.find((user) => user.name === canonical) ?? null;
}

/** Edits on one wiki: the sandbox's own revisions there; at home, the seeded count for the rest. */
function editCountOn(store: SandboxStore, user: UserRecord, wiki: string, home: boolean): number {
  const revisions = store.state.revisions.filter((revision) => revision.userId === user.id);
  const here = revisions.filter((revision) => revision.wiki === wiki).length;
  if (!home) return here;
  return Math.max(here, user.editCount - (revisions.length - here));
}

export function metaGlobalUserInfo(api: Api): Record<string, unknown> {
  const store = api.store;
  const props = new Set(api.params.multi("guiprop"));
  const found = findUser(store, api);
  if (found === "invalid") {
    // An anonymous caller without guiuser: its name is an IP address, which is not a user name.
    const address = api.ctx.req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "127.0.0.1";
    throw new ApiError("invaliduser", `Invalid username "${address}".`, {}, "query+globaluserinfo", { key: "apierror-invaliduser", params: [address] });
  }
  if (!found) return { missing: true };
  const user = found;
  const accounts = accountsOf(store, user.id);
  const home = accounts.find((account) => account.method !== "login") ?? accounts[0];
  const info: Record<string, unknown> = {
    home: home ? (findWiki(home.wiki)?.dbname ?? home.wiki) : null,
    id: user.id,
    registration: isoTimestamp(user.registered),
    name: user.name,
  };
  if (props.has("groups")) info.groups = [];
  if (props.has("rights")) info.rights = [];
  if (props.has("merged")) {
    const block = activeBlock(store, user.id);
    info.merged = accounts.map((account) => ({
      wiki: findWiki(account.wiki)?.dbname ?? account.wiki,
      url: `${store.config.publicUrl}/${account.wiki}`,
      id: account.localId,
      timestamp: isoTimestamp(account.attached),
      method: account.method,
      editcount: editCountOn(store, user, account.wiki, account === home),
      registration: isoTimestamp(account.method === "login" ? account.attached : user.registered),
      ...(user.groups.length > 0 ? { groups: user.groups } : {}),
      ...(block ? { blocked: { expiry: block.expiry === null ? "infinity" : isoTimestamp(block.expiry), reason: block.reason } } : {}),
    }));
  }
  if (props.has("unattached")) info.unattached = [];
  if (props.has("editcount")) info.editcount = user.editCount;
  return info;
}
