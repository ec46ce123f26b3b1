/** Step 3: the saved token, masked, with whose it is, what it may do, its warnings, "Test it" and "Delete". */
import { deletePersonalTokenAction } from "./actions";
import type { PersonalTokenSummary } from "@/lib/personal-tokens";
import type { Translator } from "@/lib/i18n/translate";
import { Message, Row, When } from "@/lib/ui/dashboard";
import { rateLimitText, WARNING_TITLE_KEYS, WarningText } from "@/lib/ui/personal-token-text";
import { PersonalTokenTest } from "./personal-token-test";

export function PersonalTokenDetails({ t, token, viewer, testWikis }: { t: Translator; token: PersonalTokenSummary | null; viewer: string; testWikis: string[] }) {
  if (!token) {
    return <p className="text-cdx-subtle">{t.msg("wikiport-token-none-saved")}</p>;
  }
  return (
    <div className="flex flex-col gap-3">
      {token.warnings.map((warning) => (
        <Message key={warning.code} tone="warning" title={t.msg(WARNING_TITLE_KEYS[warning.code])}>
          <p data-code={warning.code}>
            <WarningText t={t} warning={warning} viewer={viewer} />
          </p>
        </Message>
      ))}
      <dl>
        <Row term={t.msg("wikiport-token-row-token")}>
          <code dir="ltr">{token.masked}</code>
        </Row>
        <Row term={t.msg("wikiport-token-row-account")}>
          <bdi>{token.username}</bdi>{" "}
          <span className="text-sm text-cdx-subtle">{t.msg("wikiport-token-central-id", token.wikimediaUserId)}</span>
        </Row>
        <Row term={t.msg("wikiport-token-row-grants")}>
          {token.grants.length > 0 ? <code dir="ltr">{token.grants.join(", ")}</code> : t.msg("wikiport-dashboard-none")}
        </Row>
        <Row term={t.msg("wikiport-token-row-rate-limit")}>{rateLimitText(t, token.rateLimitClaim)}</Row>
        <Row term={t.msg("wikiport-token-row-expires")}>
          {token.expiresAt ? <When t={t} date={token.expiresAt} /> : t.msg("wikiport-dashboard-never")}
        </Row>
        {token.clientId ? (
          <Row term={t.msg("wikiport-token-row-client")}>
            <code dir="ltr" className="text-sm">
              {token.clientId}
            </code>
          </Row>
        ) : null}
        <Row term={t.msg("wikiport-token-row-saved")}>
          <When t={t} date={token.createdAt} />
        </Row>
        <Row term={t.msg("wikiport-token-row-last-used")}>
          <When t={t} date={token.lastUsedAt} />
        </Row>
      </dl>
      <PersonalTokenTest
        wikis={testWikis}
        labels={{
          testOn: t.msg("wikiport-token-test-on"),
          testing: t.msg("wikiport-token-test-testing"),
          test: t.msg("wikiport-token-test-button"),
          worksTitle: t.msg("wikiport-token-test-works-title"),
          works: t.parts("wikiport-token-test-works", 3),
          failedTitle: t.msg("wikiport-token-test-failed-title"),
        }}
      />
      <form action={deletePersonalTokenAction}>
        <button type="submit" className="cdx-button border-cdx-border-error text-cdx-destructive">
          {t.msg("wikiport-token-delete")}
        </button>
      </form>
      <p className="text-sm text-cdx-subtle">{t.msg("wikiport-token-delete-help")}</p>
    </div>
  );
}
