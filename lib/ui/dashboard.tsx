import { cdxIconAlert, cdxIconCheck, cdxIconError } from "@wikimedia/codex-icons";
import Link from "next/link";
import type { SignedInUser } from "@/lib/auth/session";
import { Icon } from "./icon";
import { MAIN_ID, SiteHeader } from "./site-header";

/** The dashboard's pages, in the order of its navigation. */
export const DASHBOARD_PAGES = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/personal-token", label: "Personal API token" },
  { href: "/dashboard/api", label: "Wikiport API" },
  { href: "/dashboard/widgets", label: "Widgets" },
] as const;

export type DashboardPage = (typeof DASHBOARD_PAGES)[number]["href"];

/** Header, the dashboard's own navigation and the page's main landmark with its heading. */
export function DashboardShell({
  user,
  current,
  title,
  children,
}: {
  user: SignedInUser;
  current: DashboardPage;
  title: string;
  children: React.ReactNode;
}) {
  return (
    <>
      <SiteHeader user={user} />
      <div className="mx-auto max-w-3xl px-6 pt-6">
        <nav aria-label="Dashboard">
          <ul className="flex flex-wrap gap-x-4 gap-y-1 border-b border-cdx-border-subtle pb-2 text-sm">
            {DASHBOARD_PAGES.map((page) => (
              <li key={page.href}>
                <Link
                  href={page.href}
                  aria-current={page.href === current ? "page" : undefined}
                  className={page.href === current ? "font-bold text-cdx-emphasized no-underline" : undefined}
                >
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <main id={MAIN_ID} className="mx-auto flex max-w-3xl flex-col gap-6 px-6 py-8">
        <h1 className="text-3xl font-bold text-cdx-emphasized">{title}</h1>
        {children}
      </main>
    </>
  );
}

const TONES = {
  success: { icon: cdxIconCheck, className: "border-cdx-success bg-cdx-bg-success-subtle" },
  warning: { icon: cdxIconAlert, className: "border-cdx-warning bg-cdx-bg-warning-subtle" },
  error: { icon: cdxIconError, className: "border-cdx-error bg-cdx-bg-error-subtle" },
} as const;

export type Tone = keyof typeof TONES;

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** A date in UTC, or "never". */
export function When({ date }: { date: Date | null }) {
  if (!date) return <>never</>;
  return <time dateTime={date.toISOString()}>{dateFormat.format(date)} UTC</time>;
}

/** One term and its value in a `<dl>`. */
export function Row({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-2 py-1">
      <dt className="text-cdx-subtle">{term}</dt>
      <dd className="text-cdx-emphasized">{children}</dd>
    </div>
  );
}

/** A titled box of the dashboard. */
export function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-cdx border border-cdx-border-subtle p-4">
      <h2 id={id} className="text-xl font-bold text-cdx-emphasized">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A notice: success is a polite status, warnings and errors are alerts. */
export function Message({ tone, title, children }: { tone: Tone; title?: string; children: React.ReactNode }) {
  return (
    <div role={tone === "success" ? "status" : "alert"} className={`flex gap-3 rounded-cdx border p-3 ${TONES[tone].className}`}>
      <Icon icon={TONES[tone].icon} className="mt-0.5 shrink-0" />
      <div className="flex flex-col gap-2">
        {title ? <p className="font-bold">{title}</p> : null}
        {children}
      </div>
    </div>
  );
}
