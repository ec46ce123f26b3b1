import type { Router } from "../router";

export function registerAction(router: Router): void {
  void router;
}
