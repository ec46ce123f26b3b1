import type { Metadata } from "next";
import Link from "next/link";
import { getCurrentUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/request";
import { MAIN_ID, SiteHeader } from "./_components/site-header";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-notfound-title") };
}

/** Every address Wikiport has no page for, and `notFound()` from any page: Next's own says it in English only. */
export default async function NotFound() {
  const [user, t] = await Promise.all([getCurrentUser(), getTranslator()]);
  return (
    <>
      <SiteHeader user={user} />
      <main id={MAIN_ID} className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
        <h1 className="text-3xl font-bold text-cdx-emphasized">{t.msg("wikiport-notfound-title")}</h1>
        <p className="text-cdx-subtle">{t.msg("wikiport-notfound-text")}</p>
        <p>
          <Link href="/">{t.msg("wikiport-notfound-home")}</Link>
        </p>
      </main>
    </>
  );
}
