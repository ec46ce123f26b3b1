/**
 * FormData as plain input for a zod schema, and the field schemas forms need. A field sent once is a
 * value, a field sent more than once is an array: a schema that expects one value refuses a repeated
 * field instead of silently taking the first, and `repeated()` accepts one or many.
 */
import { z } from "zod";
import { parseSite } from "@/lib/wikimedia/sites";

export type FormInput = Record<string, FormDataEntryValue | FormDataEntryValue[]>;

export function formInput(formData: FormData): FormInput {
  // No prototype: a field named `__proto__` or `constructor` is just a field.
  const input = Object.create(null) as FormInput;
  for (const key of new Set(formData.keys())) {
    // React's own bookkeeping for forms submitted before hydration, not the form's fields.
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    input[key] = values.length === 1 ? (values[0] as FormDataEntryValue) : values;
  }
  return input;
}

/** A field that may be left empty: "" reads as absent. */
export function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === "" ? undefined : value), schema.optional());
}

/** A checkbox: present ("on") or absent. */
export const checkbox = z
  .literal("on")
  .optional()
  .transform((value) => value === "on");

/** A field that may be sent any number of times (checkboxes sharing a name). */
export function repeated<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** A decimal id from a hidden field, e.g. a revision id. */
export const numericId = z.string().regex(/^\d{1,12}$/).transform(Number);

/** A Wikimedia wiki named by its host (lib/wikimedia/sites.ts), read into its `Site`. */
export const wikiSite = z.string().transform((value, context) => {
  const parsed = parseSite(value);
  if (parsed.ok) return parsed.site;
  context.addIssue({ code: "custom", message: parsed.error.message });
  return z.NEVER;
});
