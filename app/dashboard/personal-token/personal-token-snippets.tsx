"use client";
/**
 * Step 4: copy-ready calls of the chosen wiki's Action API. They carry the real token only right after it
 * was pasted (see personal-token-flow.tsx), and read `$WIKIMEDIA_TOKEN` from the environment otherwise.
 */
import { useId, useState } from "react";
import { personalTokenSnippets, TOKEN_VARIABLE } from "@/lib/personal-tokens/snippets";
import { CopyButton } from "@/lib/ui/copy-button";
import { usePersonalTokenFlow } from "./personal-token-flow";

export interface SnippetWiki {
  host: string;
  /** The wiki's api.php, from the configured URL template. */
  api: string;
}

const LANGUAGES = [
  { key: "curl", label: "curl" },
  { key: "javascript", label: "JavaScript (fetch)" },
  { key: "python", label: "Python (requests)" },
] as const;

export function PersonalTokenSnippets({ wikis }: { wikis: SnippetWiki[] }) {
  const { revealedToken } = usePersonalTokenFlow();
  const [host, setHost] = useState(wikis[0]?.host ?? "");
  const pickerId = useId();
  const wiki = wikis.find((candidate) => candidate.host === host) ?? wikis[0];
  if (!wiki) return null;
  const snippets = personalTokenSnippets(wiki.api, revealedToken);
  return (
    <div className="flex flex-col gap-3">
      {revealedToken ? (
        <p className="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-2 text-sm">
          These snippets contain your token: copy them now and keep them private. After you leave or reload this page
          they read it from the <code>{TOKEN_VARIABLE}</code> environment variable instead.
        </p>
      ) : (
        <p className="text-sm text-cdx-subtle">
          Put your token in the <code>{TOKEN_VARIABLE}</code> environment variable first, e.g.{" "}
          <code>export {TOKEN_VARIABLE}=&apos;eyJ…&apos;</code> (Wikiport shows the token itself only right after you paste it).
        </p>
      )}
      <div className="flex items-center gap-2">
        <label htmlFor={pickerId}>Wiki</label>
        <select
          id={pickerId}
          value={wiki.host}
          onChange={(event) => setHost(event.target.value)}
          className="rounded-cdx border border-cdx-border bg-cdx-bg-base px-2 py-1"
        >
          {wikis.map((candidate) => (
            <option key={candidate.host} value={candidate.host}>
              {candidate.host}
            </option>
          ))}
        </select>
      </div>
      {LANGUAGES.map(({ key, label }) => (
        <figure key={key} aria-label={label} className="flex flex-col gap-1">
          <figcaption className="flex items-center justify-between gap-2 text-sm font-bold">
            {label}
            <CopyButton text={snippets[key]} targetId={`${pickerId}-${key}`} accessibleName={`Copy the ${label} snippet`} small />
          </figcaption>
          {/* Focusable, so keyboard users can scroll a long line (WCAG 2.1.1, axe scrollable-region-focusable). */}
          <pre id={`${pickerId}-${key}`} tabIndex={0} className="overflow-x-auto rounded-cdx border border-cdx-border-subtle bg-cdx-bg-subtle p-2 text-xs">
            <code>{snippets[key]}</code>
          </pre>
        </figure>
      ))}
    </div>
  );
}
