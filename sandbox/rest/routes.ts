import type { Router } from "../router";

export function registerRest(router: Router): void {
  void router;
}
