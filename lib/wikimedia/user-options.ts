/**
 * The two preferences Wikiport reads from a user's Wikimedia account: the interface language and the
 * gender (`meta=userinfo&uiprop=options`, docs/wikimedia-protocol.md §5.10).
 */
import { z } from "zod";

export type Gender = "male" | "female" | "unknown";

export interface WikimediaUserOptions {
  /** The interface language the user chose on Wikimedia; null when they kept the wiki's default. */
  language: string | null;
  gender: Gender;
}

/** The query that reads them, on Meta with the user's token: the preferences and the wiki's own language in one request. */
export const USER_OPTIONS_QUERY = {
  action: "query",
  meta: "userinfo|siteinfo",
  uiprop: "options",
  siprop: "general",
  format: "json",
  formatversion: "2",
  errorformat: "plaintext",
} as const;

const answerSchema = z.object({
  query: z.object({
    userinfo: z.object({
      anon: z.boolean().optional(),
      options: z.object({
        language: z.string().max(40).optional().catch(undefined),
        gender: z.enum(["male", "female", "unknown"]).catch("unknown"),
      }),
    }),
    general: z.object({ lang: z.string().max(40) }),
  }),
});

/**
 * The options in an answer to USER_OPTIONS_QUERY, or null when it is not one (an error, an anonymous
 * answer). `uiprop=options` fills in defaults for preferences never set, and `language` defaults to the
 * wiki's content language (CORE DefaultOptionsLookup), so a language equal to it says nothing about what
 * the user wants: it is reported as null, and Wikiport goes on to the browser's Accept-Language.
 */
export function parseUserOptions(body: unknown): WikimediaUserOptions | null {
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success || parsed.data.query.userinfo.anon) return null;
  const { userinfo, general } = parsed.data.query;
  const language = userinfo.options.language?.trim().toLowerCase() || null;
  return { language: language && language !== general.lang.toLowerCase() ? language : null, gender: userinfo.options.gender };
}
