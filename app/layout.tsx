import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Wikiport", template: "%s · Wikiport" },
  description:
    "Wikiport acts for you on Wikipedia and its sister wikis: sign in with your Wikimedia account, read, edit and watch pages, and embed article cards.",
};

export const viewport: Viewport = {
  colorScheme: "light dark",
};

export default function RootLayout({ children }: Readonly<{ children: React.ReactNode }>) {
  return (
    <html lang="en" dir="ltr">
      <body className="min-h-screen antialiased">{children}</body>
    </html>
  );
}
