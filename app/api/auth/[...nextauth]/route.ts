import { handlers } from "@/lib/auth";
import { getConfig } from "@/lib/env";
import { withAuthRateLimits } from "@/lib/security/auth-routes";

export const { GET, POST } = withAuthRateLimits(handlers, getConfig().app.trustedProxyHops);
