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
import { DASHBOARD_NOTICES, type DashboardNotice } from "@/lib/account/notices";
import { listSessions } from "@/lib/account/sessions";
import { listApiTokens } from "@/lib/api-tokens";
import { ApiTokenForm } from "./api-token-form";
import { WikiAccounts } from "./wiki-accounts";
import { recentAudit, undoable } from "@/lib/audit";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { getVault } from "@/lib/grants";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import { Message as I18nMessage } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import { ActivityLine, activityResult, activityText } from "@/lib/ui/activity";
import { Message, Row, Section, When } from "@/lib/ui/dashboard";
import { dashboardNoticeText } from "@/lib/ui/dashboard-notices";
import { SignInButton } from "@/app/_components/sign-in-button";
import { diffUrl, META, pageUrl, parseSite } from "@/lib/wikimedia/sites";
import { UndoButton } from "./undo-button";
import { wikiHref } from "@/lib/ui/wiki/address";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-dashboard-page-title") };
}

const STATUS_KEYS = {
  active: "wikiport-dashboard-status-active",
  reconnect_needed: "wikiport-dashboard-status-reconnect-needed",
  revoked: "wikiport-dashboard-status-revoked",
} as const;

const API_TOKEN_STATUS_KEYS = {
  active: "wikiport-apitoken-status-active",
  revoked: "wikiport-apitoken-status-revoked",
  expired: "wikiport-apitoken-status-expired",
} as const;

