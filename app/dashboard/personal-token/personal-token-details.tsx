/** Step 3: the saved token, masked, with whose it is, what it may do, its warnings, "Test it" and "Delete". */
import { deletePersonalTokenAction } from "./actions";
import type { PersonalTokenSummary } from "@/lib/personal-tokens";
import { Message, Row, When } from "@/lib/ui/dashboard";
import { PersonalTokenTest } from "./personal-token-test";

const WARNING_TITLES: Record<string, string> = {
  different_account: "This token belongs to another Wikimedia account",
  missing_grants: "This token lacks grants Wikiport uses",
  expires: "This is not a personal API token",
};

export function PersonalTokenDetails({ token, testWikis }: { token: PersonalTokenSummary | null; testWikis: string[] }) {
  if (!token) {
    return <p className="text-cdx-subtle">No personal API token saved. Paste one above.</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      {token.warnings.map((warning) => (
        <Message key={warning.code} tone="warning" title={WARNING_TITLES[warning.code]}>
          <p data-code={warning.code}>{warning.message}</p>
        </Message>
      ))}
      <dl>
        <Row term="Token">
          <code>{token.masked}</code>
        </Row>
        <Row term="Account">
          {token.username} <span className="text-sm text-cdx-subtle">(central id {token.wikimediaUserId})</span>
        </Row>
        <Row term="Grants">{token.grants.length > 0 ? token.grants.join(", ") : "none"}</Row>
        <Row term="Rate limit">{token.rateLimit}</Row>
        <Row term="Expires">{token.expiresAt ? <When date={token.expiresAt} /> : "never"}</Row>
        {token.clientId ? (
          <Row term="Client">
            <code className="text-sm">{token.clientId}</code>
          </Row>
        ) : null}
        <Row term="Saved">
          <When date={token.createdAt} />
        </Row>
        <Row term="Last used">
          <When date={token.lastUsedAt} />
        </Row>
      </dl>
      <PersonalTokenTest wikis={testWikis} />
      <form action={deletePersonalTokenAction}>
        <button type="submit" className="cdx-button border-cdx-border-error text-cdx-destructive">
          Delete from Wikiport
        </button>
      </form>
      <p className="text-sm text-cdx-subtle">
        Deleting only makes Wikiport forget the token. It keeps working on Wikimedia until you revoke it on Meta (see below).
      </p>
    </div>
  );
}
