/**
 * (a2) A warm article view for a signed-in reader against the very same bytes served as a static file by
 * the same `next start` (like row a), and what each such view costs upstream: at most one request, the
 * revision check (docs/decisions/021-signed-in-reads.md). The reader is the sandbox's demo editor, signed
 * in through the app's own "Sign in with Wikimedia" (sign-in.ts).
 */
import { ARTICLE_PATH } from "./article";
import { load } from "./load";
import { formatCount, type Row } from "./report";
import { countByEndpoint, type SandboxControl } from "./sandbox-control";
import { SESSION_COOKIE, signInOverHttp } from "./sign-in";
import { compareThroughput, throughputRow, type ThroughputPlan } from "./throughput";

export interface SignedInReader {
  name: string;
  /** The `cookie` header of their session. */
  cookie: string;
}

export async function signInReader(appOrigin: string, sandbox: SandboxControl): Promise<SignedInReader> {
  const info = await sandbox.info();
  const user = info.users.find((candidate) => candidate.role === "editor") ?? info.users[0];
  if (!user) throw new Error("The sandbox has no demo user to sign in with.");
  const { sessionToken } = await signInOverHttp(appOrigin, user);
  return { name: user.name, cookie: `${SESSION_COOKIE}=${sessionToken}` };
}

/** The article as the signed-in reader gets it once the app is warm: the static baseline's bytes. */
export async function captureSignedInArticle(appUrl: string, reader: SignedInReader, warmUp: number): Promise<Buffer> {
  let body: Buffer | null = null;
  for (let i = 0; i < Math.max(1, warmUp); i += 1) {
    const response = await fetch(`${appUrl}${ARTICLE_PATH}`, { headers: { cookie: reader.cookie } });
    body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`The article ${ARTICLE_PATH} answered ${response.status} to ${reader.name}.`);
  }
  // Without this, an expired or refused session would quietly measure a visitor's page.
  if (!body!.toString("utf8").includes(reader.name)) throw new Error(`The article ${ARTICLE_PATH} was not rendered for ${reader.name}.`);
  return body!;
}

export async function measureSignedInView(
  appUrl: string,
  staticPath: string,
  bytes: number,
  reader: SignedInReader,
  sandbox: SandboxControl,
  plan: ThroughputPlan & { upstreamViews: number },
): Promise<Row> {
  const headers = { cookie: reader.cookie };
  const sides = await compareThroughput(`${appUrl}${ARTICLE_PATH}`, `${appUrl}${staticPath}`, { ...plan, headers });

  const views = Math.min(plan.upstreamViews, 500);
  const mark = await sandbox.mark();
  const run = await load({ url: `${appUrl}${ARTICLE_PATH}`, connections: 10, amount: views, headers });
  const upstream = await sandbox.requestsSince(mark);
  if (run.non2xx > 0 || run.errors > 0) throw new Error(`(a2) ${run.non2xx} non-2xx answers and ${run.errors} errors in ${views} signed-in views.`);
  const perView = upstream.length / views;
  return throughputRow(
    { id: "a2", what: "Warm article view, signed in (vs same HTML as a static file)" },
    sides,
    { subject: "article", baseline: "static" },
    `${ARTICLE_PATH} as ${reader.name}, ${formatCount(bytes)} bytes of HTML, ${plan.connections} connections, ${plan.rounds}×${plan.seconds} s per side. `,
    ` Upstream: ${perView.toFixed(2)} requests per view (${formatCount(upstream.length)} in ${formatCount(views)} views: ${countByEndpoint(upstream) || "none"}).`,
  );
}
