/**
 * `/__sandbox/`: how tests and the launcher drive the sandbox. Only the sandbox has it; the app never
 * calls it. Bodies are JSON; every input is validated.
 */
import { z } from "zod";
import { json, type Ctx, type SandboxResponse } from "./http";
import type { Router } from "./router";
import { WIKIPORT_CLIENT } from "./seed";
import type { FaultKind } from "./store";
import { issueAccessToken } from "./tokens";
import { WIKIS } from "./wikis";

const faultSchema = z.object({
  endpoint: z.string().min(1),
  kind: z.enum(["status", "hang", "slow", "truncated", "non-json", "html", "rate-limit", "maxlag", "readonly"] satisfies [FaultKind, ...FaultKind[]]),
  count: z.number().int().positive().default(1),
  status: z.number().int().min(400).max(599).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
  retryAfter: z.number().int().min(0).max(3600).optional(),
  wiki: z.string().optional(),
  /** A demo user's name: the fault applies only to requests made with that user's tokens. */
  user: z.string().min(1).optional(),
});

const deprecationSchema = z.object({
  endpoint: z.string().min(1),
  since: z.string().datetime(),
  sunset: z.string().datetime().optional(),
  link: z.string().url().startsWith("https://").optional(),
});

const settingsSchema = z.object({
  accessTokenTtl: z.number().int().positive().optional(),
  refreshTokenTtl: z.number().int().positive().optional(),
  refreshGraceSeconds: z.number().int().min(0).optional(),
  legacyOAuthErrorMessage: z.boolean().optional(),
  gateway: z.boolean().optional(),
  gatewayLimits: z
    .object({
      unidentified: z.number().int().positive().nullable(),
      identified: z.number().int().positive().nullable(),
      "new-account": z.number().int().positive().nullable(),
      established: z.number().int().positive().nullable(),
      bot: z.number().int().positive().nullable(),
    })
    .partial()
    .optional(),
});

async function jsonBody<T>(ctx: Ctx, schema: z.ZodType<T>): Promise<{ ok: true; value: T } | { ok: false; response: SandboxResponse }> {
  const raw = (await ctx.body()).toString("utf8");
  let value: unknown = {};
  if (raw.trim()) {
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, response: json(400, { error: "bad-json", message: "The body is not valid JSON." }) };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, response: json(400, { error: "bad-request", message: z.prettifyError(parsed.error) }) };
  }
  return { ok: true, value: parsed.data };
}

function findUser(ctx: Ctx, name: string) {
  return ctx.store.state.users.find((user) => user.name === name || user.name === name.replaceAll("_", " "));
}

