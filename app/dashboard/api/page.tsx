import type { Metadata } from "next";
import Link from "next/link";
import { API_TOKEN_SCOPES } from "@/lib/api-tokens";
import { AUTH_FAILURE_LIMIT } from "@/lib/api/auth-failures";
import { curlExamples, editWalkthrough, TOKEN_VARIABLE } from "@/lib/api/examples";
import { OPENAPI_PATH } from "@/lib/api/openapi";
import { editConflictProblem, problem } from "@/lib/api/problem";
import { EXAMPLE_SITE, EXAMPLE_TITLE } from "@/lib/api/schemas";
import { requireUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/env";
import { API_RATE_LIMIT } from "@/lib/rate-limit";
import { ApiCodeBlock } from "@/lib/ui/api-code-block";
import { DashboardShell } from "@/app/_components/dashboard-shell";
import { Section } from "@/lib/ui/dashboard";

export const metadata: Metadata = { title: "Wikiport API" };

const SCOPE_TEXT: Record<(typeof API_TOKEN_SCOPES)[number], string> = {
  read: "read pages and search (GET endpoints under /wikis)",
  edit: "save pages as you",
  watch: "add pages to and remove them from your watchlist",
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

export default async function ApiGuidePage() {
  const user = await requireUser();
  const baseUrl = getConfig().app.url;
  const examples = curlExamples(baseUrl);
  // The very bodies the API builds, with made-up revision ids.
  const conflict = editConflictProblem(EXAMPLE_SITE, 123456, 123470);
  const unauthorized = problem(401, "unauthorized", "This API token does not exist. Create a new one on your dashboard.");

  return (
    <DashboardShell user={user} current="/dashboard/api" title="Wikiport API">
      <p>
        Scripts can read, edit and watch pages on Wikimedia wikis as you, through Wikiport: Wikiport uses your Wikimedia
        connection for them, so a script never handles OAuth or refreshes tokens itself.
      </p>

      <Section id="api-basics" title="Calling the API">
        <dl className="flex flex-col gap-2">
          <div>
            <dt className="font-bold">Base URL</dt>
            <dd>
              <code>{baseUrl}/api/v1</code>
            </dd>
          </div>
          <div>
            <dt className="font-bold">Authentication</dt>
            <dd>
              Send an API token in the <code>Authorization</code> header: <code>Authorization: Bearer wkp_…</code>. Create
              tokens under <Link href="/dashboard#api-tokens">Tokens for Wikiport&apos;s API</Link> on the overview; the
              examples below read yours from the <code>WIKIPORT_TOKEN</code> environment variable
              (<code>export WIKIPORT_TOKEN=wkp_…</code>). Your session cookie is never accepted.
            </dd>
          </div>
          <div>
            <dt className="font-bold">Scopes</dt>
            <dd>
              <ul className="list-disc pl-6">
                {API_TOKEN_SCOPES.map((scope) => (
                  <li key={scope}>
                    <code>{scope}</code>: {SCOPE_TEXT[scope]}
                  </li>
                ))}
              </ul>
              A token without the scope an endpoint needs gets <code>403 insufficient_scope</code>.
            </dd>
          </div>
          <div>
            <dt className="font-bold">Rate limits</dt>
            <dd>
              Each token may make {API_RATE_LIMIT.capacity} requests at once and {API_RATE_LIMIT.refillPerMinute} a minute
              after that. After {AUTH_FAILURE_LIMIT.capacity} requests with an invalid token, your address waits before it
              may try again. Both answer <code>429 rate_limited</code> with a <code>Retry-After</code> header: wait that many
              seconds.
            </dd>
          </div>
          <div>
            <dt className="font-bold">Errors</dt>
            <dd>
              Every error is <code>application/problem+json</code> (RFC 9457). Switch on its stable <code>code</code>; its{" "}
              <code>detail</code> is a sentence for people.
            </dd>
          </div>
          <div>
            <dt className="font-bold">Reference</dt>
            <dd>
              Every endpoint, parameter and answer is in the OpenAPI 3.1 document:{" "}
              <a href={OPENAPI_PATH}>{`${baseUrl}${OPENAPI_PATH}`}</a>.
            </dd>
          </div>
        </dl>
        <ApiCodeBlock label="An error, for example a revoked token (401)" code={pretty(unauthorized)} />
      </Section>

      <Section id="api-edit-example" title={`Edit ${EXAMPLE_TITLE} from a script`}>
        <p>
          Read the page&apos;s latest revision, then send the new wikitext with that revision as <code>baseRevisionId</code>.
          Run it in a shell with <code>WIKIPORT_TOKEN</code> set to a token with the <code>read</code> and <code>edit</code>{" "}
          scopes (it uses <code>jq</code>).
        </p>
        <ApiCodeBlock label="Edit a page" code={editWalkthrough(baseUrl)} />
        <p>
          If someone else saved the page after that revision, nothing is saved and the answer is a conflict. Read the page
          again, merge, and send the text with the new revision:
        </p>
        <ApiCodeBlock label="The answer to a conflicting edit (409)" code={pretty(conflict)} />
      </Section>

      <Section id="api-endpoints" title="Endpoints">
        <p className="text-sm text-cdx-subtle">
          Replace <code>{TOKEN_VARIABLE}</code> with your token, or export it as above.
        </p>
        {examples.map((example) => (
          <div key={example.operationId} className="flex flex-col gap-1">
            <h3 className="font-bold text-cdx-emphasized">
              <code>
                {example.method} {example.path}
              </code>
            </h3>
            <p>
              {example.summary}. {example.scope ? <>Needs the <code>{example.scope}</code> scope.</> : "Any valid token."}
            </p>
            <ApiCodeBlock label={`curl: ${example.summary}`} code={example.command} />
          </div>
        ))}
      </Section>
    </DashboardShell>
  );
}
