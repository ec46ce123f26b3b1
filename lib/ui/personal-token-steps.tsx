/**
 * Step 1: how to create an owner-only OAuth 2.0 client on Meta, whose access token is the personal API
 * token. Meta's own labels are quoted as Meta shows them in the same language (its core and OAuth
 * extension messages), so the steps match the form the person sees there.
 */
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import type { Translator } from "@/lib/i18n/translate";

/** Meta's wording for each grant (core GrantsInfo `grant-*` messages), as the registration form shows it. */
const GRANT_LABELS: Record<string, MessageKey> = {
  basic: "wikiport-token-grant-basic",
  highvolume: "wikiport-token-grant-highvolume",
  editpage: "wikiport-token-grant-editpage",
  createeditmovepage: "wikiport-token-grant-createeditmovepage",
  editmywatchlist: "wikiport-token-grant-editmywatchlist",
  viewmywatchlist: "wikiport-token-grant-viewmywatchlist",
  privateinfo: "wikiport-token-grant-privateinfo",
};

export function PersonalTokenSteps({ t, proposeUrl, username, grants }: { t: Translator; proposeUrl: string; username: string; grants: readonly string[] }) {
  // `basic` is hidden on the form and always included (docs/wikimedia-protocol.md §3).
  const toTick = grants.filter((grant) => grant !== "basic");
  const name = <bdi key="name">{username}</bdi>;
  return (
    <ol className="flex list-decimal flex-col gap-2 ps-6">
      <li>
        <Message
          t={t}
          k="wikiport-token-steps-open"
          elements={[
            <a key="propose" href={proposeUrl} target="_blank" rel="noopener noreferrer">
              {t.msg("wikiport-token-steps-propose-link")}
            </a>,
            <strong key="user">{name}</strong>,
          ]}
        />
      </li>
      <li>{t.msg("wikiport-token-steps-name")}</li>
      <li>
        <Message
          t={t}
          k="wikiport-token-steps-owner-only"
          elements={[
            <strong key="owner">
              <Message t={t} k="wikiport-token-steps-owner-only-label" elements={[name]} />
            </strong>,
          ]}
        />
      </li>
      <li>
        <Message
          t={t}
          k="wikiport-token-steps-grants"
          elements={[<strong key="specific">{t.msg("wikiport-token-steps-specific-permissions")}</strong>]}
        />
        <ul className="mt-1 list-disc ps-6">
          {toTick.map((grant) => {
            const label = Object.hasOwn(GRANT_LABELS, grant) ? GRANT_LABELS[grant] : undefined;
            return (
              <li key={grant}>
                {label ? `${t.msg(label)} ` : null}
                <code dir="ltr" className="text-sm text-cdx-subtle">
                  {grant}
                </code>
              </li>
            );
          })}
        </ul>
      </li>
      <li>
        <Message
          t={t}
          k="wikiport-token-steps-submit"
          elements={[
            <strong key="propose">{t.msg("wikiport-token-steps-propose-consumer")}</strong>,
            <strong key="token">{t.msg("wikiport-token-steps-access-token")}</strong>,
            <code key="prefix" dir="ltr">
              eyJ
            </code>,
          ]}
        />
      </li>
    </ol>
  );
}
