import { handlers } from "@/lib/auth";
import { getConfig } from "@/lib/env";
import { appRateLimitStore } from "@/lib/rate-limit/app-store";
import { withAuthRateLimits } from "@/lib/security/auth-routes";
import { createAuthRouteLimits } from "@/lib/security/rate-limits";

export const { GET, POST } = withAuthRateLimits(handlers, getConfig().app.trustedProxyHops, createAuthRouteLimits(appRateLimitStore()));
