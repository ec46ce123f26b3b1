import Link from "next/link";
import type { SignedInUser } from "@/lib/auth/session";
import type { MessageKey } from "@/lib/i18n/catalog";
import { getTranslator } from "@/lib/i18n/request";
import { MAIN_ID, SiteHeader } from "./site-header";

/** The dashboard's pages, in the order of its navigation. */
export const DASHBOARD_PAGES = [
  { href: "/dashboard", label: "wikiport-header-dashboard-overview" },
  { href: "/dashboard/personal-token", label: "wikiport-header-dashboard-personal-token" },
  { href: "/dashboard/api", label: "wikiport-header-dashboard-api" },
  { href: "/dashboard/widgets", label: "wikiport-header-dashboard-widgets" },
] as const satisfies readonly { href: string; label: MessageKey }[];

export type DashboardPage = (typeof DASHBOARD_PAGES)[number]["href"];

/** Header, the dashboard's own navigation and the page's main landmark with its heading. */
export async function DashboardShell({
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
  const t = await getTranslator();
  return (
    <>
      <SiteHeader user={user} />
      <div className="mx-auto max-w-3xl px-6 pt-6">
        <nav aria-label={t.msg("wikiport-header-dashboard-nav-label")}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 border-b border-cdx-border-subtle pb-2 text-sm">
            {DASHBOARD_PAGES.map((page) => (
              <li key={page.href}>
                <Link
                  href={page.href}
                  aria-current={page.href === current ? "page" : undefined}
                  className={page.href === current ? "font-bold text-cdx-emphasized no-underline" : undefined}
                >
                  {t.msg(page.label)}
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
