/** The signed-in browser's own session token, read from its cookie, to mark "this session" on the dashboard. */
import "server-only";
import { cookies } from "next/headers";

/** Auth.js's session cookie, with the `__Secure-` prefix it uses when Wikiport is served over https. */
const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export async function currentSessionToken(): Promise<string | undefined> {
  const jar = await cookies();
  for (const name of SESSION_COOKIES) {
    const value = jar.get(name)?.value;
    if (value) return value;
  }
  return undefined;
}
