import { handlers } from "@/lib/auth";
import { withAuthRateLimits } from "@/lib/security/auth-routes";

export const { GET, POST } = withAuthRateLimits(handlers);
