import { Suspense } from "react";
import { getWikiAccounts } from "@/lib/account/wiki-accounts-server";
import { When } from "@/lib/ui/dashboard";

/** The wikis where the user's account exists (lib/account/wiki-accounts.ts), listed once Wikimedia answers. */
async function WikiAccountsList({ userId }: { userId: string }) {
  const result = await getWikiAccounts().list(userId);
  if (!result.ok) return <span className="text-cdx-subtle">{result.message}</span>;
  return (
    <div className="flex flex-col gap-1">
      <ul aria-label="Wikis where your account exists" className="flex flex-col">
        {result.accounts.map((account) => (
          <li key={account.host}>
            {account.host}
            <span className="text-sm text-cdx-subtle">
              {account.home ? " — home wiki" : account.automatic ? " — created on first use, " : " — since "}
              {account.home ? null : <When date={account.since} />}
            </span>
          </li>
        ))}
      </ul>
      <p className="text-sm text-cdx-subtle">On any other wiki, Wikimedia creates your account the first time Wikiport acts for you there.</p>
    </div>
  );
}

/**
 * Streamed in after the rest of the dashboard: asking Wikimedia must never hold the page, and a failure
 * is one plain sentence in this row.
 */
export function WikiAccounts({ userId, connected }: { userId: string; connected: boolean }) {
  if (!connected) return <span className="text-cdx-subtle">Shown once Wikiport is connected to your Wikimedia account.</span>;
  return (
    <Suspense fallback={<span className="text-cdx-subtle">Asking Wikimedia…</span>}>
      <WikiAccountsList userId={userId} />
    </Suspense>
  );
}
