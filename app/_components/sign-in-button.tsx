import { cdxIconLogIn } from "@wikimedia/codex-icons";
import { signInWithWikimedia } from "./auth-actions";
import { Icon } from "@/lib/ui/icon";

/**
 * A form, not a link: the action sets the state and PKCE cookies before Wikimedia is involved.
 * `returnTo`: the wiki page to come back to instead of the dashboard (checked again by the action).
 */
export function SignInButton({ label = "Sign in with Wikimedia", returnTo }: { label?: string; returnTo?: string | undefined }) {
  return (
    <form action={signInWithWikimedia}>
      {returnTo ? <input type="hidden" name="returnTo" value={returnTo} /> : null}
      <button type="submit" className="cdx-button-primary">
        <Icon icon={cdxIconLogIn} />
        {label}
      </button>
    </form>
  );
}
