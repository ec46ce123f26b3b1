/** The sandbox wiki's control API (`/__sandbox/`): request log and faults. Tests only; the app never calls it. */
import { expect, type APIRequestContext } from "@playwright/test";
import { E2E } from "../environment";

export const ADA = { name: "Ada Editor", password: "editor-demo-1" } as const;
export const ANA = { name: "Ana Admin", password: "admin-demo-4" } as const;
export const NICO = { name: "Nico Newcomer", password: "newcomer-demo-2" } as const;
export const BLAKE = { name: "Blake Blocked", password: "blocked-demo-3" } as const;
export const TOKEN_ENDPOINT = "oauth2/access_token";
/** The key of the sandbox's seeded Wikiport consumer, which the app uses when none is configured. */
export const WIKIPORT_CLIENT_KEY = "f0950fa7a8399babe551f51af656b54a";

interface LoggedRequest {
  seq: number;
  endpoint: string;
  status: number;
}

async function requests(request: APIRequestContext, endpoint?: string, since = 0): Promise<LoggedRequest[]> {
  const query = new URLSearchParams({ since: String(since), ...(endpoint ? { endpoint } : {}) });
  const response = await request.get(`${E2E.sandboxUrl}/__sandbox/requests?${query}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { requests: LoggedRequest[] }).requests;
}

/** The sequence number of the sandbox's latest logged request: count calls made after it. */
export async function latestRequestSeq(request: APIRequestContext): Promise<number> {
  return Math.max(0, ...(await requests(request)).map((entry) => entry.seq));
}

export async function tokenEndpointCallsSince(request: APIRequestContext, seq: number): Promise<LoggedRequest[]> {
  return requests(request, TOKEN_ENDPOINT, seq);
}

export async function addFault(request: APIRequestContext, fault: { endpoint: string; kind: string; status?: number; count?: number }) {
  const response = await request.post(`${E2E.sandboxUrl}/__sandbox/faults`, { data: fault });
  expect(response.status()).toBe(201);
}

export async function clearFaults(request: APIRequestContext) {
  expect((await request.delete(`${E2E.sandboxUrl}/__sandbox/faults`)).ok()).toBe(true);
}
