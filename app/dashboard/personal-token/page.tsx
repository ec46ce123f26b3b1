import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { describePersonalToken } from "@/lib/personal-tokens";
import { BOUNDARY_NOTICES } from "@/lib/server-actions/notices";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import { Message, Section } from "@/lib/ui/dashboard";
import { PersonalTokenDetails } from "./personal-token-details";
import { PersonalTokenFlow } from "./personal-token-flow";
import { PersonalTokenForm } from "./personal-token-form";
import { PersonalTokenSnippets } from "./personal-token-snippets";
import { PersonalTokenSteps } from "@/lib/ui/personal-token-steps";
import { COMMON_WIKIS } from "@/app/wiki/[site]/[...title]/article-view";
import { META, pageUrl, parseSite, siteUrls } from "@/lib/wikimedia/sites";

export const metadata: Metadata = { title: "Personal API token" };

/** Only these codes are rendered, so a crafted URL cannot put text on the page. */
const NOTICES = {
  ...BOUNDARY_NOTICES,
  deleted: { tone: "success", text: "Wikiport deleted your personal API token." },
  "nothing-to-delete": { tone: "error", text: "There was no personal API token to delete." },
} as const;

export default async function PersonalTokenPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const config = getConfig();
  const template = config.wikimedia.wikiUrlTemplate;
  const noticeCode = (await searchParams).notice;
  const notice = typeof noticeCode === "string" && Object.hasOwn(NOTICES, noticeCode) ? NOTICES[noticeCode as keyof typeof NOTICES] : null;
  const proposeUrl = pageUrl(META, template, "Special:OAuthConsumerRegistration/propose/oauth2");
  const clientsUrl = pageUrl(META, template, "Special:OAuthConsumerRegistration");
  const manageGrantsUrl = pageUrl(META, template, "Special:OAuthManageMyGrants");
  const username = (await getWikimediaProfile(getDb(), user.id))?.username ?? user.name;
  const token = await describePersonalToken(getDb(), user.id, config.wikimedia.grants);
  const wikis = COMMON_WIKIS.flatMap((host) => {
    const parsed = parseSite(host);
    return parsed.ok ? [{ host, api: siteUrls(parsed.site, template).api }] : [];
  });

  return (
    <DashboardShell user={user} current="/dashboard/personal-token" title="Personal API token">
      {notice ? (
        <Message tone={notice.tone}>
          <p>{notice.text}</p>
          {noticeCode === "deleted" ? (
            <p>
              It still works on Wikimedia until you revoke it there: open <a href={clientsUrl}>your OAuth clients on Meta-Wiki</a>{" "}
              and reset the client&apos;s secret, or disable the client.
            </p>
          ) : null}
        </Message>
      ) : null}

      <p>
        A personal API token lets your own scripts and tools call Wikimedia&apos;s APIs as you, with no OAuth flow: it is the
        access token of an OAuth 2.0 client that only you can use. Wikiport helps you create one, checks it, and keeps it
        encrypted so you can test it here.
      </p>

      <PersonalTokenFlow storedSavedAt={token ? token.createdAt.toISOString() : null}>
        <Section id="create-token" title="1. Create a token on Meta-Wiki">
          <PersonalTokenSteps proposeUrl={proposeUrl} username={username} grants={config.wikimedia.grants} />
        </Section>

        <Section id="paste-token" title="2. Paste it here">
          <PersonalTokenForm replacing={token !== null} />
        </Section>

        <Section id="saved-token" title="3. Your saved token">
          <PersonalTokenDetails token={token} testWikis={wikis.map((wiki) => wiki.host)} />
        </Section>

        <Section id="token-snippets" title="4. Use it from a script">
          <PersonalTokenSnippets wikis={wikis} />
        </Section>
      </PersonalTokenFlow>

      <Section id="revoke-token" title="It never expires: revoking it">
        <p>
          A personal API token does not expire, and anyone who has it can act as you within its grants. Keep it out of
          code you share, and revoke it when you no longer need it or think it leaked.
        </p>
        <p>
          Only Wikimedia can revoke it: open <a href={clientsUrl}>your OAuth clients on Meta-Wiki</a> and reset the
          client&apos;s secret (its tokens stop working at once) or disable the client. Access you gave to apps is under{" "}
          <a href={manageGrantsUrl}>Manage my grants</a>. Deleting the token from Wikiport only makes Wikiport forget it.
        </p>
      </Section>
    </DashboardShell>
  );
}
