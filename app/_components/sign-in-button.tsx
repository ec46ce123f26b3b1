import { cdxIconLogIn } from "@wikimedia/codex-icons";
import { signInWithWikimedia } from "./auth-actions";
import { Icon } from "@/lib/ui/icon";

/** A form, not a link: the action sets the state and PKCE cookies before Wikimedia is involved. */
export function SignInButton({ label = "Sign in with Wikimedia" }: { label?: string }) {
  return (
    <form action={signInWithWikimedia}>
      <button type="submit" className="cdx-button-primary">
        <Icon icon={cdxIconLogIn} />
        {label}
      </button>
    </form>
  );
}
