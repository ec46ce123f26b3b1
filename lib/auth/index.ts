/**
 * Auth.js for the app: `auth`, `signIn`, `signOut`, and the guarded `/api/auth/*` route handlers.
 * The configuration is lazy, so `next build` never opens the database or reads secrets.
 */
import "server-only";
import NextAuth from "next-auth";
import { getDb } from "@/lib/db";
import { getConfig } from "@/lib/env";
import { getVault } from "@/lib/grants";
import { log } from "@/lib/log";
import { createAuthConfig } from "./config";
import { guardAuthRoutes } from "./route-guard";

const nextAuth = NextAuth(() => createAuthConfig({ config: getConfig(), db: getDb(), vault: getVault(), log }));

export const { auth, signIn, signOut } = nextAuth;
export const handlers = guardAuthRoutes(nextAuth.handlers, () => getConfig().app.url);
