import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { SITE_DESCRIPTION, SITE_NAME, TITLE_TEMPLATE } from "@/lib/ui/site-meta";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: SITE_NAME, template: TITLE_TEMPLATE },
  description: SITE_DESCRIPTION,
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default async function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  // Every page renders per request, so that Next can put this request's CSP nonce on its scripts
  // (proxy.ts); a prerendered page (the 404 page, say) would carry none and its scripts would be refused.
  await connection();
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
