/**
 * The seed: demo accounts, Wikiport's consumer, bot passwords, an abuse filter and the articles of every
 * wiki. `reset` puts exactly this back. Demo passwords are public on purpose: the home page shows them.
 */
import { generateKeyPairSync } from "node:crypto";
import { FIRST_AUTOCREATED_ID, seedLocalAccounts } from "./accounts";
import type { SandboxConfig } from "./config";
import { seedPages } from "./seed-pages";
import type { ClientRecord, SandboxState, UserRecord } from "./state";

export const DAY_MS = 24 * 3600 * 1000;

/** Wikiport's confidential consumer; id and secret match the defaults in .env.example. */
export const WIKIPORT_CLIENT = {
  key: "f0950fa7a8399babe551f51af656b54a",
  secret: "e916f22dcba352d17137e196fbf12df1015244d6",
} as const;

/** A public (non-confidential) client, for tests of the PKCE-required path. */
export const PUBLIC_TEST_CLIENT = {
  key: "7c1e4b2a9d0f4e6b8a3c5d7e9f1a2b3c",
  callback: "http://127.0.0.1/callback",
} as const;

export const DEMO_USERS = {
  editor: { id: 1001, name: "Ada Editor", password: "editor-demo-1" },
  newcomer: { id: 1002, name: "Nico Newcomer", password: "newcomer-demo-2" },
  blocked: { id: 1003, name: "Blake Blocked", password: "blocked-demo-3" },
  admin: { id: 1004, name: "Ana Admin", password: "admin-demo-4" },
  /** Has accounts on en.wikipedia.org and Meta only: the others are made on first use (sandbox/accounts.ts). */
  wanderer: { id: 1005, name: "Wanda Wanderer", password: "wanderer-demo-5" },
} as const;

/** Bot password of the demo editor (Special:BotPasswords): log in as "Ada Editor@wikiport-bot". */
export const DEMO_BOT_PASSWORD = {
  userId: DEMO_USERS.editor.id,
  appId: "wikiport-bot",
  password: "botpassword0123456789abcdefghijk",
} as const;

export function generateSigningKey(): SandboxState["signingKey"] {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}

function users(now: number): UserRecord[] {
  const { editor, newcomer, blocked, admin, wanderer } = DEMO_USERS;
  return [
    {
      ...editor, groups: ["autoconfirmed"], editCount: 1523, registered: Date.UTC(2019, 2, 14, 9, 30),
      email: "ada.editor@example.org", emailConfirmed: true, realName: "Ada Editor",
      role: "Autoconfirmed editor: edits, creates pages and watches",
    },
    {
      ...newcomer, groups: [], editCount: 0, registered: now - 2 * 3600 * 1000,
      email: "nico.newcomer@example.org", emailConfirmed: false, realName: "",
      role: "Brand-new account: not autoconfirmed, email not confirmed",
    },
    {
      ...blocked, groups: ["autoconfirmed"], editCount: 87, registered: Date.UTC(2021, 6, 2, 18, 5),
      email: "blake.blocked@example.org", emailConfirmed: true, realName: "",
      role: "Blocked sitewide: can read and sign in, cannot edit",
    },
    {
      ...admin, groups: ["autoconfirmed", "sysop", "bureaucrat"], editCount: 48211,
      registered: Date.UTC(2008, 10, 3, 12, 0), email: "ana.admin@example.org", emailConfirmed: true,
      realName: "Ana Admin", role: "Administrator: edits protected pages",
    },
    {
      ...wanderer, groups: ["autoconfirmed"], editCount: 640, registered: Date.UTC(2022, 4, 9, 16, 45),
      email: "wanda.wanderer@example.org", emailConfirmed: true, realName: "",
      role: "Autoconfirmed editor with accounts on en.wikipedia.org and Meta only: the others are created on first use; interface language German",
      // Her Wikimedia interface language is German (a global preference): Wikiport shows German after she signs in.
      options: { language: "de", gender: "female" },
    },
  ];
}

function clients(config: SandboxConfig, now: number): ClientRecord[] {
  return [
    {
      key: WIKIPORT_CLIENT.key, secret: WIKIPORT_CLIENT.secret, name: "Wikiport", version: "1.0",
      description: "Wikiport acts for you on Wikimedia wikis: reading, editing and your watchlist.",
      ownerId: DEMO_USERS.admin.id, callbackUrl: config.wikiportCallback, confidential: true,
      ownerOnly: false, grantTypes: ["authorization_code", "refresh_token", "client_credentials"],
      grants: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"],
      stage: "approved", wiki: "*", created: now - 30 * DAY_MS,
    },
    {
      key: PUBLIC_TEST_CLIENT.key, secret: "", name: "Sandbox public client", version: "1.0",
      description: "A public client (no secret): PKCE is required.", ownerId: DEMO_USERS.admin.id,
      callbackUrl: PUBLIC_TEST_CLIENT.callback, confidential: false, ownerOnly: false,
      grantTypes: ["authorization_code", "refresh_token"], grants: ["basic", "editpage", "createeditmovepage"],
      stage: "approved", wiki: "*", created: now - 30 * DAY_MS,
    },
  ];
}

export function seedState(
  config: SandboxConfig,
  now: number,
  signingKey: SandboxState["signingKey"] = generateSigningKey(),
): SandboxState {
  const { pages, revisions, nextPageId, nextRevisionId } = seedPages(now);
  const demoUsers = users(now);
  return {
    version: 1,
    clockOffsetMs: 0,
    nextId: { page: nextPageId, revision: nextRevisionId, approval: 1, block: 2, localUser: FIRST_AUTOCREATED_ID, log: 1 },
    users: demoUsers,
    localAccounts: seedLocalAccounts(demoUsers),
    logEvents: [],
    blocks: [
      {
        id: 1, userId: DEMO_USERS.blocked.id, by: DEMO_USERS.admin.name, byId: DEMO_USERS.admin.id,
        reason: "Disruptive editing (demo block)", timestamp: now - 3 * DAY_MS, expiry: null, partial: false,
      },
    ],
    pages,
    revisions,
    clients: clients(config, now),
    approvals: [],
    accessTokens: [],
    refreshTokens: [],
    authCodes: [],
    browserSessions: [],
    watchlist: [],
    botPasswords: [{ ...DEMO_BOT_PASSWORD, grants: ["basic", "editpage", "createeditmovepage", "editmywatchlist", "viewmywatchlist"] }],
    abuseFilters: [
      { id: 42, description: "Sandbox demo: the phrase 'buy cheap watches'", phrase: "buy cheap watches", actions: ["disallow"] },
      { id: 43, description: "Sandbox demo: shouting 'ALL CAPS WARNING'", phrase: "ALL CAPS WARNING", actions: ["warn"] },
    ],
    signingKey,
  };
}
