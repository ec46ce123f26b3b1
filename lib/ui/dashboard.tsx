import { cdxIconAlert, cdxIconCheck, cdxIconError } from "@wikimedia/codex-icons";
import type { Translator } from "@/lib/i18n/translate";
import { Icon } from "./icon";

const TONES = {
  success: { icon: cdxIconCheck, className: "border-cdx-success bg-cdx-bg-success-subtle" },
  warning: { icon: cdxIconAlert, className: "border-cdx-warning bg-cdx-bg-warning-subtle" },
  error: { icon: cdxIconError, className: "border-cdx-error bg-cdx-bg-error-subtle" },
} as const;

export type Tone = keyof typeof TONES;

/**
 * Dates are shown in UTC, named as such: the server renders them and does not know the reader's zone.
 * (`dateStyle` cannot be combined with `timeZoneName`, hence the parts.)
 */
const IN_UTC: Intl.DateTimeFormatOptions = { year: "numeric", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" };

/** A date in UTC in the interface language, or "never". */
export function When({ t, date }: { t: Translator; date: Date | null }) {
  if (!date) return <>{t.msg("wikiport-dashboard-never")}</>;
  return <time dateTime={date.toISOString()}>{t.date(date, IN_UTC)}</time>;
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
