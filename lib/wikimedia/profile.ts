/** The user profile Wikimedia's OAuth server gives a token holder (docs/wikimedia-protocol.md §1.3). */
import { z } from "zod";

/** `/oauth2/resource/profile`. A hidden user's profile lacks `username`, so it does not parse. */
export const wikimediaProfileSchema = z.object({
  // A string since EXT f6c6be3a (2024-12); an integer before.
  sub: z.union([z.string().min(1), z.number().int()]).transform(String),
  username: z.string().min(1),
  editcount: z.number().int().nonnegative().catch(0),
  confirmed_email: z.boolean().catch(false),
  email: z.string().optional(),
  blocked: z.boolean(),
  registered: z
    .string()
    .regex(/^\d{14}$/)
    .nullable()
    .catch(null),
  groups: z.array(z.string()).catch([]),
  rights: z.array(z.string()).catch([]),
  grants: z.array(z.string()).catch([]),
});

export type WikimediaProfile = z.infer<typeof wikimediaProfileSchema>;
