import type { Router } from "../router";

export function registerOAuth(router: Router): void {
  void router;
}
