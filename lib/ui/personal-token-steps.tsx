/** Step 1: how to create an owner-only OAuth 2.0 client on Meta, whose access token is the personal API token. */

/** Meta's wording for each grant (core GrantsInfo `grant-*` messages), as the registration form shows it. */
const GRANT_LABELS: Record<string, string> = {
  basic: "Basic rights",
  highvolume: "High-volume (bot) access",
  editpage: "Edit existing pages",
  createeditmovepage: "Create, edit, and move pages",
  editmywatchlist: "Edit your watchlist",
  viewmywatchlist: "View your watchlist",
  privateinfo: "Access private information",
};

export function PersonalTokenSteps({ proposeUrl, username, grants }: { proposeUrl: string; username: string; grants: readonly string[] }) {
  // `basic` is hidden on the form and always included (docs/wikimedia-protocol.md §3).
  const toTick = grants.filter((grant) => grant !== "basic");
  return (
    <ol className="flex list-decimal flex-col gap-2 pl-6">
      <li>
        Open{" "}
        <a href={proposeUrl} target="_blank" rel="noopener noreferrer">
          Propose a new OAuth 2.0 client on Meta-Wiki
        </a>{" "}
        and log in there as <strong>{username}</strong>, the account you use with Wikiport.
      </li>
      <li>Give it a name (for example “My scripts”) and a short description.</li>
      <li>
        Tick <strong>“This consumer is for use only by {username}”</strong>. That makes it an owner-only client: Meta
        approves it at once and gives you an access token, and no callback URL is needed.
      </li>
      <li>
        Under “Types of grants being requested” choose <strong>“Request authorization for specific permissions”</strong>{" "}
        and tick the grants Wikiport uses (basic rights are always included):
        <ul className="mt-1 list-disc pl-6">
          {toTick.map((grant) => (
            <li key={grant}>
              {GRANT_LABELS[grant] ?? grant} <code className="text-sm text-cdx-subtle">{grant}</code>
            </li>
          ))}
        </ul>
      </li>
      <li>
        Submit with <strong>“Propose consumer”</strong>. Meta then shows the client key, the secret and an{" "}
        <strong>Access token</strong>, once. Copy the access token (a long text starting with <code>eyJ</code>) and paste it
        below.
      </li>
    </ol>
  );
}
