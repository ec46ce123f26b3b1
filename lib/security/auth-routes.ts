/**
 * Rate limits in front of Auth.js's route handlers: sign-in initiation and the OAuth callback, per client
 * address and route (docs/security-requirements.md item 33). A refused request never reaches Auth.js: no check cookie is
 * set, no token endpoint is called. The answer keeps the auth routes' `no-store` and `no-referrer`.
 *
 * In the route handler rather than proxy.ts, because only here has Next filled in `X-Forwarded-For`
 * with the peer address (lib/security/client-address.ts explains which entry is trusted).
 */
import type { NextRequest } from "next/server";
import { clientAddress } from "@/lib/security/client-address";
import { log } from "@/lib/log";
import { AUTH_REFERRER_POLICY } from "./headers";
import { refusalLanguage } from "./refusal-language";
import { limitedAuthRoute, tooManyRequestsResponse, type AuthRouteLimits } from "./rate-limits";

type Handler = (request: NextRequest) => Promise<Response>;

const WHAT = { sign_in: "sign-ins", callback: "sign-in-returns" } as const;

export function withAuthRateLimits(
  handlers: { GET: Handler; POST: Handler },
  trustedProxyHops: number,
  limits: AuthRouteLimits,
): { GET: Handler; POST: Handler } {
  const limited = (handler: Handler): Handler => async (request) => {
    const route = limitedAuthRoute(request.nextUrl.pathname);
    if (route) {
      const client = clientAddress(request.headers, trustedProxyHops);
      const decision = await limits.take(route, client);
      if (!decision.ok) {
        log.warn("auth.rate_limited", { route, client, retryAfterSeconds: decision.retryAfterSeconds });
        const response = tooManyRequestsResponse(decision.retryAfterSeconds, WHAT[route], refusalLanguage(request.headers));
        response.headers.set("referrer-policy", AUTH_REFERRER_POLICY);
        return response;
      }
    }
    return handler(request);
  };
  return { GET: limited(handlers.GET), POST: limited(handlers.POST) };
}
