import { Suspense } from "react";
import { getWikiAccounts } from "@/lib/account/wiki-accounts-server";
import { describeFailure } from "@/lib/i18n/errors";
import { Message } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";
import { When } from "@/lib/ui/dashboard";

/** The wikis where the user's account exists (lib/account/wiki-accounts.ts), listed once Wikimedia answers. */
async function WikiAccountsList({ t, userId }: { t: Translator; userId: string }) {
  const result = await getWikiAccounts().list(userId);
  if (!result.ok) return <span className="text-cdx-subtle">{describeFailure(t, result)}</span>;
  return (
    <div className="flex flex-col gap-1">
      <ul aria-label={t.msg("wikiport-accounts-list-label")} className="flex flex-col">
        {result.accounts.map((account) => (
          <li key={account.host}>
            <bdi>{account.host}</bdi>
            <span className="text-sm text-cdx-subtle">
              {" — "}
              {account.home ? (
                t.msg("wikiport-accounts-home")
              ) : (
                <Message
                  t={t}
                  k={account.automatic ? "wikiport-accounts-created-on-first-use" : "wikiport-accounts-since"}
                  elements={[<When key="since" t={t} date={account.since} />]}
                />
              )}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-cdx-subtle">{t.msg("wikiport-accounts-other-wikis")}</p>
    </div>
  );
}

/**
 * Streamed in after the rest of the dashboard: asking Wikimedia must never hold the page, and a failure
 * is one plain sentence in this row.
 */
export function WikiAccounts({ t, userId, connected }: { t: Translator; userId: string; connected: boolean }) {
  if (!connected) return <span className="text-cdx-subtle">{t.msg("wikiport-accounts-not-connected")}</span>;
  return (
    <Suspense fallback={<span className="text-cdx-subtle">{t.msg("wikiport-accounts-loading")}</span>}>
      <WikiAccountsList t={t} userId={userId} />
    </Suspense>
  );
}
