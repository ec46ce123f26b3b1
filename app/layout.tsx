import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { getTranslator } from "@/lib/i18n/request";
import { ErrorPageLabelsProvider } from "./_components/error-page-labels";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return {
    title: { default: t.msg("wikiport-site-name"), template: t.msg("wikiport-page-title", "%s") },
    description: t.msg("wikiport-site-description"),
  };
}

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page renders per request, so that Next can put this request's CSP nonce on its scripts
  // (proxy.ts); a prerendered page (the 404 page, say) would carry none and its scripts would be refused.
  await connection();
  const t = await getTranslator();
  const errorLabels = {
    title: t.msg("wikiport-error-page-title"),
    text: t.msg("wikiport-error-page-text"),
    retry: t.msg("wikiport-error-page-retry"),
    home: t.msg("wikiport-error-page-home"),
  };
  return (
    <html lang={t.language} dir={t.dir}>
      <body className="min-h-screen antialiased">
        <ErrorPageLabelsProvider labels={errorLabels}>{children}</ErrorPageLabelsProvider>
      </body>
    </html>
  );
}
