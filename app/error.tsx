"use client";
/**
 * What a person sees when a page fails while rendering: what happened in their language (the labels come
 * from the root layout, app/_components/error-page-labels.tsx), a way to try again, and never the error
 * itself (no stack trace reaches a user; the server logged it).
 */
import Link from "next/link";
import { useErrorPageLabels } from "./_components/error-page-labels";

export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const labels = useErrorPageLabels();
  // Without the layout's labels (it failed itself, which global-error.tsx handles) there is nothing to say it with.
  if (!labels) return null;
  return (
    <main className="mx-auto flex max-w-xl flex-col gap-6 px-6 py-16">
      <h1 className="text-3xl font-bold text-cdx-emphasized">{labels.title}</h1>
      <p className="text-cdx-subtle">{labels.text}</p>
      <div className="flex flex-wrap items-center gap-4">
        <button type="button" className="cdx-button" onClick={reset}>
          {labels.retry}
        </button>
        <Link href="/">{labels.home}</Link>
      </div>
    </main>
  );
}
