"use client";
/**
 * "Copy" for text shown next to it (in the element `targetId`). The clipboard can refuse: permission
 * denied, an insecure (http) context, or a browser without `navigator.clipboard`. Then the text is
 * selected and the person is told to copy it themselves, instead of a button that silently does nothing.
 */
import { cdxIconCheck, cdxIconCopy } from "@wikimedia/codex-icons";
import { useState } from "react";
import { Icon } from "./icon";

/** The button's words, translated by the server parent. */
export interface CopyLabels {
  /** The button's text ("Copy"). */
  copy: string;
  copied: string;
  failed: string;
}

/** Selects the whole text of a text box, or of any other element (a <pre>, say). */
function selectText(targetId: string): void {
  const target = document.getElementById(targetId);
  if (!target) return;
  target.focus();
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLInputElement) {
    target.select();
    return;
  }
  window.getSelection()?.selectAllChildren(target);
}

export function CopyButton({
  text,
  targetId,
  labels,
  accessibleName,
  small = false,
}: {
  text: string;
  /** The element on the page that shows `text`: selected when copying fails. */
  targetId: string;
  labels: CopyLabels;
  accessibleName?: string;
  small?: boolean;
}) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");

  async function copy() {
    try {
      if (typeof navigator.clipboard?.writeText !== "function") throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      setStatus("failed");
      selectText(targetId);
    }
  }

  return (
    <span className="flex flex-wrap items-center gap-2">
      <button type="button" className={small ? "cdx-button text-sm" : "cdx-button"} aria-label={accessibleName} onClick={() => void copy()}>
        <Icon icon={status === "copied" ? cdxIconCheck : cdxIconCopy} />
        {labels.copy}
      </button>
      <span role="status" className="text-sm font-normal text-cdx-subtle">
        {status === "copied" ? labels.copied : status === "failed" ? labels.failed : ""}
      </span>
    </span>
  );
}
