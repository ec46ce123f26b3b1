import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { getWikimediaProfile } from "@/lib/auth/wikimedia-profiles";
import { getDb } from "@/lib/db";
import { getVault } from "@/lib/grants";
import { SignInButton } from "@/lib/ui/sign-in-button";
import { SiteHeader } from "@/lib/ui/site-header";

export const metadata: Metadata = { title: "Dashboard" };

const STATUS_TEXT = {
  active: "Connected",
  reconnect_needed: "Reconnect needed",
  revoked: "Disconnected",
} as const;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function When({ date }: { date: Date | null }) {
  if (!date) return <>never</>;
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;
}

function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
      <dt className="text-cdx-subtle">{term}</dt>
      <dd className="text-cdx-emphasized">{children}</dd>
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-cdx border border-cdx-border-subtle p-4">
      <h2 id={id} className="text-xl font-bold text-cdx-emphasized">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const profile = getWikimediaProfile(getDb(), user.id);
  const grant = getVault().describe(user.id);
  const needsReconnect = !grant || grant.status !== "active";
  // "*" is the group of everyone, which says nothing about this user.
  const groups = profile?.groups.filter((group) => group !== "*") ?? [];

  return (
    <>
      <SiteHeader user={user} />
      <main className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-10">
        <h1 className="text-3xl font-bold text-cdx-emphasized">Your Wikiport</h1>

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
              </>
            ) : null}
          </dl>
          {needsReconnect ? (
            <div className="flex flex-col gap-2">
              <p>Wikiport can no longer act for you on Wikimedia. Sign in again to reconnect.</p>
              <SignInButton label="Reconnect" />
            </div>
          ) : null}
        </Section>
      </main>
    </>
  );
}
