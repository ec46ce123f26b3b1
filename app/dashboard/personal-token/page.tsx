import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message as I18nMessage } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";
import { describePersonalToken } from "@/lib/personal-tokens";
import { BOUNDARY_NOTICES } from "@/lib/server-actions/notices";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import { Message, Section } from "@/lib/ui/dashboard";
import { BOUNDARY_NOTICE_KEYS } from "@/lib/ui/dashboard-notices";
import { PersonalTokenDetails } from "./personal-token-details";
import { PersonalTokenFlow } from "./personal-token-flow";
import { PersonalTokenForm } from "./personal-token-form";
import { PersonalTokenSnippets } from "./personal-token-snippets";
import { PersonalTokenSteps } from "@/lib/ui/personal-token-steps";
import { COMMON_WIKIS } from "@/app/wiki/[site]/[...title]/article-view";
import { META, pageUrl, parseSite, siteUrls } from "@/lib/wikimedia/sites";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-token-page-title") };
}

/** Only these codes are rendered, so a crafted URL cannot put text on the page. */
const NOTICES = {
  ...Object.fromEntries(Object.entries(BOUNDARY_NOTICES).map(([code, { tone }]) => [code, { tone, key: BOUNDARY_NOTICE_KEYS[code as keyof typeof BOUNDARY_NOTICES] }])),
  deleted: { tone: "success", key: "wikiport-token-notice-deleted" },
  "nothing-to-delete": { tone: "error", key: "wikiport-token-notice-nothing-to-delete" },
} as Record<string, { tone: "success" | "warning" | "error"; key: MessageKey }>;

export default async function PersonalTokenPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const t = await getTranslator();
  const config = getConfig();
  const template = config.wikimedia.wikiUrlTemplate;
  const noticeCode = (await searchParams).notice;
  const notice = typeof noticeCode === "string" && Object.hasOwn(NOTICES, noticeCode) ? NOTICES[noticeCode] : null;
  const proposeUrl = pageUrl(META, template, "Special:OAuthConsumerRegistration/propose/oauth2");
  const clientsUrl = pageUrl(META, template, "Special:OAuthConsumerRegistration");
  const manageGrantsUrl = pageUrl(META, template, "Special:OAuthManageMyGrants");
  const username = (await getWikimediaProfile(getDb(), user.id))?.username ?? user.name;
  const token = await describePersonalToken(getDb(), user.id, config.wikimedia.grants);
  const wikis = COMMON_WIKIS.flatMap((host) => {
    const parsed = parseSite(host);
    return parsed.ok ? [{ host, api: siteUrls(parsed.site, template).api }] : [];
  });
  const clientsLink = (
    <a key="clients" href={clientsUrl}>
      {t.msg("wikiport-token-clients-link")}
    </a>
  );

  return (
    <DashboardShell user={user} current="/dashboard/personal-token" title={t.msg("wikiport-token-heading")}>
      {notice ? (
        <Message tone={notice.tone}>
          <p>{t.msg(notice.key)}</p>
          {noticeCode === "deleted" ? (
            <p>
              <I18nMessage t={t} k="wikiport-token-notice-deleted-revoke" elements={[clientsLink]} />
            </p>
          ) : null}
        </Message>
      ) : null}

      <p>{t.msg("wikiport-token-intro")}</p>

      <PersonalTokenFlow storedSavedAt={token ? token.createdAt.toISOString() : null}>
        <Section id="create-token" title={t.msg("wikiport-token-step-create")}>
          <PersonalTokenSteps t={t} proposeUrl={proposeUrl} username={username} grants={config.wikimedia.grants} />
        </Section>

        <Section id="paste-token" title={t.msg("wikiport-token-step-paste")}>
          <PersonalTokenForm
            replacing={token !== null}
            labels={{
              savedTitle: t.msg("wikiport-token-saved-title"),
              savedActsAs: t.parts("wikiport-token-saved-acts-as", 1),
              savedWarnings: t.msg("wikiport-token-saved-warnings"),
              savedSnippets: t.msg("wikiport-token-saved-snippets"),
              notSavedTitle: t.msg("wikiport-token-not-saved-title"),
              field: t.msg("wikiport-token-field"),
              help: t.msg("wikiport-token-field-help"),
              replaces: t.msg("wikiport-token-field-replaces"),
              verifying: t.msg("wikiport-token-verifying"),
              save: t.msg("wikiport-token-save"),
            }}
          />
        </Section>

        <Section id="saved-token" title={t.msg("wikiport-token-step-saved")}>
          <PersonalTokenDetails t={t} token={token} viewer={username} testWikis={wikis.map((wiki) => wiki.host)} />
        </Section>

        <Section id="token-snippets" title={t.msg("wikiport-token-step-snippets")}>
          <PersonalTokenSnippets
            wikis={wikis}
            labels={{
              containsToken: t.parts("wikiport-token-snippets-contain-token", 1),
              putInVariable: t.parts("wikiport-token-snippets-variable", 2),
              wiki: t.msg("wikiport-token-snippets-wiki"),
              copy: t.msg("wikiport-copy-button"),
              copied: t.msg("wikiport-copy-copied"),
              failed: t.msg("wikiport-copy-failed"),
              copySnippet: {
                curl: t.msg("wikiport-token-snippets-copy-label", "curl"),
                javascript: t.msg("wikiport-token-snippets-copy-label", "JavaScript (fetch)"),
                python: t.msg("wikiport-token-snippets-copy-label", "Python (requests)"),
              },
            }}
          />
        </Section>
      </PersonalTokenFlow>

      <Section id="revoke-token" title={t.msg("wikiport-token-revoke-heading")}>
        <p>{t.msg("wikiport-token-revoke-text")}</p>
        <p>
          <I18nMessage
            t={t}
            k="wikiport-token-revoke-how"
            elements={[
              clientsLink,
              <a key="grants" href={manageGrantsUrl}>
                {t.msg("wikiport-token-manage-grants-link")}
              </a>,
            ]}
          />
        </p>
      </Section>
    </DashboardShell>
  );
}
