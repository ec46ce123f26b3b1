import type { Metadata } from "next";
import Link from "next/link";
import {
  checkConnectionAction,
  deleteAccountAction,
  disconnectAction,
  signOutEverywhereAction,
} from "./actions";
import { revokeApiTokenAction } from "./actions";
import { currentSessionToken } from "@/lib/account/current-session";
import { dashboardNotice } from "@/lib/account/notices";
import { listSessions } from "@/lib/account/sessions";
import { listApiTokens } from "@/lib/api-tokens";
import { ApiTokenForm } from "./api-token-form";
import { WikiAccounts } from "./wiki-accounts";
import { describeAudit, describeAuditResult, recentAudit, undoable } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { getVault } from "@/lib/grants";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import { Message, Row, Section, When } from "@/lib/ui/dashboard";
import { SignInButton } from "@/app/_components/sign-in-button";
import { diffUrl, META, pageUrl, parseSite } from "@/lib/wikimedia/sites";
import { UndoButton } from "./undo-button";
import { wikiHref } from "@/lib/ui/wiki/address";

export const metadata: Metadata = { title: "Dashboard" };

const STATUS_TEXT = {
  active: "Connected",
  reconnect_needed: "Reconnect needed",
  revoked: "Disconnected",
} as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const notice = dashboardNotice((await searchParams).notice);
  const config = getConfig();
  // Wikiport's own page among the user's apps, where Revoke is (docs/wikimedia-protocol.md §11.1).
  const manageGrantsUrl = pageUrl(META, config.wikimedia.wikiUrlTemplate, `Special:OAuthManageMyGrants/manage/${config.wikimedia.clientId}`);
  const profile = await getWikimediaProfile(getDb(), user.id);
  const grant = await getVault().describe(user.id);
  const connected = grant?.status === "active";
  // "*" is the group of everyone, which says nothing about this user.
  const groups = profile?.groups.filter((group) => group !== "*") ?? [];
  const username = profile?.username ?? user.name;
  const activity = await recentAudit(getDb(), user.id);
  const apiTokens = await listApiTokens(getDb(), user.id);
  const sessions = await listSessions(getDb(), user.id, await currentSessionToken());

  return (
    <DashboardShell user={user} current="/dashboard" title="Your Wikiport">

      {notice ? <Message tone={notice.tone}>{notice.text}</Message> : null}

      {!connected ? (
        <Message tone="error" title="Reconnect to Wikimedia">
          <p>
            {grant?.status === "revoked"
              ? "You disconnected Wikiport from your Wikimedia account, so it cannot act for you."
              : "Wikiport can no longer act for you on Wikimedia: the access you gave it was revoked or has expired."}{" "}
            Reconnecting asks Wikimedia for a new authorization.
          </p>
          <SignInButton label="Reconnect to Wikimedia" />
        </Message>
      ) : null}

      {profile?.blocked ? (
        <Message tone="warning" title="Your Wikimedia account is blocked">
          <p>
            You can still read through Wikiport, but Wikimedia will refuse edits made for you until the block ends.
            The block&apos;s reason and length are shown on your contributions page on Wikimedia.
          </p>
        </Message>
      ) : null}

      <Section id="wikimedia-account" title="Your Wikimedia account">
        {profile ? (
          <dl>
            <Row term="Username">{profile.username}</Row>
            <Row term="Groups">{groups.length > 0 ? groups.join(", ") : "none"}</Row>
            <Row term="Edit count">{profile.editCount.toLocaleString("en")}</Row>
            <Row term="Blocked">{profile.blocked ? "Yes" : "No"}</Row>
            <Row term="Registered">
              <When date={profile.registeredAt} />
            </Row>
            <Row term="Grants held">{profile.grants.length > 0 ? profile.grants.join(", ") : "none"}</Row>
            <Row term="Accounts on wikis">
              <WikiAccounts userId={user.id} connected={connected} />
            </Row>
          </dl>
        ) : (
          <p className="text-cdx-subtle">Wikimedia has not told Wikiport about your account yet. Sign in again to fetch it.</p>
        )}
      </Section>

      <Section id="wikimedia-connection" title="Connection to Wikimedia">
        <dl>
          <Row term="Status">{grant ? STATUS_TEXT[grant.status] : "Not connected"}</Row>
          {grant ? (
            <>
              <Row term="Access token expires">
                <When date={grant.accessExpiresAt} />
              </Row>
              <Row term="Last refresh">
                <When date={grant.lastRefreshAt} />
              </Row>
              <Row term="Refresh token expires">
                {/* Wikimedia's refresh tokens last a year; after that only signing in again reconnects. */}
                <When date={grant.refreshExpiresAt} />
              </Row>
            </>
          ) : null}
        </dl>
        {connected ? (
          <div className="flex flex-wrap gap-3">
            <form action={checkConnectionAction}>
              <button type="submit" className="cdx-button">
                Check connection
              </button>
            </form>
            <form action={disconnectAction}>
              <button type="submit" className="cdx-button">
                Disconnect
              </button>
            </form>
          </div>
        ) : null}
        <p className="text-sm text-cdx-subtle">
          Disconnecting deletes the tokens Wikiport holds for you. Wikimedia has no way for an app to revoke its own
          access, so to remove Wikiport from your authorized apps as well, use{" "}
          <a href={manageGrantsUrl}>Manage my grants on Meta-Wiki</a>.
        </p>
      </Section>

      <Section id="activity" title="Recent activity">
        {activity.length === 0 ? (
          <p className="text-cdx-subtle">Nothing yet. Edits and watchlist changes made through Wikiport will be listed here.</p>
        ) : (
          <ol className="flex flex-col divide-y divide-cdx-border-muted">
            {activity.map((event) => {
              const site = event.wiki ? parseSite(event.wiki) : null;
              return (
                <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
                  <span>
                    {site?.ok && event.title ? (
                      <a href={wikiHref(site.site, event.title)}>{describeAudit(event)}</a>
                    ) : (
                      describeAudit(event)
                    )}
                    {event.revisionId ? <span className="text-cdx-subtle"> (revision {event.revisionId})</span> : null}
                    <span className={event.result === "ok" ? "text-cdx-success" : "text-cdx-error"}> — {describeAuditResult(event.result)}</span>
                  </span>
                  <span className="flex flex-wrap items-baseline gap-3 text-sm">
                    {site?.ok && event.revisionId && event.result === "ok" ? (
                      <a
                        href={diffUrl(site.site, config.wikimedia.wikiUrlTemplate, event.revisionId)}
                        rel="noopener noreferrer"
                        aria-label={`Diff of revision ${event.revisionId} on ${site.site.host}`}
                      >
                        Diff
                      </a>
                    ) : null}
                    {site?.ok && undoable(event) ? (
                      <UndoButton eventId={event.id} what={describeAudit(event)} editHref={wikiHref(site.site, event.title!, "edit")} />
                    ) : null}
                    <span className="text-cdx-subtle">
                      <When date={event.createdAt} />
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section id="api-tokens" title="Tokens for Wikiport's API">
        <p className="text-sm text-cdx-subtle">
          Scripts can call Wikiport&apos;s JSON API with these tokens; Wikiport then acts with your Wikimedia
          connection, so a script never handles OAuth itself. Each token is shown once, when you create it.{" "}
          <Link href="/dashboard/api">How to call the API</Link>
        </p>
        <ApiTokenForm />
        {apiTokens.length > 0 ? (
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API tokens</caption>
            <thead>
              <tr className="text-cdx-subtle">
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                <th scope="col">Scopes</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {apiTokens.map((token) => (
                <tr key={token.id} className="border-t border-cdx-border-muted">
                  <td className="py-1">{token.name}</td>
                  <td className="font-mono">wkp_…{token.lastFour}</td>
                  <td>{token.scopes.join(", ")}</td>
                  <td>{token.status === "revoked" ? "revoked" : token.expiresAt ? <When date={token.expiresAt} /> : "never"}</td>
                  <td>
                    <When date={token.lastUsedAt} />
                  </td>
                  <td>
                    {token.status === "active" ? (
                      <form action={revokeApiTokenAction}>
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="cdx-button" aria-label={`Revoke ${token.name}`}>
                          Revoke
                        </button>
                      </form>
                    ) : (
                      token.status
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>

      <Section id="sessions" title="Your sessions">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your Wikiport sessions</caption>
          <thead>
            <tr className="text-cdx-subtle">
              <th scope="col">Session</th>
              <th scope="col">Signed in or renewed</th>
              <th scope="col">Expires</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.label} className="border-t border-cdx-border-muted">
                <td className="py-1">
                  <span className="font-mono">{session.label}</span>
                  {session.current ? <strong> (this session)</strong> : null}
                </td>
                <td>
                  <When date={session.renewedAt} />
                </td>
                <td>
                  <When date={session.expiresAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-cdx-subtle">
          Each session is a browser signed in to Wikiport, shown by a short label that is not its secret.
          Wikiport renews a session you use at most once a day.
        </p>
        <p>Signed in on another device you no longer use? End every Wikiport session at once, including this one.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="cdx-button">
            Sign out everywhere
          </button>
        </form>
      </Section>

      <Section id="delete-account" title="Delete your Wikiport account">
        <p>
          This deletes everything Wikiport holds for you: your sessions, the tokens for your Wikimedia account and
          what Wikiport knows about it. Your Wikimedia account itself is not touched.
        </p>
        <form action={deleteAccountAction} className="flex flex-col gap-2">
          <label htmlFor="delete-confirmation">
            Type your Wikimedia username, <strong>{username}</strong>, to confirm
          </label>
          <input
            id="delete-confirmation"
            name="confirmation"
            autoComplete="off"
            required
            className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
          />
          <div>
            <button type="submit" className="cdx-button border-cdx-border-error text-cdx-destructive">
              Delete my Wikiport account
            </button>
          </div>
        </form>
      </Section>
    </DashboardShell>
  );
}
