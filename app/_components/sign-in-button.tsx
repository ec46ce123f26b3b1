import { cdxIconLogIn } from "@wikimedia/codex-icons";
import { getTranslator } from "@/lib/i18n/request";
import { Icon } from "@/lib/ui/icon";
import { signInWithWikimedia } from "./auth-actions";

/**
 * A form, not a link: the action sets the state and PKCE cookies before Wikimedia is involved.
 * `returnTo`: the wiki page to come back to instead of the dashboard (checked again by the action).
 * `label`: already translated by the page, when it says more than "Sign in with Wikimedia".
 */
export async function SignInButton({ label, returnTo }: { label?: string; returnTo?: string | undefined }) {
  const t = await getTranslator();
  return (
    <form action={signInWithWikimedia}>
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <button type="submit" className="cdx-button-primary">
        <Icon icon={cdxIconLogIn} dir={t.dir} lang={t.language} />
        {label ?? t.msg("wikiport-signin-button")}
      </button>
    </form>
  );
}
