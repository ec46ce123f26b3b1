import type { Router } from "../router";

export function registerPages(router: Router): void {
  void router;
}
