"use client";
/**
 * Step 4: copy-ready calls of the chosen wiki's Action API. They carry the real token only right after it
 * was pasted (see personal-token-flow.tsx), and read `$WIKIMEDIA_TOKEN` from the environment otherwise.
 */
import { useId, useState } from "react";
import { personalTokenSnippets, TOKEN_VARIABLE } from "@/lib/personal-tokens/snippets";
import { CopyButton, type CopyLabels } from "@/lib/ui/copy-button";
import { Parts, type MessageParts } from "@/lib/i18n/parts";
import { usePersonalTokenFlow } from "./personal-token-flow";

export interface SnippetWiki {
  host: string;
  /** The wiki's api.php, from the configured URL template. */
  api: string;
}

/** Names of programming languages and libraries: the same in every interface language. */
const LANGUAGES = [
  { key: "curl", label: "curl" },
  { key: "javascript", label: "JavaScript (fetch)" },
  { key: "python", label: "Python (requests)" },
] as const;

/** The snippets' words, translated by the page. */
export interface PersonalTokenSnippetsLabels extends CopyLabels {
  /** "…they read it from the $1 environment variable instead.", cut at the variable. */
  containsToken: MessageParts;
  /** "Put your token in the $1 environment variable first, e.g. $2 …", cut at the variable and the command. */
  putInVariable: MessageParts;
  wiki: string;
  /** The copy button's accessible name per snippet. */
  copySnippet: Record<(typeof LANGUAGES)[number]["key"], string>;
}

export function PersonalTokenSnippets({ wikis, labels }: { wikis: SnippetWiki[]; labels: PersonalTokenSnippetsLabels }) {
  const { revealedToken } = usePersonalTokenFlow();
  const [host, setHost] = useState(wikis[0]?.host ?? "");
  const pickerId = useId();
  const wiki = wikis.find((candidate) => candidate.host === host) ?? wikis[0];
  if (!wiki) return null;
  const snippets = personalTokenSnippets(wiki.api, revealedToken);
  const variable = (
    <code key="variable" dir="ltr">
      {TOKEN_VARIABLE}
    </code>
  );
  return (
    <div className="flex flex-col gap-3">
      {revealedToken ? (
        <p className="rounded-cdx border border-cdx-warning bg-cdx-bg-warning-subtle p-2 text-sm">
          <Parts parts={labels.containsToken} elements={[variable]} />
        </p>
      ) : (
        <p className="text-sm text-cdx-subtle">
          <Parts
            parts={labels.putInVariable}
            elements={[
              variable,
              <code key="export" dir="ltr">
                export {TOKEN_VARIABLE}=&apos;eyJ…&apos;
              </code>,
            ]}
          />
        </p>
      )}
      <div className="flex items-center gap-2">
        <label htmlFor={pickerId}>{labels.wiki}</label>
        <select
          id={pickerId}
          value={wiki.host}
          onChange={(event) => setHost(event.target.value)}
          dir="ltr"
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
            <bdi>{label}</bdi>
            <CopyButton text={snippets[key]} targetId={`${pickerId}-${key}`} labels={labels} accessibleName={labels.copySnippet[key]} small />
          </figcaption>
          {/* Focusable, so keyboard users can scroll a long line (WCAG 2.1.1, axe scrollable-region-focusable). Code reads left to right in any interface. */}
          <pre
            id={`${pickerId}-${key}`}
            tabIndex={0}
            dir="ltr"
            className="overflow-x-auto rounded-cdx border border-cdx-border-subtle bg-cdx-bg-subtle p-2 text-xs"
          >
            <code>{snippets[key]}</code>
          </pre>
        </figure>
      ))}
    </div>
  );
}
