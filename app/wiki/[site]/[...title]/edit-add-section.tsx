"use client";
/** "Add a section": a new section (`section=new`) at the end of the page, e.g. a comment on a talk page. */
import { useActionState } from "react";
import { addSectionAction } from "./actions";
import type { AddSectionState } from "./form-state";
import { EditNotice, type EditNoticeLinks } from "./edit-notice";

export function EditAddSection({ site, title, links }: { site: string; title: string; links: EditNoticeLinks }) {
  const initial: AddSectionState = { version: 0, result: null, sectionTitle: "", text: "" };
  const [state, formAction, pending] = useActionState(addSectionAction, initial);
  return (
    <form action={formAction} className="space-y-4" key={state.version}>
      <input type="hidden" name="site" value={site} />
      <input type="hidden" name="title" value={title} />
      {state.result && <EditNotice result={state.result} links={links} />}
      <label className="block">
        <span className="mb-1 block font-bold">Subject</span>
        <input name="sectionTitle" defaultValue={state.sectionTitle} required maxLength={255} className="w-full rounded border border-cdx-border p-2" />
      </label>
      <label className="block">
        <span className="mb-1 block font-bold">Text</span>
        <textarea name="text" defaultValue={state.text} required rows={10} className="w-full rounded border border-cdx-border p-2 font-mono text-sm" />
      </label>
      <button type="submit" className="cdx-button-primary" disabled={pending}>
        Add section
      </button>
    </form>
  );
}