export default async function DashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const t = await getTranslator();
  const noticeParam = (await searchParams).notice;
  // Only known codes are rendered, so a crafted URL cannot put text on the page.
  const notice = typeof noticeParam === "string" && Object.hasOwn(DASHBOARD_NOTICES, noticeParam) ? (noticeParam as DashboardNotice) : null;
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
    <DashboardShell user={user} current="/dashboard" title={t.msg("wikiport-dashboard-heading")}>

      {notice ? <Message tone={DASHBOARD_NOTICES[notice].tone}>{dashboardNoticeText(t, notice)}</Message> : null}

      {!connected ? (
        <Message tone="error" title={t.msg("wikiport-dashboard-reconnect")}>
          <p>
            {grant?.status === "revoked" ? t.msg("wikiport-dashboard-reconnect-disconnected") : t.msg("wikiport-dashboard-reconnect-ended")}{" "}
            {t.msg("wikiport-dashboard-reconnect-explanation")}
          </p>
          <SignInButton label={t.msg("wikiport-dashboard-reconnect")} />
        </Message>
      ) : null}

      {profile?.blocked ? (
        <Message tone="warning" title={t.msg("wikiport-dashboard-blocked-title")}>
          <p>{t.msg("wikiport-dashboard-blocked-text")}</p>
        </Message>
      ) : null}

      <Section id="wikimedia-account" title={t.msg("wikiport-dashboard-account-heading")}>
        {profile ? (
          <dl>
            <Row term={t.msg("wikiport-dashboard-account-username")}>
              <bdi>{profile.username}</bdi>
            </Row>
            <Row term={t.msg("wikiport-dashboard-account-groups")}>
              {/* Group names are MediaWiki's identifiers (`autoconfirmed`), shown as the API gives them. */}
              {groups.length > 0 ? <bdi>{groups.join(", ")}</bdi> : t.msg("wikiport-dashboard-none")}
            </Row>
            <Row term={t.msg("wikiport-dashboard-account-edit-count")}>{t.number(profile.editCount)}</Row>
            <Row term={t.msg("wikiport-dashboard-account-blocked")}>
              {profile.blocked ? t.msg("wikiport-dashboard-yes") : t.msg("wikiport-dashboard-no")}
            </Row>
            <Row term={t.msg("wikiport-dashboard-account-registered")}>
              <When t={t} date={profile.registeredAt} />
            </Row>
            <Row term={t.msg("wikiport-dashboard-account-grants")}>
              {/* Grant names are Wikimedia's identifiers (`editpage`), not words to translate. */}
              {profile.grants.length > 0 ? <code dir="ltr">{profile.grants.join(", ")}</code> : t.msg("wikiport-dashboard-none")}
            </Row>
            <Row term={t.msg("wikiport-accounts-row")}>
              <WikiAccounts t={t} userId={user.id} connected={connected} />
            </Row>
          </dl>
        ) : (
          <p className="text-cdx-subtle">{t.msg("wikiport-dashboard-account-unknown")}</p>
        )}
      </Section>

      <Section id="wikimedia-connection" title={t.msg("wikiport-dashboard-connection-heading")}>
        <dl>
          <Row term={t.msg("wikiport-dashboard-connection-status")}>
            {grant ? t.msg(STATUS_KEYS[grant.status]) : t.msg("wikiport-dashboard-status-none")}
          </Row>
          {grant ? (
            <>
              <Row term={t.msg("wikiport-dashboard-connection-access-expires")}>
                <When t={t} date={grant.accessExpiresAt} />
              </Row>
              <Row term={t.msg("wikiport-dashboard-connection-last-refresh")}>
                <When t={t} date={grant.lastRefreshAt} />
              </Row>
              <Row term={t.msg("wikiport-dashboard-connection-refresh-expires")}>
                {/* Wikimedia's refresh tokens last a year; after that only signing in again reconnects. */}
                <When t={t} date={grant.refreshExpiresAt} />
              </Row>
            </>
          ) : null}
        </dl>
        {connected ? (
          <div className="flex flex-wrap gap-3">
            <form action={checkConnectionAction}>
              <button type="submit" className="cdx-button">
                {t.msg("wikiport-dashboard-connection-check")}
              </button>
            </form>
            <form action={disconnectAction}>
              <button type="submit" className="cdx-button">
                {t.msg("wikiport-dashboard-connection-disconnect")}
              </button>
            </form>
          </div>
        ) : null}
        <p className="text-sm text-cdx-subtle">
          <I18nMessage
            t={t}
            k="wikiport-dashboard-connection-disconnect-help"
            elements={[
              <a key="grants" href={manageGrantsUrl}>
                {t.msg("wikiport-dashboard-connection-manage-grants")}
              </a>,
            ]}
          />
        </p>
      </Section>

      <Section id="activity" title={t.msg("wikiport-activity-heading")}>
        {activity.length === 0 ? (
          <p className="text-cdx-subtle">{t.msg("wikiport-activity-empty")}</p>
        ) : (
          <ol className="flex flex-col divide-y divide-cdx-border-muted">
            {activity.map((event) => {
              const site = event.wiki ? parseSite(event.wiki) : null;
              return (
                <li key={event.id} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
                  <span>
                    {site?.ok && event.title ? (
                      <a href={wikiHref(site.site, event.title)}>
                        <ActivityLine t={t} event={event} />
                      </a>
                    ) : (
                      <ActivityLine t={t} event={event} />
                    )}
                    {event.revisionId ? <span className="text-cdx-subtle"> {t.msg("wikiport-activity-revision", String(event.revisionId))}</span> : null}
                    <span className={event.result === "ok" ? "text-cdx-success" : "text-cdx-error"}> — {activityResult(t, event.result)}</span>
                  </span>
                  <span className="flex flex-wrap items-baseline gap-3 text-sm">
                    {site?.ok && event.revisionId && event.result === "ok" ? (
                      <a
                        href={diffUrl(site.site, config.wikimedia.wikiUrlTemplate, event.revisionId)}
                        rel="noopener noreferrer"
                        aria-label={t.msg("wikiport-activity-diff-label", String(event.revisionId), site.site.host)}
                      >
                        {t.msg("wikiport-activity-diff")}
                      </a>
                    ) : null}
                    {site?.ok && undoable(event) ? (
                      <UndoButton
                        eventId={event.id}
                        editHref={wikiHref(site.site, event.title!, "edit")}
                        labels={{
                          undo: t.msg("wikiport-activity-undo-button"),
                          undoLabel: t.msg("wikiport-activity-undo-button-label", activityText(t, event)),
                          openEditor: t.msg("wikiport-activity-undo-open-editor"),
                        }}
                      />
                    ) : null}
                    <span className="text-cdx-subtle">
                      <When t={t} date={event.createdAt} />
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
        )}
      </Section>

      <Section id="api-tokens" title={t.msg("wikiport-apitoken-heading")}>
        <p className="text-sm text-cdx-subtle">
          {t.msg("wikiport-apitoken-intro")} <Link href="/dashboard/api">{t.msg("wikiport-apitoken-guide-link")}</Link>
        </p>
        <ApiTokenForm
          labels={{
            shownOnce: t.parts("wikiport-apitoken-created", 1),
            newToken: t.msg("wikiport-apitoken-new-token"),
            name: t.msg("wikiport-apitoken-name"),
            scopes: t.msg("wikiport-apitoken-scopes"),
            scopeRead: t.msg("wikiport-apitoken-scope-read"),
            scopeEdit: t.msg("wikiport-apitoken-scope-edit"),
            scopeWatch: t.msg("wikiport-apitoken-scope-watch"),
            expires: t.msg("wikiport-apitoken-expires"),
            in30Days: t.msg("wikiport-apitoken-expires-in-days", 30),
            in90Days: t.msg("wikiport-apitoken-expires-in-days", 90),
            in365Days: t.msg("wikiport-apitoken-expires-in-days", 365),
            never: t.msg("wikiport-dashboard-never"),
            create: t.msg("wikiport-apitoken-create"),
          }}
        />
        {apiTokens.length > 0 ? (
          <table className="w-full text-start text-sm">
            <caption className="sr-only">{t.msg("wikiport-apitoken-table-caption")}</caption>
            <thead>
              <tr className="text-cdx-subtle">
                <th scope="col">{t.msg("wikiport-apitoken-column-name")}</th>
                <th scope="col">{t.msg("wikiport-apitoken-column-token")}</th>
                <th scope="col">{t.msg("wikiport-apitoken-scopes")}</th>
                <th scope="col">{t.msg("wikiport-apitoken-expires")}</th>
                <th scope="col">{t.msg("wikiport-apitoken-column-last-used")}</th>
                <th scope="col">
                  <span className="sr-only">{t.msg("wikiport-apitoken-column-actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {apiTokens.map((token) => (
                <tr key={token.id} className="border-t border-cdx-border-muted">
                  <td className="py-1">
                    <bdi>{token.name}</bdi>
                  </td>
                  <td>
                    <code dir="ltr">wkp_…{token.lastFour}</code>
                  </td>
                  <td>
                    {/* Scope names are the API's identifiers, as a script sends them. */}
                    <code dir="ltr">{token.scopes.join(", ")}</code>
                  </td>
                  <td>
                    {token.status === "revoked" ? (
                      t.msg(API_TOKEN_STATUS_KEYS.revoked)
                    ) : token.expiresAt ? (
                      <When t={t} date={token.expiresAt} />
                    ) : (
                      t.msg("wikiport-dashboard-never")
                    )}
                  </td>
                  <td>
                    <When t={t} date={token.lastUsedAt} />
                  </td>
                  <td>
                    {token.status === "active" ? (
                      <form action={revokeApiTokenAction}>
                        <input type="hidden" name="tokenId" value={token.id} />
                        <button type="submit" className="cdx-button" aria-label={t.msg("wikiport-apitoken-revoke-label", token.name)}>
                          {t.msg("wikiport-apitoken-revoke")}
                        </button>
                      </form>
                    ) : (
                      t.msg(API_TOKEN_STATUS_KEYS[token.status])
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </Section>

      <Section id="sessions" title={t.msg("wikiport-dashboard-sessions-heading")}>
        <table className="w-full text-start text-sm">
          <caption className="sr-only">{t.msg("wikiport-dashboard-sessions-caption")}</caption>
          <thead>
            <tr className="text-cdx-subtle">
              <th scope="col">{t.msg("wikiport-dashboard-sessions-column-session")}</th>
              <th scope="col">{t.msg("wikiport-dashboard-sessions-column-renewed")}</th>
              <th scope="col">{t.msg("wikiport-dashboard-sessions-column-expires")}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.label} className="border-t border-cdx-border-muted">
                <td className="py-1">
                  <code dir="ltr">{session.label}</code>
                  {session.current ? <strong> {t.msg("wikiport-dashboard-sessions-current")}</strong> : null}
                </td>
                <td>
                  <When t={t} date={session.renewedAt} />
                </td>
                <td>
                  <When t={t} date={session.expiresAt} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm text-cdx-subtle">{t.msg("wikiport-dashboard-sessions-help")}</p>
        <p>{t.msg("wikiport-dashboard-sessions-sign-out-everywhere-help")}</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="cdx-button">
            {t.msg("wikiport-dashboard-sessions-sign-out-everywhere")}
          </button>
        </form>
      </Section>

      <Section id="delete-account" title={t.msg("wikiport-dashboard-delete-heading")}>
        <p>{t.msg("wikiport-dashboard-delete-text")}</p>
        <form action={deleteAccountAction} className="flex flex-col gap-2">
          <label htmlFor="delete-confirmation">
            <I18nMessage
              t={t}
              k="wikiport-dashboard-delete-confirm-label"
              elements={[
                <strong key="name">
                  <bdi>{username}</bdi>
                </strong>,
              ]}
            />
          </label>
          <input
            id="delete-confirmation"
            name="confirmation"
            autoComplete="off"
            required
            dir="auto"
            className="max-w-sm rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
          />
          <div>
            <button type="submit" className="cdx-button border-cdx-border-error text-cdx-destructive">
              {t.msg("wikiport-dashboard-delete-button")}
            </button>
          </div>
        </form>
      </Section>
    </DashboardShell>
  );
}
