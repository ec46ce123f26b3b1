"use client";
/** "Copy" for a block of code shown next to it: the text is on the page too, so it can be selected by hand. */
import { useState } from "react";

export function CopyButton({ text, accessibleName }: { text: string; accessibleName: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="cdx-button text-sm"
      aria-label={accessibleName}
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => setCopied(true));
      }}
    >
      {copied ? "Copied" : "Copy"}
    </button>
  );
}
