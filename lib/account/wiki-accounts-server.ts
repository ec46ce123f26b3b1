/** The process's list of users' wikis (wiki-accounts.ts), asked through the process's one request layer. */
import "server-only";
import { log } from "@/lib/log";
import { processWide } from "@/lib/process-wide";
import { getWikimedia } from "@/lib/wiring";
import { createWikiAccounts, type WikiAccountsService } from "./wiki-accounts";

/** One per process (lib/process-wide.ts), so every page runtime shares the kept answers. */
export function getWikiAccounts(): WikiAccountsService {
  return processWide("wiki-accounts", () => {
    const wikimedia = getWikimedia();
    return createWikiAccounts({ action: wikimedia.action, asUser: (userId) => wikimedia.asUser(userId), log });
  });
}