export function registerControl(router: Router): void {
  const add = (method: string, path: string, handler: (ctx: Ctx) => Promise<SandboxResponse> | SandboxResponse) =>
    router.add({ method, path: `/__sandbox${path}`, endpoint: `control${path.replace(/\/:.*$/, "")}`, handler });

  add("GET", "/info", (ctx) =>
    json(200, {
      url: ctx.store.config.publicUrl,
      wikis: WIKIS.map((wiki) => ({ host: wiki.host, dir: wiki.dir, api: `${ctx.store.config.publicUrl}/${wiki.host}/w/api.php` })),
      users: ctx.store.state.users.map((user) => ({ id: user.id, name: user.name, password: user.password, role: user.role })),
      consumer: {
        clientId: WIKIPORT_CLIENT.key,
        clientSecret: WIKIPORT_CLIENT.secret,
        callback: ctx.store.state.clients.find((client) => client.key === WIKIPORT_CLIENT.key)?.callbackUrl,
      },
      settings: {
        accessTokenTtl: ctx.store.config.accessTokenTtl,
        refreshTokenTtl: ctx.store.config.refreshTokenTtl,
        refreshGraceSeconds: ctx.store.config.refreshGraceSeconds,
        legacyOAuthErrorMessage: ctx.store.config.legacyOAuthErrorMessage,
        gateway: ctx.store.config.gateway,
        gatewayLimits: ctx.store.config.gatewayLimits,
      },
    }),
  );

  add("POST", "/reset", (ctx) => {
    ctx.store.reset();
    return json(200, { ok: true });
  });

  add("GET", "/clock", (ctx) => json(200, { now: ctx.store.now(), offsetMs: ctx.store.state.clockOffsetMs }));
  add("POST", "/clock", async (ctx) => {
    const body = await jsonBody(ctx, z.object({ advanceSeconds: z.number().min(0) }));
    if (!body.ok) return body.response;
    ctx.store.advanceClock(body.value.advanceSeconds);
    return json(200, { now: ctx.store.now(), offsetMs: ctx.store.state.clockOffsetMs });
  });

  add("POST", "/settings", async (ctx) => {
    const body = await jsonBody(ctx, settingsSchema);
    if (!body.ok) return body.response;
    const { gatewayLimits, ...settings } = body.value;
    Object.assign(ctx.store.config, Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)));
    if (gatewayLimits) ctx.store.config.gatewayLimits = { ...ctx.store.config.gatewayLimits, ...gatewayLimits };
    return json(200, { ok: true });
  });

  add("GET", "/faults", (ctx) => json(200, { faults: ctx.store.faults }));
  add("POST", "/faults", async (ctx) => {
    const body = await jsonBody(ctx, faultSchema);
    if (!body.ok) return body.response;
    const { count, ...fault } = body.value;
    if (fault.user !== undefined && !findUser(ctx, fault.user)) return json(404, { error: "no-such-user", message: `There is no demo user "${fault.user}".` });
    return json(201, { fault: ctx.store.addFault({ ...fault, remaining: count }) });
  });
  add("DELETE", "/faults", (ctx) => {
    ctx.store.faults.length = 0;
    return json(200, { ok: true });
  });

  add("GET", "/deprecations", (ctx) => json(200, { deprecations: ctx.store.deprecations }));
  add("POST", "/deprecations", async (ctx) => {
    const body = await jsonBody(ctx, deprecationSchema);
    if (!body.ok) return body.response;
    const { endpoint, since, sunset, link } = body.value;
    const announcement = {
      endpoint,
      since: Date.parse(since),
      ...(sunset !== undefined ? { sunset: Date.parse(sunset) } : {}),
      ...(link !== undefined ? { link } : {}),
    };
    ctx.store.deprecations.push(announcement);
    return json(201, { deprecation: announcement });
  });
  add("DELETE", "/deprecations", (ctx) => {
    ctx.store.deprecations.length = 0;
    return json(200, { ok: true });
  });

  add("GET", "/requests", (ctx) => {
    const endpoint = ctx.url.searchParams.get("endpoint");
    const since = Number(ctx.url.searchParams.get("since") ?? 0);
    const requests = ctx.store.requestLog.filter(
      (entry) => entry.seq > since && !entry.endpoint.startsWith("control") && (!endpoint || entry.endpoint === endpoint),
    );
    return json(200, { requests });
  });
  add("DELETE", "/requests", (ctx) => {
    ctx.store.requestLog.length = 0;
    return json(200, { ok: true });
  });

  add("POST", "/grants/revoke", async (ctx) => {
    const body = await jsonBody(ctx, z.object({ user: z.string(), clientId: z.string() }));
    if (!body.ok) return body.response;
    const user = findUser(ctx, body.value.user);
    if (!user) return json(404, { error: "no-such-user" });
    const revoked = revokeGrant(ctx, user.id, body.value.clientId);
    return json(200, { ok: true, revoked });
  });

  add("POST", "/users/:name/block", async (ctx) => {
    const body = await jsonBody(ctx, z.object({ reason: z.string().default("Blocked by a test"), expirySeconds: z.number().int().positive().optional(), partial: z.boolean().default(false) }));
    if (!body.ok) return body.response;
    const user = findUser(ctx, ctx.params.name ?? "");
    if (!user) return json(404, { error: "no-such-user" });
    const state = ctx.store.state;
    const now = ctx.store.now();
    const block = {
      id: state.nextId.block++, userId: user.id, by: "Ana Admin", byId: 1004, reason: body.value.reason, timestamp: now,
      expiry: body.value.expirySeconds ? now + body.value.expirySeconds * 1000 : null, partial: body.value.partial,
    };
    state.blocks.push(block);
    ctx.store.changed();
    return json(201, { block });
  });
  add("DELETE", "/users/:name/block", (ctx) => {
    const user = findUser(ctx, ctx.params.name ?? "");
    if (!user) return json(404, { error: "no-such-user" });
    ctx.store.state.blocks = ctx.store.state.blocks.filter((block) => block.userId !== user.id);
    ctx.store.changed();
    return json(200, { ok: true });
  });

  // Mints an access token for a demo user without the browser flow, for tests of the APIs themselves.
  add("POST", "/tokens", async (ctx) => {
    const body = await jsonBody(ctx, z.object({ user: z.string(), grants: z.array(z.string()).min(1), clientId: z.string().default(WIKIPORT_CLIENT.key), ttlSeconds: z.number().int().positive().optional() }));
    if (!body.ok) return body.response;
    const user = findUser(ctx, body.value.user);
    const client = ctx.store.state.clients.find((c) => c.key === body.value.clientId);
    if (!user || !client) return json(404, { error: "no-such-user-or-client" });
    const state = ctx.store.state;
    let approval = state.approvals.find((a) => a.clientKey === client.key && a.userId === user.id);
    if (!approval) {
      approval = { id: state.nextId.approval++, clientKey: client.key, userId: user.id, grants: body.value.grants, accepted: ctx.store.now() };
      state.approvals.push(approval);
    }
    const { jwt, record } = await issueAccessToken(ctx.store, {
      client, userId: user.id, approvalId: approval.id, scopes: body.value.grants, grantType: "authorization_code",
      ttlSeconds: body.value.ttlSeconds ?? ctx.store.config.accessTokenTtl,
    });
    return json(201, { access_token: jwt, expires: record.expires });
  });
}

/** Special:OAuthManageMyGrants "revoke": the approval and every token that hangs on it go away. */
export function revokeGrant(ctx: Ctx, userId: number, clientKey: string): boolean {
  const state = ctx.store.state;
  const approvals = state.approvals.filter((a) => a.userId === userId && a.clientKey === clientKey);
  if (approvals.length === 0) return false;
  const ids = new Set(approvals.map((a) => a.id));
  state.approvals = state.approvals.filter((a) => !ids.has(a.id));
  state.accessTokens = state.accessTokens.filter((t) => !ids.has(t.approvalId));
  // Refresh tokens stay (they are in the session cache on Wikimedia) but answer "Token has been revoked".
  const now = ctx.store.now();
  for (const token of state.refreshTokens) {
    if (ids.has(token.approvalId) && token.revokedAt === null) Object.assign(token, { revokedAt: now, graceExpires: now });
  }
  ctx.store.changed();
  return true;
}
