/**
 * Scope handling (EXT Authorize::setValidScopes, Repository/ScopeRepository; docs/wikimedia-protocol.md §1.1, §3):
 * names are space-separated; `#default` stands for all the client's grants; a name the repository does
 * not know is `invalid_scope`; a known grant the client did not register is silently dropped.
 */
import { KNOWN_GRANTS } from "../rights";
import type { ClientRecord } from "../state";
import { OAuthProblem } from "./oauth-error";

/** LEAGUE AbstractGrant::convertScopesQueryStringToArray: split on spaces, drop empty names. */
export function splitScopes(raw: string): string[] {
  return raw.trim().split(" ").filter((scope) => scope !== "");
}

/** Throws invalid_scope (optionally redirecting) for an unknown name. */
export function validateKnownScopes(names: string[], redirectUri: string | null = null): void {
  for (const name of names) if (!KNOWN_GRANTS.includes(name)) throw OAuthProblem.invalidScope(name, redirectUri);
}

/** Requested (or `#default`) narrowed to what the client registered, without duplicates. */
export function finalizeScopes(raw: string | null, client: ClientRecord, redirectUri: string | null = null): string[] {
  const names = raw === null || raw.trim() === "" ? ["#default"] : splitScopes(raw);
  validateKnownScopes(names, redirectUri);
  const scopes = new Set<string>();
  for (const name of names) {
    if (name === "#default") client.grants.forEach((grant) => scopes.add(grant));
    else if (client.grants.includes(name)) scopes.add(name);
  }
  return [...scopes];
}
