/** Consumer lookups and who may use a consumer (EXT Consumer::isUsableBy; docs/wikimedia-protocol.md §1.1, §8). */
import type { ClientRecord, UserRecord } from "../state";
import type { SandboxStore } from "../store";

export function findClient(store: SandboxStore, key: string): ClientRecord | undefined {
  return store.state.clients.find((client) => client.key === key);
}

/**
 * Approved consumers serve everyone; a proposed one only its owner; a disabled one nobody. Owner-only
 * consumers never go through the authorize flow (their grant type is client_credentials).
 */
export function usableBy(client: ClientRecord, user: UserRecord): boolean {
  if (client.ownerOnly) return false;
  if (client.stage === "approved") return true;
  return client.stage === "proposed" && client.ownerId === user.id;
}

export function userName(store: SandboxStore, id: number): string {
  return store.state.users.find((user) => user.id === id)?.name ?? `user #${id}`;
}
