"use client";
/**
 * "Copy" next to a snippet. The snippet is also in a read-only text box above it, so without JavaScript
 * (or without clipboard permission) it can still be selected and copied by hand.
 */
import { cdxIconCheck, cdxIconCopy } from "@wikimedia/codex-icons";
import { useState } from "react";
import { Icon } from "./icon";

export function WidgetCopyButton({ text, label = "Copy snippet" }: { text: string; label?: string }) {
  const [status, setStatus] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("copied");
    } catch {
      // Denied permission or an insecure context: the text box is still there to copy from.
      setStatus("failed");
    }
  }
  return (
    <div className="flex items-center gap-3">
      <button type="button" className="cdx-button" onClick={copy}>
        <Icon icon={status === "copied" ? cdxIconCheck : cdxIconCopy} />
        {label}
      </button>
      <span role="status" className="text-sm text-cdx-subtle">
        {status === "copied" ? "Copied to the clipboard." : status === "failed" ? "Copying failed: select the text and copy it yourself." : ""}
      </span>
    </div>
  );
}
