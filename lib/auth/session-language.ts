/** The languages a signed-in user's session carries (lib/auth/config.ts puts them there from the users row). */
import { z } from "zod";

export const accountLanguageSchema = z.object({
  /** Chosen in Wikiport's language picker. */
  language: z.string().nullable().catch(null),
  /** Their interface language on Wikimedia, as of the latest sign-in. */
  wikimediaLanguage: z.string().nullable().catch(null),
  wikimediaGender: z.enum(["male", "female", "unknown"]).nullable().catch(null),
});

export type AccountLanguage = z.infer<typeof accountLanguageSchema>;
