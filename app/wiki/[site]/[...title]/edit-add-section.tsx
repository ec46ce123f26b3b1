"use client";
/** "Add a section": a new section (`section=new`) at the end of the page, e.g. a comment on a talk page. */
import { useActionState } from "react";
import { addSectionAction } from "./actions";
import type { AddSectionState } from "./form-state";
import type { ContentLanguage } from "./edit-conflict";
import type { AddSectionLabels } from "./edit-form-labels";
import { EditNotice, type EditNoticeLinks } from "./edit-notice";

export function EditAddSection({
  site,
  title,
  links,
  labels,
  content,
}: {
  site: string;
  title: string;
  links: EditNoticeLinks;
  labels: AddSectionLabels;
  /** The page's language: the new section is written in it, whatever the interface's. */
  content: ContentLanguage;
}) {
  const initial: AddSectionState = { version: 0, result: null, sectionTitle: "", text: "" };
  const [state, formAction, pending] = useActionState(addSectionAction, initial);
  return (
    <form action={formAction} className="space-y-4" key={state.version}>
      <input type="hidden" name="site" value={site} />
      <input type="hidden" name="title" value={title} />
      {state.result && <EditNotice result={state.result} links={links} labels={labels.notice} />}
      <label className="block">
        <span className="mb-1 block font-bold">{labels.subject}</span>
        <input name="sectionTitle" lang={content.lang} dir={content.dir} defaultValue={state.sectionTitle} required maxLength={255} className="w-full rounded border border-cdx-border p-2" />
      </label>
      <label className="block">
        <span className="mb-1 block font-bold">{labels.text}</span>
        <textarea name="text" lang={content.lang} dir={content.dir} defaultValue={state.text} required rows={10} className="w-full rounded border border-cdx-border p-2 font-mono text-sm" />
      </label>
      <button type="submit" className="cdx-button-primary" disabled={pending}>
        {labels.add}
      </button>
    </form>
  );
}
