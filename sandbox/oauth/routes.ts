/**
 * The OAuth 2.0 server: REST routes of the extension, so every wiki serves them under
 * `/w/rest.php/oauth2/...` (EXT extension.json RestRoutes), though consumers and the issuer are Meta's.
 */
import type { Router } from "../router";
import { accessToken } from "./access-token";
import { authorize } from "./authorize";
import { clientList, clientRegister } from "./client-api";
import { resource } from "./resource";

const BASE = "/:wiki/w/rest.php/oauth2";

export function registerOAuth(router: Router): void {
  router.add({ method: "*", path: `${BASE}/authorize`, endpoint: "oauth2/authorize", handler: authorize });
  router.add({ method: "POST", path: `${BASE}/access_token`, endpoint: "oauth2/access_token", handler: accessToken });
  router.add({
    method: "GET",
    path: `${BASE}/resource/:type`,
    endpoint: (ctx) => (ctx.params.type === "scopes" ? "oauth2/resource/scopes" : "oauth2/resource/profile"),
    handler: resource,
  });
  router.add({ method: "GET", path: `${BASE}/client`, endpoint: "oauth2/client", handler: clientList });
  router.add({ method: "POST", path: `${BASE}/client`, endpoint: "oauth2/client", handler: clientRegister });
}
