/**
 * On which wikis the user's Wikimedia account exists: CentralAuth's `meta=globaluserinfo&guiprop=merged`
 * (docs/wikimedia-protocol.md §11.2), asked on Meta-Wiki with the user's token. Meta is the central wiki:
 * Wikiport's grant lives there, so the user has an account there whatever their home wiki (whose name
 * the answer gives). A wiki missing from the list is not a problem: Wikimedia creates the account the
 * first time Wikiport acts for the user there. The answer changes rarely (only on such a first use), so
 * it is kept per user for a while in this process (docs/decisions/025-accounts-across-wikis.md); a
 * failure is not kept, and says what happened without blocking anything else.
 */
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { CACHE_BUDGET, stringBytes, valueBytes } from "@/lib/cache-budget";
import type { Logger } from "@/lib/log";
import type { ActionClient } from "@/lib/wikimedia/action";
import { WikimediaError } from "@/lib/wikimedia/errors";
import type { Credential } from "@/lib/wikimedia/http";
import { META, parseSite } from "@/lib/wikimedia/sites";

export interface WikiAccount {
  /** The wiki's host, e.g. `de.wikipedia.org`. */
  host: string;
  /** The wiki the account was registered on. */
  home: boolean;
  /** Created by Wikimedia on the account's first use there (CentralAuth method `login`). */
  automatic: boolean;
  /** When the account was attached to the global one. */
  since: Date | null;
  editCount: number;
}

export type WikiAccountsErrorCode = "reconnect_needed" | "wikimedia_unavailable";

export type WikiAccounts =
  | { ok: true; accounts: WikiAccount[]; checkedAt: Date }
  | { ok: false; code: WikiAccountsErrorCode; message: string; detail: "wiki-accounts" };

export interface WikiAccountsDeps {
  action: ActionClient;
  asUser(userId: string): Credential;
  log: Logger;
  now?: () => Date;
  /** How long an answer is kept. Default 10 minutes. */
  keepMs?: number;
  /** Bytes of kept answers (lib/cache-budget.ts). */
  keptBytes?: number;
  /** How long the dashboard waits for Wikimedia. Default 5 s: the list is a nicety, not worth a slow page. */
  timeoutMs?: number;
}

const mergedSchema = z.object({
  wiki: z.string(),
  url: z.string(),
  timestamp: z.string().optional(),
  method: z.string().optional(),
  editcount: z.number().int().optional(),
});

const answerSchema = z.object({
  query: z.object({
    globaluserinfo: z.object({
      home: z.string().nullable().optional(),
      missing: z.boolean().optional(),
      merged: z.array(mergedSchema).optional(),
    }),
  }),
});

const MESSAGES: Record<WikiAccountsErrorCode, string> = {
  reconnect_needed: "Wikiport cannot ask Wikimedia about your account until you reconnect.",
  wikimedia_unavailable: "Wikimedia did not say on which wikis your account exists right now. This list will be filled in on a later visit.",
};

/**
 * The host of a merged account's wiki: its canonical server is `https://<host>` on Wikimedia, and the
 * wiki's base path (`http://127.0.0.1:8787/<host>`) in the sandbox.
 */
function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  for (const candidate of [parsed.pathname.split("/")[1] ?? "", parsed.hostname]) {
    const site = parseSite(candidate);
    if (site.ok) return site.site.host;
  }
  return null;
}

function toAccount(row: z.infer<typeof mergedSchema>, home: string | null | undefined): WikiAccount | null {
  const host = hostOf(row.url);
  if (!host) return null;
  const since = row.timestamp ? new Date(row.timestamp) : null;
  return {
    host,
    home: row.wiki === home,
    automatic: row.method === "login",
    since: since && !Number.isNaN(since.getTime()) ? since : null,
    editCount: row.editcount ?? 0,
  };
}

export function createWikiAccounts(deps: WikiAccountsDeps) {
  const now = deps.now ?? (() => new Date());
  const keepMs = deps.keepMs ?? 10 * 60_000;
  const kept = new LRUCache<string, { result: Extract<WikiAccounts, { ok: true }>; until: number }>({
    maxSize: deps.keptBytes ?? CACHE_BUDGET.wikiAccounts,
    sizeCalculation: (entry, key) => 64 + stringBytes(key) + valueBytes(entry.result.accounts),
  });

  const inFlight = new Map<string, Promise<WikiAccounts>>();

  async function ask(userId: string): Promise<WikiAccounts> {
    try {
      const answer = await deps.action.get(
        deps.asUser(userId),
        META,
        { action: "query", meta: "globaluserinfo", guiprop: "merged" },
        answerSchema,
        { deadline: Date.now() + (deps.timeoutMs ?? 5_000) },
      );
      const info = answer.query.globaluserinfo;
      const accounts = (info.merged ?? []).flatMap((row) => toAccount(row, info.home) ?? []);
      // Home first, then by host: a stable order a person can scan.
      accounts.sort((a, b) => Number(b.home) - Number(a.home) || a.host.localeCompare(b.host));
      return { ok: true, accounts, checkedAt: now() };
    } catch (error) {
      // A refused URL is a configuration bug, not Wikimedia's state: let it surface.
      if (!(error instanceof WikimediaError) || error.code === "forbidden_host") throw error;
      const code: WikiAccountsErrorCode = error.code === "reconnect_needed" ? "reconnect_needed" : "wikimedia_unavailable";
      deps.log.warn("account.wiki_accounts_failed", { userId, reason: error.code, status: error.status });
      return { ok: false, code, message: MESSAGES[code], detail: "wiki-accounts" };
    }
  }

  return {
    /** The user's accounts, from the kept answer when there is one. */
    async list(userId: string): Promise<WikiAccounts> {
      const cached = kept.get(userId);
      if (cached && now().getTime() < cached.until) return cached.result;
      // The page and Next's prefetch of it render at once: one question to Wikimedia serves both.
      let asking = inFlight.get(userId);
      if (!asking) {
        asking = ask(userId).finally(() => inFlight.delete(userId));
        inFlight.set(userId, asking);
      }
      const result = await asking;
      if (result.ok) kept.set(userId, { result, until: result.checkedAt.getTime() + keepMs });
      return result;
    },
  };
}

export type WikiAccountsService = ReturnType<typeof createWikiAccounts>;
