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
import type { MessageKey } from "@/lib/i18n/catalog";
import { Message } from "@/lib/i18n/message";
import { getTranslator } from "@/lib/i18n/request";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslator();
  return { title: t.msg("wikiport-apidocs-page-title") };
}

const SCOPE_KEYS: Record<(typeof API_TOKEN_SCOPES)[number], MessageKey> = {
  read: "wikiport-apidocs-scope-read",
  edit: "wikiport-apidocs-scope-edit",
  watch: "wikiport-apidocs-scope-watch",
};

/** Each endpoint's summary, by its OpenAPI operationId (the document itself stays English, as the API's `title`s do). */
const SUMMARY_KEYS: Record<string, MessageKey> = {
  getMe: "wikiport-apidocs-endpoint-get-me",
  readPage: "wikiport-apidocs-endpoint-read-page",
  editPage: "wikiport-apidocs-endpoint-edit-page",
  searchPages: "wikiport-apidocs-endpoint-search-pages",
  watchPage: "wikiport-apidocs-endpoint-watch-page",
  unwatchPage: "wikiport-apidocs-endpoint-unwatch-page",
};

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Code inside a sentence: left to right in any interface. */
const c = (key: string, text: string) => (
  <code key={key} dir="ltr">
    {text}
  </code>
);

export default async function ApiGuidePage() {
  const user = await requireUser();
  const t = await getTranslator();
  const baseUrl = getConfig().app.url;
  const examples = curlExamples(baseUrl);
  // The very bodies the API builds, with made-up revision ids.
  const conflict = editConflictProblem(EXAMPLE_SITE, 123456, 123470);
  const unauthorized = problem(401, "unauthorized", "This API token does not exist. Create a new one on your dashboard.");
  const copy = { copy: t.msg("wikiport-copy-button"), copied: t.msg("wikiport-copy-copied"), failed: t.msg("wikiport-copy-failed") };
  const block = (label: string, code: string) => <ApiCodeBlock label={label} code={code} labels={{ ...copy, copyLabel: t.msg("wikiport-copy-label", label) }} />;

  return (
    <DashboardShell user={user} current="/dashboard/api" title={t.msg("wikiport-apidocs-heading")}>
      <p>{t.msg("wikiport-apidocs-intro")}</p>

      <Section id="api-basics" title={t.msg("wikiport-apidocs-basics-heading")}>
        <dl className="flex flex-col gap-2">
          <div>
            <dt className="font-bold">{t.msg("wikiport-apidocs-base-url")}</dt>
            <dd>{c("base", `${baseUrl}/api/v1`)}</dd>
          </div>
          <div>
            <dt className="font-bold">{t.msg("wikiport-apidocs-authentication")}</dt>
            <dd>
              <Message
                t={t}
                k="wikiport-apidocs-authentication-text"
                elements={[
                  c("header", "Authorization"),
                  c("bearer", "Authorization: Bearer wkp_…"),
                  <Link key="tokens" href="/dashboard#api-tokens">
                    {t.msg("wikiport-apitoken-heading")}
                  </Link>,
                  c("variable", "WIKIPORT_TOKEN"),
                  c("export", "export WIKIPORT_TOKEN=wkp_…"),
                ]}
              />
            </dd>
          </div>
          <div>
            <dt className="font-bold">{t.msg("wikiport-apitoken-scopes")}</dt>
            <dd>
              <ul className="list-disc ps-6">
                {API_TOKEN_SCOPES.map((scope) => (
                  <li key={scope}>
                    <Message t={t} k="wikiport-apidocs-scope" elements={[c("scope", scope), t.msg(SCOPE_KEYS[scope])]} />
                  </li>
                ))}
              </ul>
              <Message t={t} k="wikiport-apidocs-insufficient-scope" elements={[c("status", "403 insufficient_scope")]} />
            </dd>
          </div>
          <div>
            <dt className="font-bold">{t.msg("wikiport-apidocs-rate-limits")}</dt>
            <dd>
              <Message
                t={t}
                k="wikiport-apidocs-rate-limits-text"
                elements={[c("status", "429 rate_limited"), c("header", "Retry-After")]}
                params={[API_RATE_LIMIT.capacity, API_RATE_LIMIT.refillPerMinute, AUTH_FAILURE_LIMIT.capacity]}
              />
            </dd>
          </div>
          <div>
            <dt className="font-bold">{t.msg("wikiport-apidocs-errors")}</dt>
            <dd>
              <Message t={t} k="wikiport-apidocs-errors-text" elements={[c("type", "application/problem+json"), c("code", "code"), c("detail", "detail")]} />
            </dd>
          </div>
          <div>
            <dt className="font-bold">{t.msg("wikiport-apidocs-reference")}</dt>
            <dd>
              <Message
                t={t}
                k="wikiport-apidocs-reference-text"
                elements={[
                  <a key="openapi" href={OPENAPI_PATH}>
                    <bdi>{`${baseUrl}${OPENAPI_PATH}`}</bdi>
                  </a>,
                ]}
              />
            </dd>
          </div>
        </dl>
        {block(t.msg("wikiport-apidocs-error-example"), pretty(unauthorized))}
      </Section>

      <Section id="api-edit-example" title={t.msg("wikiport-apidocs-edit-heading", EXAMPLE_TITLE)}>
        <p>
          <Message
            t={t}
            k="wikiport-apidocs-edit-text"
            elements={[c("base", "baseRevisionId"), c("variable", "WIKIPORT_TOKEN"), c("read", "read"), c("edit", "edit"), c("jq", "jq")]}
          />
        </p>
        {block(t.msg("wikiport-apidocs-edit-script"), editWalkthrough(baseUrl))}
        <p>{t.msg("wikiport-apidocs-conflict-text")}</p>
        {block(t.msg("wikiport-apidocs-conflict-example"), pretty(conflict))}
      </Section>

      <Section id="api-endpoints" title={t.msg("wikiport-apidocs-endpoints-heading")}>
        <p className="text-sm text-cdx-subtle">
          <Message t={t} k="wikiport-apidocs-endpoints-replace" elements={[c("variable", TOKEN_VARIABLE)]} />
        </p>
        {examples.map((example) => {
          const key = Object.hasOwn(SUMMARY_KEYS, example.operationId) ? SUMMARY_KEYS[example.operationId] : undefined;
          const summary = key ? t.msg(key) : example.summary;
          return (
            <div key={example.operationId} className="flex flex-col gap-1">
              <h3 className="font-bold text-cdx-emphasized">
                <code dir="ltr">
                  {example.method} {example.path}
                </code>
              </h3>
              <p>
                {t.msg("wikiport-apidocs-endpoint-summary", summary)}{" "}
                {example.scope ? (
                  <Message t={t} k="wikiport-apidocs-endpoint-scope" elements={[c("scope", example.scope)]} />
                ) : (
                  t.msg("wikiport-apidocs-endpoint-any-token")
                )}
              </p>
              {block(t.msg("wikiport-apidocs-curl-label", summary), example.command)}
            </div>
          );
        })}
      </Section>
    </DashboardShell>
  );
}
